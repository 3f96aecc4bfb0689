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

  // From now on the step count and learning rate live in tensors on the parameters' device, so
  // step() depends on no host value and can be captured in a CUDA graph; on a GPU build Adam
  // then runs as one fused kernel. Call before the first step.
  void keepScalarsOnDevice();

  void zeroGrad();
  void step();
  void setLearningRate(double lr);

 private:
  void stepWithDeviceScalars();

  Optimizer kind_;
  double lr_;
  double weightDecay_;
  double momentum_;
  long long steps_ = 0;
  at::Tensor deviceSteps_;  // set by keepScalarsOnDevice(): float32 step count
  at::Tensor deviceLr_;     // ... and learning rate, both 0-dim on the parameters' device
  at::Tensor values_;       // every parameter, back to back
  at::Tensor gradients_;    // their gradients, same layout
  at::Tensor first_;        // Adam: first moment; SGD: momentum buffer
  at::Tensor second_;       // Adam: second moment
};

}  // namespace sweeplab
