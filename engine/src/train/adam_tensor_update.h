// Adam's update in plain tensor ops, with the step count and the learning rate as tensors, so
// that nothing reads a host value and a CUDA graph can capture it. FlatOptimizer (one trial,
// 0-dim rate) and StackedModel (a group, one rate per value) share it.
#pragma once

#include <ATen/core/Tensor.h>

namespace sweeplab {

// values -= lr / (1 - beta1^t) * m / (sqrt(v) / sqrt(1 - beta2^t) + eps), after updating the
// moments m (`first`) and v (`second`) from `gradient`; `steps`: t, already counted for this
// step; `lr`: 0-dim or one per value.
void adamTensorUpdate(const at::Tensor& values, const at::Tensor& first, const at::Tensor& second,
                      const at::Tensor& gradient, const at::Tensor& steps, const at::Tensor& lr);

}  // namespace sweeplab
