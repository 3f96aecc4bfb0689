// Optimisation history: the points and best-so-far line of a study's objective. Only finished
// trials set the best: a pruned trial's value stops at the epoch it was pruned at, partial.
#include "sweeplab/optimisation_history.h"

#include <algorithm>
#include <cmath>

#include "sweeplab/experiment_search.h"

namespace sweeplab {

StudyObjective studyObjectiveOf(const ExperimentSpec& spec) {
  StudyObjective objective;
  objective.metric = spec.search.metric;
  objective.maximize = objectiveDirection(spec) == search::Direction::Maximize;
  objective.searched = spec.search.method != SearchMethod::Grid;
  return objective;
}

std::string objectiveMetricName(const std::string& metric) {
  if (metric == "best_val_acc") return "val acc at best loss";
  if (metric == "best_val_loss") return "best val loss";
  if (metric == "val_acc") return "final val acc";
  if (metric == "val_loss") return "final val loss";
  if (metric == "test_acc") return "test acc";
  if (metric == "test_loss") return "test loss";
  return metric;
}

bool objectiveIsShare(const std::string& metric) {
  return metric.find("acc") != std::string::npos;
}

OptimisationHistory optimisationHistory(const RunSummary& summary,
                                        const StudyObjective& objective) {
  OptimisationHistory history;
  history.objective = objective;
  std::vector<const TrialSummary*> ordered;
  for (const TrialSummary& trial : summary.trials) ordered.push_back(&trial);
  // Trials end in any order when several train at once; the history reads in trial order.
  std::stable_sort(
      ordered.begin(), ordered.end(),
      [](const TrialSummary* a, const TrialSummary* b) { return a->index < b->index; });
  const auto better = [&](double a, double b) { return objective.maximize ? a > b : a < b; };
  for (const TrialSummary* trial : ordered) {
    const bool finished = trial->status == TrialStatus::Finished;
    const bool pruned = trial->status == TrialStatus::Pruned;
    if (trial->status == TrialStatus::Failed || trial->status == TrialStatus::Diverged)
      ++history.failed;
    if (!finished && !pruned) continue;  // queued, running, stopped, interrupted: no result yet
    const double value = objectiveValue(*trial, objective.metric);
    if (!std::isfinite(value)) {
      ++history.without_value;
      continue;
    }
    history.points.push_back({trial->index, value, pruned, trial->epochs_completed});
    if (pruned) {
      ++history.pruned;
      continue;
    }
    ++history.finished;
    if (history.best_trial < 0 || better(value, history.best_value)) {
      history.best_trial = trial->index;
      history.best_value = value;
    }
    history.best.push_back({trial->index, history.best_value, history.best_trial});
  }
  return history;
}

}  // namespace sweeplab
