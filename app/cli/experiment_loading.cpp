// --set goes through the same override path as swept values, so both are checked alike.
#include "experiment_loading.h"

#include <cstdlib>
#include <filesystem>

#include "sweeplab/errors.h"
#include "sweeplab/experiment_io.h"

namespace sweeplab::cli {
namespace {

namespace fs = std::filesystem;

// A missing data file is the most common mistake with real data; `validate` should catch it
// too, and name the experiment key rather than only the path the data reader was given.
void checkDataFileExists(const ExperimentSpec& spec) {
  if (spec.dataset.source == DatasetSource::SyntheticJsc || spec.dataset.path.empty()) return;
  fs::path path(spec.dataset.path);
  if (path.is_relative()) path = fs::path(spec.source_file).parent_path() / path;
  std::error_code error;
  if (fs::exists(path, error)) return;
  const auto [line, column] = keyPosition(spec.source_file, "dataset.path");
  throw SpecError(spec.source_file, line, column, "dataset.path",
                  "data file not found: " + path.string() +
                      " (relative paths start at the experiment file's folder)");
}

}  // namespace

ExperimentSpec loadExperimentWithOverrides(const Arguments& args) {
  ExperimentSpec spec = loadExperimentFile(args.positional().at(0));
  const std::vector<std::string> assignments = args.all("--set");
  for (const std::string& assignment : assignments) {
    const auto [key, value] = splitAssignment(assignment, "--set");
    applyOverride(spec, key, value, "--set");
  }
  if (!assignments.empty()) validateExperiment(spec);
  checkDataFileExists(spec);
  return spec;
}

int parseTrialNumber(const std::string& text, std::size_t trialCount) {
  char* end = nullptr;
  const long number = std::strtol(text.c_str(), &end, 10);
  if (text.empty() || *end != '\0' || number < 1 || number > static_cast<long>(trialCount)) {
    throw InputError("--trial: '" + text + "' is not a trial of this experiment (allowed: 1 to " +
                     std::to_string(trialCount) + ", as 'sweeplab-cli validate FILE' lists them)");
  }
  return static_cast<int>(number);
}

}  // namespace sweeplab::cli
