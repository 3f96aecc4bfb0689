// `run FILE`: trains the sweep with progress on stderr and the results on stdout, so the table
// can be piped or redirected while the progress stays visible.
#include <algorithm>
#include <cstdlib>
#include <string>
#include <vector>

#include "commands.h"
#include "experiment_loading.h"
#include "sweep_session.h"
#include "sweeplab/experiment_io.h"
#include "sweeplab/sweep_runner.h"

namespace sweeplab::cli {
namespace {

// Trial numbers as people see them (from 1) to the runner's indices (from 0).
std::vector<int> selectedTrialIndices(const std::vector<std::string>& values,
                                      std::size_t trialCount) {
  std::vector<int> indices;
  for (const std::string& value : values) {
    std::size_t begin = 0;
    while (begin <= value.size()) {
      const std::size_t comma = std::min(value.find(',', begin), value.size());
      indices.push_back(parseTrialNumber(value.substr(begin, comma - begin), trialCount) - 1);
      begin = comma + 1;
    }
  }
  std::sort(indices.begin(), indices.end());
  indices.erase(std::unique(indices.begin(), indices.end()), indices.end());
  return indices;
}

}  // namespace

int runCommand(const Arguments& args) {
  ExperimentSpec spec = loadExperimentWithOverrides(args);
  RunOptions options;
  options.out_dir = args.value("--out", "runs");
  if (options.out_dir.empty()) throw InputError("run: --out needs a folder name");
  if (args.has("--device")) {
    options.device = args.value("--device");
    applyOverride(spec, "device", options.device, "--device");
  }
  options.only_trials =
      selectedTrialIndices(args.all("--trial"), static_cast<size_t>(trialCount(spec)));

  return trainAndReport(spec, options, args, options.only_trials);
}

}  // namespace sweeplab::cli
