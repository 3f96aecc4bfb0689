#include "train/torch_model.h"

#include <torch/nn/modules/activation.h>
#include <torch/nn/modules/batchnorm.h>
#include <torch/nn/modules/dropout.h>
#include <torch/nn/modules/linear.h>

namespace sweeplab {

torch::nn::Sequential buildTorchModel(const ModelInfo& model) {
  using Kind = LayerDef::Kind;
  torch::nn::Sequential net;
  for (const LayerDef& layer : model.layers) {
    switch (layer.kind) {
      case Kind::BatchNorm:
        net->push_back(torch::nn::BatchNorm1d(layer.in));
        break;
      case Kind::Linear:
        net->push_back(torch::nn::Linear(layer.in, layer.out));
        break;
      case Kind::ReLU:
        net->push_back(torch::nn::ReLU());
        break;
      case Kind::Tanh:
        net->push_back(torch::nn::Tanh());
        break;
      case Kind::GELU:
        net->push_back(torch::nn::GELU());
        break;
      case Kind::LeakyReLU:
        net->push_back(torch::nn::LeakyReLU());
        break;
      case Kind::Dropout:
        net->push_back(torch::nn::Dropout(layer.p));
        break;
    }
  }
  return net;
}

long long countTrainableParameters(const torch::nn::Module& model) {
  long long count = 0;
  for (const auto& parameter : model.parameters())
    if (parameter.requires_grad()) count += parameter.numel();
  return count;
}

}  // namespace sweeplab
