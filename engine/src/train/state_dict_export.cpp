#include "train/state_dict_export.h"

#include <ATen/core/Dict.h>
#include <torch/csrc/jit/serialization/pickle.h>
#include <torch/nn/module.h>

#include "sweeplab/errors.h"
#include "sweeplab/run_folder.h"

namespace sweeplab {
namespace {

void appendEntries(const torch::nn::Module& module, const std::string& prefix,
                   std::vector<std::pair<std::string, at::Tensor>>& entries) {
  const std::string dotted = prefix.empty() ? "" : prefix + ".";
  for (const auto& parameter : module.named_parameters(/*recurse=*/false))
    entries.emplace_back(dotted + parameter.key(), parameter.value().detach().cpu().contiguous());
  for (const auto& buffer : module.named_buffers(/*recurse=*/false))
    entries.emplace_back(dotted + buffer.key(), buffer.value().detach().cpu().contiguous());
  for (const auto& child : module.named_children())
    appendEntries(*child.value(), dotted + child.key(), entries);
}

}  // namespace

std::vector<std::pair<std::string, at::Tensor>> stateDictEntries(const torch::nn::Module& model,
                                                                 const std::string& prefix) {
  std::vector<std::pair<std::string, at::Tensor>> entries;
  appendEntries(model, prefix, entries);
  return entries;
}

void saveStateDictFile(const torch::nn::Module& model, const std::string& path,
                       const std::string& prefix) {
  c10::Dict<std::string, at::Tensor> dict;  // keeps insertion order, as a state_dict does
  for (auto& [key, tensor] : stateDictEntries(model, prefix)) dict.insert(key, tensor);
  std::vector<char> bytes;
  try {
    bytes = torch::jit::pickle_save(c10::IValue(dict));
  } catch (const std::exception& error) {
    throw InputError(path + ": cannot serialise the weights: " + error.what());
  }
  writeFileAtomically(path, std::string(bytes.begin(), bytes.end()));
}

}  // namespace sweeplab
