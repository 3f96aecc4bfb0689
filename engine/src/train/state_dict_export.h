// Trained weights for Python: a file that torch.load reads as a dict of tensors whose keys are
// MASE's module names, so `model.load_state_dict(torch.load(path))` works on MASE's jsc models.
#pragma once

#include <ATen/core/Tensor.h>
#include <string>
#include <utility>
#include <vector>

namespace torch::nn {
class Module;
}

namespace sweeplab {

// MASE's jsc networks hold their layers in an nn.Sequential named seq_blocks.
inline constexpr const char* kMaseSequentialName = "seq_blocks";

// Parameters and buffers with PyTorch's state_dict keys and order (each module's own
// parameters, then its buffers, then its children), copied to the CPU.
std::vector<std::pair<std::string, at::Tensor>> stateDictEntries(const torch::nn::Module& model,
                                                                 const std::string& prefix);

// Writes them with torch.save's format (a pickled dict in a zip archive), atomically.
void saveStateDictFile(const torch::nn::Module& model, const std::string& path,
                       const std::string& prefix = kMaseSequentialName);

}  // namespace sweeplab
