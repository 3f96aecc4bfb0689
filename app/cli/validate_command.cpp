// `validate FILE`: everything a run checks before training, without training.
#include <cstdio>
#include <string>

#include "cli.h"
#include "commands.h"
#include "experiment_loading.h"
#include "sweeplab/trial.h"

namespace sweeplab::cli {

int validateCommand(const Arguments& args) {
  const std::vector<TrialSpec> trials = expandTrials(loadExperimentWithOverrides(args));
  const std::string& file = args.positional().at(0);
  std::printf("%s: ok, %zu %s\n", file.c_str(), trials.size(),
              trials.size() == 1 ? "trial" : "trials");
  const int width = static_cast<int>(std::to_string(trials.size()).size());
  for (const TrialSpec& trial : trials) {
    std::printf("  %*d  %s\n", width, trial.index + 1, trial.label().c_str());
  }
  return kExitOk;
}

}  // namespace sweeplab::cli
