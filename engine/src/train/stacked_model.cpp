#include "train/stacked_model.h"

#include <ATen/ATen.h>
#include <ATen/Context.h>
#include <c10/core/GradMode.h>
#include <torch/nn/modules/activation.h>
#include <torch/nn/modules/batchnorm.h>
#include <torch/nn/modules/linear.h>

#include <cstddef>
#include <functional>
#include <stdexcept>
#include <string>

#include "train/adam_tensor_update.h"

namespace sweeplab {

StackedModel::StackedModel(const std::vector<torch::nn::Sequential>& models,
                           const std::vector<const TrainingSpec*>& training)
    : models_(models), kind_(training.front()->optimizer) {
  stackLayers();
  if (parameters_.empty())
    throw std::invalid_argument("a trial group needs a model with parameters");
  stackParameters(training);
}

// Reads the layers of the members' models (formTrialGroups made sure they are alike) and refuses
// a layer the stacked forward pass does not compute.
void StackedModel::stackLayers() {
  c10::NoGradGuard noGrad;
  torch::nn::Sequential& first = models_.front();
  const auto stackedOf = [this](const std::function<at::Tensor(torch::nn::Module&)>& pick,
                                size_t layer) {
    Stacked stacked;
    for (torch::nn::Sequential& model : models_) stacked.own.push_back(pick(*model->ptr(layer)));
    stacked.values = at::stack(stacked.own);
    return stacked;
  };
  const auto parameter = [&](const std::function<at::Tensor(torch::nn::Module&)>& pick,
                             size_t layer) {
    parameters_.push_back(stackedOf(pick, layer));
    return static_cast<int>(parameters_.size()) - 1;
  };
  for (size_t i = 0; i < first->size(); ++i) {
    const std::shared_ptr<torch::nn::Module> module = first->ptr(i);
    Layer layer;
    if (auto* linear = module->as<torch::nn::Linear>()) {
      layer.kind = Layer::Kind::Linear;
      layer.weight =
          parameter([](torch::nn::Module& m) { return m.as<torch::nn::Linear>()->weight; }, i);
      if (linear->bias.defined())
        layer.bias =
            parameter([](torch::nn::Module& m) { return m.as<torch::nn::Linear>()->bias; }, i);
    } else if (auto* norm = module->as<torch::nn::BatchNorm1d>()) {
      const auto& options = norm->options;
      if (!options.affine() || !options.track_running_stats() || !options.momentum())
        throw std::invalid_argument(
            "a trial group trains batch norm with affine weights, running statistics and a "
            "momentum");
      layer.kind = Layer::Kind::BatchNorm;
      layer.eps = options.eps();
      layer.momentum = *options.momentum();
      const auto of = [](torch::nn::Module& m) { return m.as<torch::nn::BatchNorm1d>(); };
      layer.weight = parameter([&](torch::nn::Module& m) { return of(m)->weight; }, i);
      layer.bias = parameter([&](torch::nn::Module& m) { return of(m)->bias; }, i);
      layer.runningMean = stackedOf([&](torch::nn::Module& m) { return of(m)->running_mean; }, i);
      layer.runningVar = stackedOf([&](torch::nn::Module& m) { return of(m)->running_var; }, i);
      for (torch::nn::Sequential& model : models_)
        layer.batchesTracked.push_back(of(*model->ptr(i))->num_batches_tracked);
    } else if (module->as<torch::nn::ReLU>() || module->as<torch::nn::LeakyReLU>() ||
               module->as<torch::nn::GELU>() || module->as<torch::nn::Tanh>() ||
               module->as<torch::nn::Sigmoid>() || module->as<torch::nn::SiLU>() ||
               module->as<torch::nn::ELU>() || module->as<torch::nn::ReLU6>()) {
      layer.module = &*(first->begin() + static_cast<std::ptrdiff_t>(i));
    } else {
      throw std::invalid_argument("a trial group on a device cannot train the layer " +
                                  module->name() + " (layer " + std::to_string(i) + ")");
    }
    layers_.push_back(std::move(layer));
  }
}

// Re-seats the stacked parameters as views into one flat buffer and their gradients as views
// into another, as FlatOptimizer does, so the update is a handful of ops for the whole group.
// Each parameter is a contiguous block, so its gradient keeps the layout autograd expects.
void StackedModel::stackParameters(const std::vector<const TrainingSpec*>& training) {
  c10::NoGradGuard noGrad;
  int64_t total = 0;
  for (const Stacked& p : parameters_) total += p.values.numel();
  const auto groupSize = static_cast<int64_t>(models_.size());
  const at::TensorOptions options = parameters_.front().values.options();
  values_ = at::empty({total}, options);
  gradients_ = at::zeros({total}, options);
  first_ = at::zeros_like(values_);
  second_ = at::zeros_like(values_);
  std::vector<at::Tensor> owners;
  const at::Tensor members = at::arange(groupSize, options.dtype(at::kLong));
  int64_t offset = 0;
  for (Stacked& p : parameters_) {
    const int64_t count = p.values.numel();
    at::Tensor value = values_.narrow(0, offset, count).view(p.values.sizes());
    value.copy_(p.values);
    at::Tensor leaf = at::empty(p.values.sizes(), options);
    leaf.set_data(value);
    leaf.set_requires_grad(true);
    // Autograd accumulates into an existing gradient in place, so these views stay filled.
    leaf.mutable_grad() = gradients_.narrow(0, offset, count).view(p.values.sizes());
    p.values = leaf;
    owners.push_back(members.repeat_interleave(count / groupSize));
    offset += count;
  }
  memberOf_ = at::cat(owners);
  std::vector<float> weightDecay, momentum;
  for (const TrainingSpec* member : training) {
    const TrainingSpec& spec = *member;
    weightDecay.push_back(static_cast<float>(spec.weight_decay));
    momentum.push_back(static_cast<float>(spec.momentum));
    anyWeightDecay_ = anyWeightDecay_ || spec.weight_decay != 0;
    anyMomentum_ = anyMomentum_ || spec.momentum != 0;
  }
  const auto perValue = [&](const std::vector<float>& perMember) {
    return at::tensor(perMember).to(options.device()).index_select(0, memberOf_);
  };
  weightDecayPerValue_ = perValue(weightDecay);
  momentumPerValue_ = perValue(momentum);
  lr_ = at::zeros({groupSize}, options.dtype(at::kFloat));
  lrPerValue_ = at::zeros({total}, options.dtype(at::kFloat));
  steps_ = at::zeros({}, options.dtype(at::kFloat));
}

at::Tensor StackedModel::forward(const at::Tensor& features) {
  at::Tensor x = features;
  for (Layer& layer : layers_) x = forward(layer, x);
  return x;
}

void StackedModel::zeroGrad() {
  gradients_.zero_();
}

void StackedModel::setLearningRate(int member, double lr) {
  lr_[member].fill_(lr);
  at::index_select_out(lrPerValue_, lr_, 0, memberOf_);
}

at::Tensor StackedModel::forward(Layer& layer, const at::Tensor& x) {
  switch (layer.kind) {
    case Layer::Kind::Linear: {
      const at::Tensor weight = parameters_[layer.weight].values.transpose(1, 2);
      if (layer.bias < 0) return at::bmm(x, weight);
      return at::baddbmm(parameters_[layer.bias].values.unsqueeze(1), x, weight);
    }
    case Layer::Kind::BatchNorm: {
      // One batch norm over [B, G x C]: each member's channels are normalised over its own rows,
      // and its running statistics updated, by the kernel its module alone would use.
      const int64_t groupSize = x.size(0), size = x.size(1), channels = x.size(2);
      const at::Tensor rows = x.transpose(0, 1).reshape({size, groupSize * channels});
      const at::Tensor out =
          at::batch_norm(rows, parameters_[layer.weight].values.reshape({-1}),
                         parameters_[layer.bias].values.reshape({-1}),
                         layer.runningMean.values.view({-1}), layer.runningVar.values.view({-1}),
                         true, layer.momentum, layer.eps, at::globalContext().userEnabledCuDNN());
      return out.view({size, groupSize, channels}).transpose(0, 1);
    }
    case Layer::Kind::Elementwise:
      return layer.module->forward(x);
  }
  return x;
}

// FlatOptimizer's update with device scalars, each value with its member's settings. A member
// without weight decay or momentum gets exactly its update alone: x * 0 adds nothing.
void StackedModel::step() {
  c10::NoGradGuard noGrad;
  steps_.add_(1);
  at::Tensor gradient = gradients_;
  if (kind_ == Optimizer::AdamW) {
    values_.mul_(lrPerValue_.mul(weightDecayPerValue_).neg_().add_(1));  // decoupled decay
  } else if (anyWeightDecay_) {
    // L2 penalty folded into the gradient.
    gradient = gradient.addcmul(values_, weightDecayPerValue_);
  }
  if (kind_ == Optimizer::Sgd) {
    if (anyMomentum_) {
      // The buffer starts at zero, so the first step leaves exactly the gradient in it.
      first_.mul_(momentumPerValue_).add_(gradient);
      gradient = first_;
    }
    values_.addcmul_(gradient, lrPerValue_, -1);
    return;
  }
  adamTensorUpdate(values_, first_, second_, gradient, steps_, lrPerValue_);
}

void StackedModel::copyInto(int member, int64_t steps) {
  c10::NoGradGuard noGrad;
  const auto index = static_cast<size_t>(member);
  for (Stacked& p : parameters_) p.own[index].copy_(p.values[member]);
  for (Layer& layer : layers_) {
    if (layer.kind != Layer::Kind::BatchNorm) continue;
    layer.runningMean.own[index].copy_(layer.runningMean.values[member]);
    layer.runningVar.own[index].copy_(layer.runningVar.values[member]);
    // The module counts its training batches; the stacked batch norm does not.
    layer.batchesTracked[index].add_(steps);
  }
}

}  // namespace sweeplab
