#include "train/split_evaluation.h"

#include <ATen/ATen.h>
#include <c10/core/GradMode.h>
#include <torch/nn/functional/loss.h>

#include <algorithm>

#include "train/classification_metrics.h"

namespace sweeplab {

Evaluation evaluateSplit(torch::nn::Sequential& model, const SplitTensors& split, int classes,
                         const at::Device& device) {
  c10::NoGradGuard noGrad;
  model->eval();
  ConfusionMatrix confusion(classes, device);
  at::Tensor lossSum = at::zeros({}, split.features.options());
  // Chunks bound the memory of the activations on splits of hundreds of thousands of rows.
  constexpr int64_t kChunk = 65536;
  for (int64_t begin = 0; begin < split.rows(); begin += kChunk) {
    const int64_t size = std::min(kChunk, split.rows() - begin);
    const at::Tensor logits = model->forward(split.features.narrow(0, begin, size));
    const at::Tensor labels = split.labels.narrow(0, begin, size);
    lossSum.add_(torch::nn::functional::cross_entropy(logits, labels) * static_cast<double>(size));
    confusion.add(logits, labels);
  }
  const at::Tensor counts = confusion.hostCounts();
  Evaluation result;
  result.loss = lossSum.item<double>() / std::max<int64_t>(1, split.rows());
  result.acc = macroAccuracy(counts);
  result.acc_micro = microAccuracy(counts);
  result.class_recall = classRecalls(counts);
  result.confusion = flatCounts(counts);
  return result;
}

}  // namespace sweeplab
