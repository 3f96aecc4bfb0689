#include "run/run_directory.h"

#include <cctype>
#include <ctime>
#include <filesystem>

#include "spec/atomic_file.h"
#include "sweeplab/errors.h"
#include "sweeplab/runtime_info.h"

namespace sweeplab {
namespace fs = std::filesystem;
namespace {

constexpr std::size_t kMaxNameLength = 64;

// Only [A-Za-z0-9._-], no leading dot, at most kMaxNameLength: whatever an experiment file
// calls itself, its run folder is one plain entry inside the output folder.
std::string safeName(const std::string& name) {
  std::string safe;
  for (char c : name)
    safe +=
        (std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' || c == '.') ? c : '_';
  while (!safe.empty() && safe.front() == '.') safe.erase(safe.begin());
  // File systems allow 255 bytes per name; the date and a counter are still to come.
  if (safe.size() > kMaxNameLength) safe.resize(kMaxNameLength);
  return safe.empty() ? "experiment" : safe;
}

std::string formatUtc(const char* format) {
  const std::time_t now = std::time(nullptr);
  std::tm utc{};
  gmtime_r(&now, &utc);
  char text[64];
  std::strftime(text, sizeof text, format, &utc);
  return text;
}

std::string folderAdvice(const std::error_code& error) {
  const std::string advice = writeFailureAdvice(error.value());
  return advice.empty() ? "" : "; " + advice;
}

}  // namespace

std::string utcTimestamp() {
  return formatUtc("%Y-%m-%dT%H:%M:%SZ");
}

std::string createRunDirectory(const std::string& outDir, const std::string& experimentName) {
  const fs::path base =
      fs::path(outDir) / (safeName(experimentName) + "-" + formatUtc("%Y%m%d-%H%M%S"));
  std::error_code error;
  fs::create_directories(base.parent_path(), error);
  if (error)
    throw WriteError(outDir + ": cannot create the output folder: " + error.message() +
                     folderAdvice(error));
  fs::path candidate = base;
  for (int suffix = 2;; ++suffix) {
    if (fs::create_directory(candidate, error)) return candidate.string();
    if (error)
      throw WriteError(candidate.string() + ": cannot create the run folder: " + error.message() +
                       folderAdvice(error));
    candidate = base.string() + "-" + std::to_string(suffix);
  }
}

ExperimentSpec specForRunFolder(const ExperimentSpec& spec) {
  ExperimentSpec copy = spec;
  if (!copy.dataset.path.empty() && fs::path(copy.dataset.path).is_relative()) {
    const fs::path base = fs::path(spec.source_file).parent_path();
    copy.dataset.path = fs::absolute(base / copy.dataset.path).lexically_normal().string();
  }
  return copy;
}

void recordRunInputs(RunSummary& run, const PreparedDataset& dataset) {
  run.dataset = dataset.description;
  run.dataset_fingerprint = dataset.fingerprint;
  run.dataset_source = dataset.source;
  run.dataset_content_hash = dataset.content_hash;
  run.train_rows = dataset.train.rows();
  run.val_rows = dataset.val.rows();
  run.test_rows = dataset.test.rows();
  run.class_names = dataset.class_names;
  run.sweeplab_version = sweeplabVersion();
  run.libtorch_version = libtorchVersion();
}

}  // namespace sweeplab
