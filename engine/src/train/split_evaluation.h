// Loss and accuracy of a model on one split, in evaluation mode and without gradients: the
// validation after each epoch, the test of the chosen checkpoint, `sweeplab-cli evaluate`.
#pragma once

#include <ATen/core/Tensor.h>
#include <torch/nn/modules/container/sequential.h>

#include <vector>

#include "sweeplab/metrics.h"
#include "train/device_data.h"

namespace sweeplab {

struct Evaluation {
  double loss = kNoValue;            // mean cross-entropy over the split's rows
  double acc = kNoValue;             // macro-averaged, as torchmetrics' MulticlassAccuracy
  double acc_micro = kNoValue;       // share of correct predictions
  std::vector<double> class_recall;  // per class; NaN for a class without rows
  std::vector<long long> confusion;  // row = true class, column = predicted, row-major
};

// Puts `model` in evaluation mode and runs it over `split` in large chunks.
Evaluation evaluateSplit(torch::nn::Sequential& model, const SplitTensors& split, int classes,
                         const at::Device& device);

}  // namespace sweeplab
