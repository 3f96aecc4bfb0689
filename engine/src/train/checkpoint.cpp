#include "train/checkpoint.h"

#include <c10/core/GradMode.h>
#include <torch/nn/module.h>
#include <torch/serialize/output-archive.h>

#include <cstdio>

#include "sweeplab/errors.h"

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

void saveStateFile(const torch::nn::Module& model, const std::string& path) {
  torch::serialize::OutputArchive archive;
  model.save(archive);
  const std::string temporary = path + ".tmp";
  try {
    archive.save_to(temporary);
  } catch (const std::exception& error) {
    std::remove(temporary.c_str());
    throw InputError(path + ": cannot write checkpoint: " + error.what());
  }
  if (std::rename(temporary.c_str(), path.c_str()) != 0)
    throw InputError(path + ": cannot write checkpoint (rename failed)");
}

}  // namespace sweeplab
