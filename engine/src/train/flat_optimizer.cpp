#include "train/flat_optimizer.h"

#include <ATen/ATen.h>
#include <c10/core/GradMode.h>

#include <cmath>

#include "train/adam_defaults.h"
#include "train/adam_tensor_update.h"
#include "train/device_fast_path.h"

namespace sweeplab {
namespace {

using adam::kBeta1;
using adam::kBeta2;
using adam::kEpsilon;

}  // namespace

FlatOptimizer::FlatOptimizer(const TrainingSpec& training,
                             const std::vector<at::Tensor>& parameters)
    : kind_(training.optimizer),
      lr_(training.learning_rate),
      weightDecay_(training.weight_decay),
      momentum_(training.momentum) {
  c10::NoGradGuard noGrad;
  int64_t total = 0;
  for (const at::Tensor& parameter : parameters) total += parameter.numel();
  const at::TensorOptions options = parameters.front().options();
  values_ = at::empty({total}, options);
  gradients_ = at::zeros({total}, options);
  int64_t offset = 0;
  for (at::Tensor parameter : parameters) {
    const int64_t count = parameter.numel();
    at::Tensor value = values_.narrow(0, offset, count).view(parameter.sizes());
    value.copy_(parameter);
    parameter.set_data(value);
    // Autograd accumulates into an existing gradient in place, so these views stay filled.
    parameter.mutable_grad() = gradients_.narrow(0, offset, count).view(parameter.sizes());
    offset += count;
  }
  first_ = at::zeros_like(values_);
  if (kind_ != Optimizer::Sgd) second_ = at::zeros_like(values_);
}

void FlatOptimizer::keepScalarsOnDevice() {
  const at::TensorOptions options = values_.options().dtype(at::kFloat);
  deviceSteps_ = at::full({}, static_cast<double>(steps_), options);
  deviceLr_ = at::full({}, lr_, options);
}

void FlatOptimizer::setLearningRate(double lr) {
  lr_ = lr;
  if (deviceLr_.defined()) deviceLr_.fill_(lr);
}

void FlatOptimizer::zeroGrad() {
  gradients_.zero_();
}

void FlatOptimizer::step() {
  c10::NoGradGuard noGrad;
  ++steps_;
  if (deviceSteps_.defined()) {
    stepWithDeviceScalars();
    return;
  }
  at::Tensor gradient = gradients_;
  if (kind_ == Optimizer::AdamW) {
    values_.mul_(1 - lr_ * weightDecay_);  // decoupled decay
  } else if (weightDecay_ != 0) {
    gradient = gradient.add(values_, weightDecay_);  // L2 penalty folded into the gradient
  }
  if (kind_ == Optimizer::Sgd) {
    if (momentum_ != 0) {
      // PyTorch seeds the buffer with the first gradient, then decays it.
      if (steps_ == 1)
        first_.copy_(gradient);
      else
        first_.mul_(momentum_).add_(gradient);
      gradient = first_;
    }
    values_.add_(gradient, -lr_);
    return;
  }
  const double correction1 = 1 - std::pow(kBeta1, steps_);
  const double correction2 = 1 - std::pow(kBeta2, steps_);
  first_.mul_(kBeta1).add_(gradient, 1 - kBeta1);
  second_.mul_(kBeta2).addcmul_(gradient, gradient, 1 - kBeta2);
  const at::Tensor denominator = (second_.sqrt() / std::sqrt(correction2)).add_(kEpsilon);
  values_.addcdiv_(first_, denominator, -lr_ / correction1);
}

// The same updates with the learning rate and the bias corrections as device tensors. Rounding
// differs from step() in the last bits (float32 scalars), not in the arithmetic.
void FlatOptimizer::stepWithDeviceScalars() {
  deviceSteps_.add_(1);
  if (kind_ != Optimizer::Sgd) {
    const fast::FusedAdam fused{kind_ == Optimizer::AdamW, kBeta1, kBeta2, kEpsilon, weightDecay_};
    if (fast::fusedAdamStep(fused, values_, gradients_, first_, second_, deviceSteps_, deviceLr_))
      return;
  }
  at::Tensor gradient = gradients_;
  if (kind_ == Optimizer::AdamW) {
    values_.mul_(deviceLr_.mul(-weightDecay_).add_(1));
  } else if (weightDecay_ != 0) {
    gradient = gradient.add(values_, weightDecay_);
  }
  if (kind_ == Optimizer::Sgd) {
    if (momentum_ != 0) {
      // The buffer starts at zero, so the first step leaves exactly the gradient in it, as
      // PyTorch's seeding with the first gradient does.
      first_.mul_(momentum_).add_(gradient);
      gradient = first_;
    }
    values_.addcmul_(gradient, deviceLr_, -1);
    return;
  }
  adamTensorUpdate(values_, first_, second_, gradient, deviceSteps_, deviceLr_);
}

}  // namespace sweeplab
