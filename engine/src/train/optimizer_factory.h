// The optimizer named in the experiment, with its learning rate and weight decay.
#pragma once

#include <torch/optim/optimizer.h>

#include <memory>

#include "sweeplab/experiment_spec.h"

namespace sweeplab {

std::unique_ptr<torch::optim::Optimizer> makeOptimizer(const TrainingSpec& training,
                                                       std::vector<at::Tensor> parameters);

}  // namespace sweeplab
