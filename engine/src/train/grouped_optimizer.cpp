#include "train/grouped_optimizer.h"

#include <ATen/ATen.h>
#include <c10/core/GradMode.h>

#include <cmath>
#include <stdexcept>

#include "train/adam_defaults.h"

namespace sweeplab {
namespace {

using adam::kBeta1;
using adam::kBeta2;
using adam::kEpsilon;

}  // namespace

GroupedOptimizer::GroupedOptimizer(Optimizer kind,
                                   const std::vector<std::vector<at::Tensor>>& parameters,
                                   const std::vector<const TrainingSpec*>& training)
    : kind_(kind) {
  c10::NoGradGuard noGrad;
  if (parameters.empty() || parameters.size() != training.size())
    throw std::invalid_argument("grouped optimizer: one parameter list per trial is needed");
  for (const at::Tensor& parameter : parameters.front()) perTrial_ += parameter.numel();
  const auto groupSize = static_cast<int64_t>(parameters.size());
  const at::TensorOptions options = parameters.front().front().options();
  values_ = at::empty({groupSize, perTrial_}, options);
  gradients_ = at::zeros({groupSize, perTrial_}, options);
  first_ = at::zeros_like(values_);
  second_ = at::zeros_like(values_);
  for (int64_t g = 0; g < groupSize; ++g) {
    int64_t offset = 0;
    for (at::Tensor parameter : parameters[g]) {
      const int64_t count = parameter.numel();
      if (offset + count > perTrial_)
        throw std::invalid_argument("grouped optimizer: trials of different shapes");
      at::Tensor value = values_[g].narrow(0, offset, count).view(parameter.sizes());
      value.copy_(parameter);
      parameter.set_data(value);
      parameter.mutable_grad() = gradients_[g].narrow(0, offset, count).view(parameter.sizes());
      offset += count;
    }
    if (offset != perTrial_)
      throw std::invalid_argument("grouped optimizer: trials of different shapes");
    const TrainingSpec& spec = *training[g];
    members_.push_back({spec.learning_rate, spec.weight_decay, spec.momentum, 0});
  }
}

void GroupedOptimizer::step(const std::vector<int>& members) {
  for (int member : members) {
    ++members_[member].steps;
    if (kind_ == Optimizer::Sgd)
      sgdStep(member);
    else
      adamStep(member);
  }
}

// FlatOptimizer::step() for one row: the same float32 operations with the same float scalars.
void GroupedOptimizer::adamStep(int member) {
  const Member& m = members_[member];
  float* value = values_.data_ptr<float>() + member * perTrial_;
  float* gradient = gradients_.data_ptr<float>() + member * perTrial_;
  float* first = first_.data_ptr<float>() + member * perTrial_;
  float* second = second_.data_ptr<float>() + member * perTrial_;
  const double correction1 = 1 - std::pow(kBeta1, m.steps);
  const double correction2 = 1 - std::pow(kBeta2, m.steps);
  const bool decoupled = kind_ == Optimizer::AdamW;
  const auto decay = static_cast<float>(1 - m.lr * m.weightDecay);
  const auto penalty = static_cast<float>(m.weightDecay);
  const auto beta1 = static_cast<float>(kBeta1), oneMinusBeta1 = static_cast<float>(1 - kBeta1);
  const auto beta2 = static_cast<float>(kBeta2), oneMinusBeta2 = static_cast<float>(1 - kBeta2);
  const auto rootCorrection2 = static_cast<float>(std::sqrt(correction2));
  const auto epsilon = static_cast<float>(kEpsilon);
  const auto stepSize = static_cast<float>(-m.lr / correction1);
  // LibTorch's CPU kernels compute `a.add_(b, alpha)` as one fused multiply-add; so does this.
  // SGD then gives FlatOptimizer's bits; Adam's addcmul and addcdiv fuse in LibTorch only in the
  // scalar tail of a vectorised loop, so its results differ in the last bits.
  for (int64_t i = 0; i < perTrial_; ++i) {
    float g = gradient[i];
    if (decoupled)
      value[i] *= decay;
    else if (m.weightDecay != 0)
      g = std::fma(value[i], penalty, g);
    first[i] = std::fma(g, oneMinusBeta1, first[i] * beta1);
    second[i] = second[i] * beta2 + oneMinusBeta2 * g * g;
    const float denominator = std::sqrt(second[i]) / rootCorrection2 + epsilon;
    value[i] = value[i] + stepSize * first[i] / denominator;
  }
}

void GroupedOptimizer::sgdStep(int member) {
  const Member& m = members_[member];
  float* value = values_.data_ptr<float>() + member * perTrial_;
  float* gradient = gradients_.data_ptr<float>() + member * perTrial_;
  float* buffer = first_.data_ptr<float>() + member * perTrial_;
  const auto penalty = static_cast<float>(m.weightDecay);
  const auto momentum = static_cast<float>(m.momentum);
  const auto stepSize = static_cast<float>(-m.lr);
  for (int64_t i = 0; i < perTrial_; ++i) {
    float g = gradient[i];
    if (m.weightDecay != 0) g = std::fma(value[i], penalty, g);
    if (m.momentum != 0) {
      // PyTorch seeds the buffer with the first gradient, then decays it.
      buffer[i] = m.steps == 1 ? g : buffer[i] * momentum + g;
      g = buffer[i];
    }
    value[i] = std::fma(g, stepSize, value[i]);
  }
}

void GroupedOptimizer::release(const std::vector<at::Tensor>& parameters) {
  c10::NoGradGuard noGrad;
  for (at::Tensor parameter : parameters) {
    parameter.set_data(parameter.detach().clone());
    parameter.mutable_grad() = at::Tensor();
  }
}

}  // namespace sweeplab
