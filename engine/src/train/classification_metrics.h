// Accuracy bookkeeping without a host synchronisation per step: predictions are folded into a
// confusion matrix on the training device and read only when a metric is due.
#pragma once

#include <ATen/core/Tensor.h>

#include <vector>

namespace sweeplab {

class ConfusionMatrix {
 public:
  ConfusionMatrix(int classes, const at::Device& device);

  void add(const at::Tensor& logits, const at::Tensor& labels);
  void addPredictions(const at::Tensor& predicted, const at::Tensor& labels);
  // Adds counts kept on the host: classes x classes, row = true class, column = predicted.
  void addCounts(const std::vector<int64_t>& counts);
  void reset();
  // Copies the counts to the host (the one synchronising call).
  at::Tensor hostCounts() const;

 private:
  int classes_;
  at::Tensor counts_;  // classes*classes int64, row = true class, column = predicted
};

// Macro-averaged accuracy as torchmetrics' MulticlassAccuracy (MASE's metric) computes it:
// mean per-class recall over the classes that occur in the labels or in the predictions.
double macroAccuracy(const at::Tensor& hostCounts);
// Share of correct predictions.
double microAccuracy(const at::Tensor& hostCounts);
// Recall of each class (NaN for a class without rows) and the counts row-major, as plain
// vectors for summaries.
std::vector<double> classRecalls(const at::Tensor& hostCounts);
std::vector<long long> flatCounts(const at::Tensor& hostCounts);

}  // namespace sweeplab
