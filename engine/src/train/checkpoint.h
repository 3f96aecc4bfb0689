// Model state kept in memory (the best epoch so far) and written to checkpoint files.
#pragma once

#include <ATen/core/Tensor.h>
#include <string>
#include <vector>

namespace torch::nn {
class Module;
}

namespace sweeplab {

// Copies of every parameter and buffer (batch-norm statistics included), in module order.
using ModelState = std::vector<at::Tensor>;

ModelState snapshotState(const torch::nn::Module& model);
void restoreState(torch::nn::Module& model, const ModelState& state);

// Writes the module's parameters and buffers with LibTorch's archive format, atomically.
void saveStateFile(const torch::nn::Module& model, const std::string& path);

}  // namespace sweeplab
