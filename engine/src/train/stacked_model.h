// The models of a group's trials as one: each layer's parameters stacked as [G, ...] leaves
// (Linear weight [G, out, in] and bias [G, out], batch-norm weight, bias and running statistics
// [G, C]), a forward pass of ordinary LibTorch ops that computes every member at once on any
// device, and Adam, AdamW or SGD over the stacked state with each member's own learning rate,
// weight decay and momentum held on the device, so neither the forward pass nor the update reads
// a host value and both can be captured in a CUDA graph. The arithmetic is FlatOptimizer's with
// device scalars, each member's layers as its module computes them.
#pragma once

#include <ATen/core/Tensor.h>
#include <torch/nn/modules/container/sequential.h>

#include <vector>

#include "sweeplab/experiment_spec.h"

namespace sweeplab {

class StackedModel {
 public:
  // Stacks copies of the members' parameters and buffers; the members' models stay their own and
  // are written only by copyInto(). Throws std::invalid_argument naming the layer when one is not
  // Linear, BatchNorm1d (affine, with running statistics and a momentum) or an element-wise
  // activation. `training`: each member's; the optimizer is the first's.
  StackedModel(const std::vector<torch::nn::Sequential>& models,
               const std::vector<const TrainingSpec*>& training);

  // [G, B, features] to logits [G, B, classes], in training mode: batch norm normalises each
  // member over its own rows and updates its running statistics.
  at::Tensor forward(const at::Tensor& features);
  void zeroGrad();
  // One update of every member from the gradients its loss left.
  void step();
  // Not while a graph captures: the update reads the rates in place.
  void setLearningRate(int member, double lr);
  // Member g's slice of every parameter and buffer into its own model; `steps`: the training
  // steps it took since the last copy, which its batch norms' num_batches_tracked counts.
  void copyInto(int member, int64_t steps);

 private:
  // A stacked tensor [G, ...] and the member tensors it stands for.
  struct Stacked {
    at::Tensor values;
    std::vector<at::Tensor> own;  // member g's parameter or buffer
  };
  struct Layer {
    enum class Kind { Linear, BatchNorm, Elementwise } kind = Kind::Elementwise;
    int weight = -1, bias = -1;  // positions in parameters_; no bias: -1
    Stacked runningMean, runningVar;
    std::vector<at::Tensor> batchesTracked;  // each member's num_batches_tracked
    double eps = 0, momentum = 0;
    torch::nn::AnyModule* module = nullptr;  // element-wise: the first member's, stateless
  };

  void stackLayers();
  void stackParameters(const std::vector<const TrainingSpec*>& training);
  at::Tensor forward(Layer& layer, const at::Tensor& x);

  std::vector<torch::nn::Sequential> models_;
  Optimizer kind_;
  std::vector<Layer> layers_;
  std::vector<Stacked> parameters_;  // values: leaves whose data are views of values_
  // The stacked parameters back to back, each a contiguous [G, ...] block, and every member's
  // settings spread over its values. Members step together, so they share one step count.
  at::Tensor values_, gradients_, first_, second_;
  at::Tensor lr_;        // [G]
  at::Tensor memberOf_;  // the member each value belongs to
  at::Tensor lrPerValue_, weightDecayPerValue_, momentumPerValue_;
  at::Tensor steps_;  // 0-dim float32, as FlatOptimizer's
  bool anyWeightDecay_ = false, anyMomentum_ = false;
};

}  // namespace sweeplab
