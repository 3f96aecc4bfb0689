// Adam, AdamW and SGD for a group of same-architecture trials: every trial's parameters,
// gradients and optimizer state stacked as [G, P] (row g holds trial g's tensors back to back),
// and one update of all trials that stepped, in plain loops. Each trial keeps its own learning
// rate, weight decay, momentum and step count. The arithmetic is FlatOptimizer's, element by
// element in float32, so a trial's update equals its update alone to float rounding.
#pragma once

#include <ATen/core/Tensor.h>

#include <vector>

#include "sweeplab/experiment_spec.h"

namespace sweeplab {

class GroupedOptimizer {
 public:
  // Takes over each trial's parameters (all of one shape): their storage moves into row g of the
  // stacked buffers (values kept), and their gradients become views of the stacked gradients.
  GroupedOptimizer(Optimizer kind, const std::vector<std::vector<at::Tensor>>& parameters,
                   const std::vector<const TrainingSpec*>& training);

  void setLearningRate(int member, double lr) { members_[member].lr = lr; }
  // Updates the trials listed, each from the gradient its last step wrote.
  void step(const std::vector<int>& members);
  // Gives a trial its own storage again (a copy), so its checkpoints and snapshots hold
  // its tensors only; it takes no further steps.
  static void release(const std::vector<at::Tensor>& parameters);

  int64_t parametersPerTrial() const { return perTrial_; }

 private:
  struct Member {
    double lr = 0, weightDecay = 0, momentum = 0;
    long long steps = 0;
  };
  void adamStep(int member);
  void sgdStep(int member);

  Optimizer kind_;
  int64_t perTrial_ = 0;
  std::vector<Member> members_;
  at::Tensor values_, gradients_, first_, second_;  // [G, P] float32 each
};

}  // namespace sweeplab
