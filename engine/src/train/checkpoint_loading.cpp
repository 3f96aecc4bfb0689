#include "train/checkpoint_loading.h"

#include <ATen/ATen.h>
#include <torch/nn/module.h>
#include <torch/serialize/input-archive.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <vector>

#include "sweeplab/errors.h"

namespace sweeplab {
namespace {

namespace fs = std::filesystem;

// The archive adds names and a small pickle per tensor to the raw values; a megabyte covers it
// for every catalog model many times over.
constexpr std::uintmax_t kArchiveOverheadBytes = 1u << 20;

struct Replacement {
  at::Tensor target;
  at::Tensor loaded;
};

std::string shapeText(const at::Tensor& tensor) {
  std::ostringstream text;
  text << tensor.sizes();
  return text.str();
}

std::uintmax_t stateBytes(const torch::nn::Module& model) {
  std::uintmax_t bytes = 0;
  for (const auto& tensor : model.parameters()) bytes += tensor.numel() * tensor.element_size();
  for (const auto& tensor : model.buffers()) bytes += tensor.numel() * tensor.element_size();
  return bytes;
}

class Checker {
 public:
  Checker(std::string path, std::string modelName)
      : path_(std::move(path)), model_(std::move(modelName)) {}

  void collect(const torch::nn::Module& module, torch::serialize::InputArchive& archive,
               const std::string& prefix) {
    for (const auto& item : module.named_parameters(/*recurse=*/false))
      take(archive, prefix + item.key(), item.key(), item.value(), false);
    for (const auto& item : module.named_buffers(/*recurse=*/false))
      take(archive, prefix + item.key(), item.key(), item.value(), true);
    for (const auto& child : module.named_children()) {
      torch::serialize::InputArchive nested;
      if (!archive.try_read(child.key(), nested)) missing(prefix + child.key());
      collect(*child.value(), nested, prefix + child.key() + ".");
    }
  }

  std::vector<Replacement>& replacements() { return replacements_; }

 private:
  void take(torch::serialize::InputArchive& archive, const std::string& name,
            const std::string& key, const at::Tensor& target, bool isBuffer) {
    at::Tensor loaded;
    if (!archive.try_read(key, loaded, isBuffer) || !loaded.defined()) missing(name);
    if (loaded.sizes() != target.sizes())
      fail("'" + name + "' has shape " + shapeText(loaded) + " in the file but " +
           shapeText(target) + " in " + model_ + " (a checkpoint of another model?)");
    if (at::isFloatingType(loaded.scalar_type()) != at::isFloatingType(target.scalar_type()))
      fail("'" + name + "' holds " + std::string(c10::toString(loaded.scalar_type())) +
           " values where " + model_ + " has " + c10::toString(target.scalar_type()));
    if (at::isFloatingType(loaded.scalar_type()) && !at::isfinite(loaded).all().item<bool>())
      fail("'" + name + "' holds NaN or infinite values (saved from a diverged trial?)");
    replacements_.push_back({target, loaded});
  }

  [[noreturn]] void missing(const std::string& name) {
    fail("has no '" + name + "', which " + model_ + " needs (a checkpoint of another model?)");
  }
  [[noreturn]] void fail(const std::string& problem) { throw InputError(path_ + ": " + problem); }

  std::string path_;
  std::string model_;
  std::vector<Replacement> replacements_;
};

std::string readCheckedFile(const std::string& path, std::uintmax_t limit,
                            const std::string& modelName) {
  std::error_code error;
  const fs::file_status status = fs::status(path, error);
  if (!fs::exists(status)) throw InputError(path + ": checkpoint not found");
  if (!fs::is_regular_file(status))
    throw InputError(path + ": not a checkpoint file (a folder or a device)");
  const std::uintmax_t size = fs::file_size(path, error);
  if (error) throw InputError(path + ": cannot read the checkpoint: " + error.message());
  if (size > limit)
    throw InputError(path + ": " + std::to_string(size) + " bytes is more than a checkpoint of " +
                     modelName + " can be (at most " + std::to_string(limit) +
                     "); refusing to load it");
  std::ifstream file(path, std::ios::binary);
  std::string bytes(static_cast<std::size_t>(size), '\0');
  if (!file.read(bytes.data(), static_cast<std::streamsize>(size)))
    throw InputError(path + ": cannot read the checkpoint (check its permissions)");
  return bytes;
}

}  // namespace

void loadStateFile(torch::nn::Module& model, const std::string& path,
                   const std::string& modelName) {
  const std::string bytes =
      readCheckedFile(path, 2 * stateBytes(model) + kArchiveOverheadBytes, modelName);
  torch::serialize::InputArchive archive;
  try {
    archive.load_from(bytes.data(), bytes.size(), at::Device(at::kCPU));
  } catch (const std::exception& error) {
    std::string reason = error.what();
    reason = reason.substr(0, reason.find('\n'));
    throw InputError(path + ": not a LibTorch checkpoint (" + reason + ")");
  }
  Checker checker(path, modelName);
  try {
    checker.collect(model, archive, "");
  } catch (const InputError&) {
    throw;
  } catch (const std::exception& error) {
    std::string reason = error.what();
    throw InputError(path + ": damaged checkpoint (" + reason.substr(0, reason.find('\n')) + ")");
  }
  at::NoGradGuard noGrad;
  for (Replacement& item : checker.replacements())
    item.target.copy_(item.loaded.to(item.target.scalar_type()));
}

}  // namespace sweeplab
