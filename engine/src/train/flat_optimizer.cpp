#include "train/flat_optimizer.h"

#include <ATen/ATen.h>

#include <cmath>

namespace sweeplab {
namespace {

constexpr double kBeta1 = 0.9;  // PyTorch's Adam defaults, as MASE uses them
constexpr double kBeta2 = 0.999;
constexpr double kEpsilon = 1e-8;

}  // namespace

FlatOptimizer::FlatOptimizer(const TrainingSpec& training,
                             const std::vector<at::Tensor>& parameters)
    : kind_(training.optimizer),
      lr_(training.learning_rate),
      weightDecay_(training.weight_decay),
      momentum_(training.momentum) {
  at::NoGradGuard noGrad;
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

void FlatOptimizer::zeroGrad() {
  gradients_.zero_();
}

void FlatOptimizer::step() {
  at::NoGradGuard noGrad;
  ++steps_;
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

}  // namespace sweeplab
