// `validate FILE`: everything a run checks before training, without training.
#include <cstdio>
#include <string>

#include "cli.h"
#include "commands.h"
#include "experiment_loading.h"
#include "sweeplab/experiment_io.h"
#include "sweeplab/experiment_keys.h"
#include "sweeplab/experiment_search.h"
#include "sweeplab/trial.h"

namespace sweeplab::cli {
namespace {

// ", tpe search, asha pruning on val_loss": how the trials are chosen and stopped.
std::string studyShape(const ExperimentSpec& spec) {
  std::string text = std::string(", ") + toString(spec.search.method) + " search";
  if (spec.pruning.method != PruningMethod::None)
    text +=
        std::string(", ") + toString(spec.pruning.method) + " pruning on " + spec.pruning.metric;
  return text;
}

// A tpe study's trials depend on the results before them: its search space stands for them.
void printSearchSpace(const ExperimentSpec& spec) {
  for (const search::SearchKey& key : searchSpaceOf(spec))
    std::printf("  %s  %s\n", shortKey(key.key).c_str(), key.distribution.describe().c_str());
}

// "  cluster: partition=gpu, time=0-02:00:00 (submit --slurm starts from these)", or "" when the
// file has no cluster: section (or one of defaults only).
std::string clusterLine(const ExperimentSpec& spec) {
  std::string settings;
  for (const KeyInfo& info : experimentKeys()) {
    if (info.key.rfind("cluster.", 0) != 0) continue;
    const std::string value = getValue(spec, info.key);
    if (value == info.default_value) continue;
    settings += (settings.empty() ? "" : ", ") + info.key.substr(8) + "=" + value;
  }
  if (settings.empty()) return {};
  return "  cluster: " + settings + " (submit --slurm starts from these)\n";
}

}  // namespace

int validateCommand(const Arguments& args) {
  const ExperimentSpec spec = loadExperimentWithOverrides(args);
  const std::string& file = args.positional().at(0);
  const long long count = trialCount(spec);
  if (spec.search.method == SearchMethod::Tpe) validateExperiment(spec);
  const std::vector<TrialSpec> trials =
      spec.search.method == SearchMethod::Tpe ? std::vector<TrialSpec>{} : expandTrials(spec);
  std::printf("%s: ok, %lld %s%s\n", file.c_str(), count, count == 1 ? "trial" : "trials",
              studyShape(spec).c_str());
  std::fputs(clusterLine(spec).c_str(), stdout);
  if (spec.search.method == SearchMethod::Tpe) {
    printSearchSpace(spec);
    return kExitOk;
  }
  const int width = static_cast<int>(std::to_string(trials.size()).size());
  for (const TrialSpec& trial : trials) {
    std::printf("  %*d  %s\n", width, trial.index + 1, trial.label().c_str());
  }
  return kExitOk;
}

}  // namespace sweeplab::cli
