// The optimisation history of a study, as optuna-dashboard draws it: each trial's objective in
// trial order and the best value so far. Plain data, no Qt: the Summary view, exported figures
// and the report draw the same numbers, live while trials arrive in any order or from a stored
// run.
#pragma once

#include <string>
#include <vector>

#include "sweeplab/experiment_spec.h"
#include "sweeplab/metrics.h"

namespace sweeplab {

// What makes a trial the best in a study (search.objective), and whether the study searched.
struct StudyObjective {
  std::string metric = "best_val_acc";  // a search.objective.metric name
  bool maximize = true;
  bool searched = false;  // random or tpe: trial order is the order of the search
};
StudyObjective studyObjectiveOf(const ExperimentSpec& spec);
// "val acc at best loss", "final val loss", "test accuracy": the metric for people.
std::string objectiveMetricName(const std::string& metric);
bool objectiveIsShare(const std::string& metric);  // an accuracy, shown in percent

struct HistoryPoint {
  int trial = 0;  // TrialSummary::index
  double value = kNoValue;
  // Stopped by the pruner: its value is that of a partial trial, drawn apart and never the best.
  bool pruned = false;
  int epochs = 0;  // epochs completed (a pruned trial: the epoch it was pruned at)
};
// The best finished value up to and including `trial`, and the trial that holds it.
struct BestSoFar {
  int trial = 0;
  double value = kNoValue;
  int best_trial = 0;
};
struct OptimisationHistory {
  StudyObjective objective;
  std::vector<HistoryPoint> points;  // finished and pruned trials with a value, in trial order
  std::vector<BestSoFar> best;       // one step per finished point, in trial order
  int best_trial = -1;               // -1: no finished trial has a value yet
  double best_value = kNoValue;
  int finished = 0, pruned = 0;  // drawn
  int failed = 0;                // failed or diverged: not drawn
  int without_value = 0;         // finished or pruned, but the objective was not measured
};
// Ties keep the earlier trial as the best, as Optuna's best_trial does.
OptimisationHistory optimisationHistory(const RunSummary& summary, const StudyObjective& objective);

}  // namespace sweeplab
