#include "train/optimizer_factory.h"

#include <torch/optim/adam.h>
#include <torch/optim/adamw.h>
#include <torch/optim/sgd.h>

namespace sweeplab {

std::unique_ptr<torch::optim::Optimizer> makeOptimizer(const TrainingSpec& training,
                                                       std::vector<at::Tensor> parameters) {
  const double lr = training.learning_rate;
  switch (training.optimizer) {
    case Optimizer::Adam:
      return std::make_unique<torch::optim::Adam>(
          std::move(parameters), torch::optim::AdamOptions(lr).weight_decay(training.weight_decay));
    case Optimizer::AdamW:
      return std::make_unique<torch::optim::AdamW>(
          std::move(parameters),
          torch::optim::AdamWOptions(lr).weight_decay(training.weight_decay));
    case Optimizer::Sgd:
      return std::make_unique<torch::optim::SGD>(std::move(parameters),
                                                 torch::optim::SGDOptions(lr)
                                                     .momentum(training.momentum)
                                                     .weight_decay(training.weight_decay));
  }
  return nullptr;
}

}  // namespace sweeplab
