#include "sweeplab/pruning/median_pruner.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <utility>

namespace sweeplab::pruning {

namespace {

void require(bool ok, const std::string& what) {
  if (!ok) throw std::invalid_argument("median pruning: " + what);
}

std::string epochText(int epoch) {
  return "epoch " + std::to_string(epoch) + ": ";
}

}  // namespace

double medianSkippingNan(std::vector<double> values) {
  values.erase(std::remove_if(values.begin(), values.end(), [](double v) { return std::isnan(v); }),
               values.end());
  if (values.empty()) return std::nan("");
  std::sort(values.begin(), values.end());
  const size_t middle = (values.size() - 1) / 2;
  if (values.size() % 2 == 1) return values[middle];
  // numpy's linear interpolation half-way between the middle two, in its own form.
  const double low = values[middle];
  const double high = values[middle + 1];
  return low + (high - low) * 0.5;
}

MedianPruner::MedianPruner(Direction direction, std::string metric, MedianSettings settings)
    : Pruner(direction, std::move(metric)), settings_(settings) {
  require(settings.startup_trials >= 0, "start-up trials cannot be negative");
  require(settings.warmup_epochs >= 0, "warm-up epochs cannot be negative");
  require(settings.interval_epochs >= 1, "the interval must be at least 1 epoch");
  require(settings.min_trials >= 1, "the minimum number of trials must be at least 1");
}

PruneDecision MedianPruner::decide(const Trials& trials, int trial, int epoch, double) {
  const std::string at = epochText(epoch);
  std::vector<const TrialProgress*> completed;
  for (const auto& [index, progress] : trials) {
    if (progress.ended && progress.outcome == TrialOutcome::completed)
      completed.push_back(&progress);
  }
  const int completedCount = static_cast<int>(completed.size());
  if (completedCount == 0 || completedCount < settings_.startup_trials) {
    return {false, at + "start-up (" + std::to_string(completedCount) + " of " +
                       std::to_string(std::max(settings_.startup_trials, 1)) +
                       " trials completed)"};
  }
  if (epoch <= settings_.warmup_epochs) {
    return {false, at + "warm-up (pruning starts after epoch " +
                       std::to_string(settings_.warmup_epochs) + ")"};
  }
  // Optuna checks at the first report at or after each step warmup + k * interval. Every epoch
  // is reported here, so that is the epoch itself.
  if ((epoch - 1 - settings_.warmup_epochs) % settings_.interval_epochs != 0) {
    return {false, at + "no check (checks every " + std::to_string(settings_.interval_epochs) +
                       " epochs from epoch " + std::to_string(settings_.warmup_epochs + 1) + ")"};
  }

  // The trial's best value so far, not its latest: a trial that was good once is kept.
  const std::vector<double>& own = trials.at(trial).values;
  double best = std::nan("");
  for (double v : own) {
    if (!std::isnan(v) && (std::isnan(best) || better(v, best))) best = v;
  }
  if (std::isnan(best)) return {true, at + metric() + " has been NaN at every epoch"};

  std::vector<double> reference;
  for (const TrialProgress* progress : completed) {
    if (static_cast<int>(progress->values.size()) >= epoch) {
      reference.push_back(progress->values[epoch - 1]);
    }
  }
  const int reached = static_cast<int>(reference.size());
  if (reached < settings_.min_trials) {
    return {false, at + std::to_string(reached) + " completed trials reached this epoch, " +
                       std::to_string(settings_.min_trials) + " needed"};
  }
  const double median = medianSkippingNan(reference);
  if (std::isnan(median)) return {false, at + "the completed trials' values here are all NaN"};

  const std::string comparison = "best " + describe(best) + " so far is " +
                                 (better(median, best) ? "worse than" : "no worse than") +
                                 " the median " + describe(median) + " of " +
                                 std::to_string(reached) + " completed trials at this epoch";
  return {better(median, best), at + comparison};
}

}  // namespace sweeplab::pruning
