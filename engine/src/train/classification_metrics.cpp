#include "train/classification_metrics.h"

#include <ATen/ATen.h>

#include "sweeplab/metrics.h"

namespace sweeplab {

ConfusionMatrix::ConfusionMatrix(int classes, const at::Device& device)
    : classes_(classes),
      counts_(at::zeros({classes * classes}, at::TensorOptions().dtype(at::kLong).device(device))) {
}

void ConfusionMatrix::add(const at::Tensor& logits, const at::Tensor& labels) {
  addPredictions(logits.argmax(1), labels);
}

void ConfusionMatrix::addPredictions(const at::Tensor& predicted, const at::Tensor& labels) {
  const at::Tensor cells = labels * classes_ + predicted;
  // index_add_ instead of bincount: bincount sizes its output from the data, which syncs on CUDA.
  counts_.index_add_(0, cells, at::ones_like(cells));
}

void ConfusionMatrix::addCounts(const std::vector<int64_t>& counts) {
  const at::Tensor host = at::from_blob(const_cast<int64_t*>(counts.data()),
                                        {static_cast<int64_t>(counts.size())}, at::kLong);
  counts_.add_(host.to(counts_.device()));
}

void ConfusionMatrix::reset() {
  counts_.zero_();
}

at::Tensor ConfusionMatrix::hostCounts() const {
  return counts_.to(at::kCPU).view({classes_, classes_});
}

double macroAccuracy(const at::Tensor& hostCounts) {
  const auto counts = hostCounts.accessor<int64_t, 2>();
  const int64_t classes = hostCounts.size(0);
  double sum = 0;
  int64_t included = 0;
  for (int64_t c = 0; c < classes; ++c) {
    int64_t support = 0, predicted = 0;
    for (int64_t k = 0; k < classes; ++k) {
      support += counts[c][k];
      predicted += counts[k][c];
    }
    if (support == 0 && predicted == 0) continue;  // class absent from labels and predictions
    ++included;
    if (support > 0) sum += static_cast<double>(counts[c][c]) / support;
  }
  return included ? sum / included : 0.0;
}

double microAccuracy(const at::Tensor& hostCounts) {
  const double total = hostCounts.sum().item<double>();
  return total > 0 ? hostCounts.diagonal().sum().item<double>() / total : 0.0;
}

std::vector<double> classRecalls(const at::Tensor& hostCounts) {
  const auto counts = hostCounts.accessor<int64_t, 2>();
  std::vector<double> recalls;
  for (int64_t c = 0; c < hostCounts.size(0); ++c) {
    int64_t support = 0;
    for (int64_t k = 0; k < hostCounts.size(1); ++k) support += counts[c][k];
    recalls.push_back(support > 0 ? static_cast<double>(counts[c][c]) / support : kNoValue);
  }
  return recalls;
}

std::vector<long long> flatCounts(const at::Tensor& hostCounts) {
  const at::Tensor flat = hostCounts.contiguous().view({-1});
  const int64_t* data = flat.data_ptr<int64_t>();
  return {data, data + flat.numel()};
}

}  // namespace sweeplab
