// Where the run store lives, and removing an experiment together with its run folder.
#include <cstdlib>
#include <filesystem>

#include "sweeplab/run_folder.h"
#include "sweeplab/run_store.h"

namespace sweeplab {
namespace fs = std::filesystem;
namespace {

std::string environment(const char* name) {
  const char* value = std::getenv(name);
  return value ? value : "";
}

}  // namespace

std::string defaultStorePath() {
  // XDG: a relative XDG_DATA_HOME is invalid and must be ignored.
  std::string base = environment("XDG_DATA_HOME");
  if (base.empty() || base.front() != '/') {
    const std::string home = environment("HOME");
    base = (home.empty() ? std::string(".") : home) + "/.local/share";
  }
  return base + "/sweeplab/runs.sqlite";
}

std::string resolveStorePath(const std::string& option, const std::string& setting) {
  std::string chosen = option;
  if (chosen.empty()) chosen = environment("SWEEPLAB_STORE");
  if (chosen.empty()) chosen = setting;
  if (chosen.empty()) chosen = defaultStorePath();
  return chosen == "none" ? "" : chosen;
}

void deleteExperimentWithFiles(RunStore& store, long long experimentId) {
  const StoredExperiment experiment = store.experiment(experimentId);
  if (!experiment.run_dir.empty() && fs::exists(experiment.run_dir)) {
    const fs::path folder(experiment.run_dir);
    if (!fs::exists(folder / kSummaryFileName) && !fs::exists(folder / kExperimentFileName)) {
      throw StoreError(experiment.run_dir +
                       ": not removed, it does not look like a run folder (no " + kSummaryFileName +
                       " or " + kExperimentFileName + " in it)");
    }
    std::error_code error;
    fs::remove_all(folder, error);
    if (error)
      throw StoreError(experiment.run_dir + ": cannot remove the run folder: " + error.message());
  }
  store.deleteExperiment(experimentId);
}

}  // namespace sweeplab
