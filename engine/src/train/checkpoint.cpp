#include "train/checkpoint.h"

#include <c10/core/GradMode.h>
#include <torch/nn/module.h>
#include <torch/serialize/output-archive.h>

#include <sstream>

#include "sweeplab/errors.h"
#include "sweeplab/run_folder.h"

namespace sweeplab {
namespace {

std::vector<at::Tensor> stateTensors(const torch::nn::Module& model) {
  std::vector<at::Tensor> tensors = model.parameters();
  for (const auto& buffer : model.buffers()) tensors.push_back(buffer);
  return tensors;
}

}  // namespace

ModelState snapshotState(const torch::nn::Module& model) {
  c10::NoGradGuard noGrad;
  ModelState state;
  for (const auto& tensor : stateTensors(model)) state.push_back(tensor.detach().clone());
  return state;
}

void restoreState(torch::nn::Module& model, const ModelState& state) {
  c10::NoGradGuard noGrad;
  std::vector<at::Tensor> tensors = stateTensors(model);
  for (size_t i = 0; i < tensors.size() && i < state.size(); ++i) tensors[i].copy_(state[i]);
}

// Serialised in memory first: LibTorch's file writer reports a failed write (a full disk) by
// throwing from a destructor, which ends the process. The bytes then go through the same
// temp file + fsync + rename as every other file of a run folder.
void saveStateFile(const torch::nn::Module& model, const std::string& path) {
  std::ostringstream bytes;
  try {
    torch::serialize::OutputArchive archive;
    model.save(archive);
    archive.save_to(bytes);
  } catch (const std::exception& error) {
    throw std::runtime_error(path + ": cannot serialise the checkpoint: " + error.what());
  }
  writeFileAtomically(path, bytes.str());
}

}  // namespace sweeplab
