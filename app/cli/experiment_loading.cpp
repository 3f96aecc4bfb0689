// --set goes through the same override path as swept values, so both are checked alike.
#include "experiment_loading.h"

#include "sweeplab/experiment_io.h"

namespace sweeplab::cli {

ExperimentSpec loadExperimentWithOverrides(const Arguments& args) {
  ExperimentSpec spec = loadExperimentFile(args.positional().at(0));
  const std::vector<std::string> assignments = args.all("--set");
  for (const std::string& assignment : assignments) {
    const auto [key, value] = splitAssignment(assignment, "--set");
    applyOverride(spec, key, value, "--set");
  }
  if (!assignments.empty()) validateExperiment(spec);
  return spec;
}

}  // namespace sweeplab::cli
