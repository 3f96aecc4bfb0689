// `plan FILE`: what a study will cost before it runs, per trial and in all: trials, optimizer
// steps and the wall time on this machine (sweeplab/cost_estimate.h says how it is measured).
#include <algorithm>
#include <cstdio>
#include <string>

#include "cli.h"
#include "commands.h"
#include "experiment_loading.h"
#include "process_age.h"
#include "sweeplab/cost_estimate.h"

namespace sweeplab::cli {
namespace {

// 723700 -> "723,700": step counts are read, not parsed.
std::string grouped(long long value) {
  std::string digits = std::to_string(value);
  for (int at = static_cast<int>(digits.size()) - 3; at > 0; at -= 3) digits.insert(at, ",");
  return digits;
}

std::string seconds(double value) {
  char text[32];
  std::snprintf(text, sizeof text, "%.1f s", value);
  return text;
}

void printTrials(const CostEstimate& estimate) {
  size_t labelWidth = 5;  // "trial"
  size_t modelWidth = 5;  // "model"
  for (const TrialCost& trial : estimate.trials) {
    labelWidth = std::max(labelWidth, trial.label.size());
    modelWidth = std::max(modelWidth, trial.model.size());
  }
  const int number = static_cast<int>(std::to_string(estimate.trials.size()).size());
  const int label = static_cast<int>(labelWidth);
  const int model = static_cast<int>(modelWidth);
  std::printf("  %*s  %-*s  %-*s  %5s  %11s  %6s  %11s  %9s\n", number, "#", label, "trial", model,
              "model", "batch", "steps/epoch", "epochs", "steps", "time");
  for (const TrialCost& trial : estimate.trials) {
    std::string epochs = std::to_string(trial.epochs);
    std::string steps = grouped(trial.steps);
    if (trial.min_epochs < trial.epochs) {
      epochs = std::to_string(trial.min_epochs) + "-" + epochs;
      steps = grouped(trial.min_steps) + "-" + steps;
    }
    std::printf("  %*d  %-*s  %-*s  %5d  %11s  %6s  %11s  %9s\n", number, trial.index + 1, label,
                trial.label.c_str(), model, trial.model.c_str(), trial.batch_size,
                grouped(trial.steps_per_epoch).c_str(), epochs.c_str(), steps.c_str(),
                seconds(trial.seconds).c_str());
  }
}

// How the runner would batch the trials, since the group loop's pace is what was timed for them:
// "group loop: 4 trials in 1 group, 2 alone", "group loop: none (batching: off)".
void printBatching(const CostEstimate& estimate) {
  if (estimate.grouped_trials == 0) {
    std::printf("group loop: none (%s)\n", estimate.batching_note.empty()
                                               ? "no trial's model can train in it"
                                               : estimate.batching_note.c_str());
    return;
  }
  const auto inGroups = static_cast<int>(std::count_if(
      estimate.trials.begin(), estimate.trials.end(), [](const TrialCost& t) { return t.group; }));
  const int alone = estimate.grouped_trials - inGroups;
  std::string text;
  if (inGroups > 0)
    text = std::to_string(inGroups) + " trials in " + std::to_string(estimate.groups) +
           (estimate.groups == 1 ? " group" : " groups");
  if (alone > 0)
    text += (text.empty() ? "" : ", ") + std::to_string(alone) +
            (alone == 1 ? " trial" : " trials") + " alone";
  std::printf("group loop: %s\n", text.c_str());
}

void printTotals(const CostEstimate& estimate, const std::string& pruning) {
  const size_t count = estimate.trials.size();
  std::printf("total: %zu %s, %s optimizer steps, about %s on this machine (%s)\n", count,
              count == 1 ? "trial" : "trials", grouped(estimate.steps).c_str(),
              formatEstimatedDuration(estimate.wall_seconds).c_str(),
              seconds(estimate.wall_seconds).c_str());
  if (estimate.pruning)
    std::printf(
        "with %s pruning: %s to %s steps, about %s to %s (%s to %s): from every trial pruned at "
        "its first check to none pruned\n",
        pruning.c_str(), grouped(estimate.min_steps).c_str(), grouped(estimate.steps).c_str(),
        formatEstimatedDuration(estimate.min_wall_seconds).c_str(),
        formatEstimatedDuration(estimate.wall_seconds).c_str(),
        seconds(estimate.min_wall_seconds).c_str(), seconds(estimate.wall_seconds).c_str());
  if (estimate.cpu_share < 1)
    std::printf(
        "the machine is busy: each trial would get about %.0f %% of a core now; with nothing "
        "else running about %s (%s)\n",
        100 * estimate.cpu_share, formatEstimatedDuration(estimate.quiet_wall_seconds).c_str(),
        seconds(estimate.quiet_wall_seconds).c_str());
  if (estimate.early_stopping)
    std::printf("early stopping may end trials sooner: the figures are upper bounds\n");
  if (estimate.drawn_for_tpe)
    std::printf(
        "tpe suggests each trial from the results before it: the trials above are random draws "
        "from the same distributions and stand for them\n");
  if (!estimate.device_note.empty()) std::printf("note: %s\n", estimate.device_note.c_str());
  printBatching(estimate);
}

}  // namespace

int planCommand(const Arguments& args) {
  // `run` is this program too: it pays the same start before its first line of work.
  const double programStart = processAgeSeconds();
  const ExperimentSpec spec = loadExperimentWithOverrides(args);
  CostOptions options;
  options.reuse_cached = !args.has("--retime");
  // A busy machine's load comes in bursts: half a second sees more of it than the window's 0.2.
  options.load_probe_seconds = 0.5;
  if (!args.has("--quiet"))
    options.status = [](const std::string& message) {
      std::fprintf(stderr, "%s\n", message.c_str());
    };
  CostEstimator estimator(options);
  CostEstimate estimate = estimator.estimate(spec);
  estimate.wall_seconds += programStart;
  estimate.min_wall_seconds += programStart;
  estimate.quiet_wall_seconds += programStart;

  const std::string pace = estimate.workers == 1
                               ? "one trial at a time"
                               : std::to_string(estimate.workers) + " trials side by side";
  std::printf("%s: %zu %s, %s search, %s on %s\n", estimate.study.c_str(), estimate.trials.size(),
              estimate.trials.size() == 1 ? "trial" : "trials", toString(spec.search.method),
              pace.c_str(), estimate.machine.c_str());
  std::printf("data: %s, loaded in %s\n", estimate.dataset.c_str(),
              seconds(estimate.data_seconds).c_str());
  std::printf("the program's own start (loading its libraries): %s\n\n",
              seconds(programStart).c_str());
  printTrials(estimate);
  std::printf("\n");
  printTotals(estimate, toString(spec.pruning.method));
  std::printf("timings: %d training %s timed now, %d from the cache%s%s\n", estimate.shapes_timed,
              estimate.shapes_timed == 1 ? "shape" : "shapes", estimate.shapes_cached,
              estimate.cache_file.empty() ? "" : " ", estimate.cache_file.c_str());
  return kExitOk;
}

}  // namespace sweeplab::cli
