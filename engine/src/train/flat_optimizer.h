// Adam, AdamW and SGD over one flat buffer. The model's parameters and gradients are re-seated
// as views into two contiguous tensors, so zeroing the gradients is one op and an optimizer step
// is a handful of ops in all, instead of several per parameter tensor. The element-wise
// arithmetic is the same sequence LibTorch's optimizers use, so results match them.
#pragma once

#include <ATen/core/Tensor.h>
#include <vector>

#include "sweeplab/experiment_spec.h"

namespace sweeplab {

class FlatOptimizer {
 public:
  // Takes over `parameters`: their storage moves into the flat buffer (values kept).
  FlatOptimizer(const TrainingSpec& training, const std::vector<at::Tensor>& parameters);

  void zeroGrad();
  void step();
  void setLearningRate(double lr) { lr_ = lr; }

 private:
  Optimizer kind_;
  double lr_;
  double weightDecay_;
  double momentum_;
  long long steps_ = 0;
  at::Tensor values_;     // every parameter, back to back
  at::Tensor gradients_;  // their gradients, same layout
  at::Tensor first_;      // Adam: first moment; SGD: momentum buffer
  at::Tensor second_;     // Adam: second moment
};

}  // namespace sweeplab
