// Builds a LibTorch network from the catalog's layer plan (model_catalog.h), so the parameter
// counts the CLI and GUI show are the ones that train.
#pragma once

#include <torch/nn/modules/container/sequential.h>

#include "sweeplab/model_catalog.h"

namespace sweeplab {

torch::nn::Sequential buildTorchModel(const ModelInfo& model);

long long countTrainableParameters(const torch::nn::Module& model);

}  // namespace sweeplab
