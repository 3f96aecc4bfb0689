// The experiment file's search and pruning sections as the search and pruning libraries take
// them: the search space of the swept keys, the objective, the seed and the pruner's settings.
#pragma once

#include <cstdint>
#include <string>

#include "sweeplab/experiment_spec.h"
#include "sweeplab/metrics.h"
#include "sweeplab/pruning/make_pruner.h"
#include "sweeplab/search/sampler.h"

namespace sweeplab {

// One key per swept axis, in file order; a list of values becomes a choice among them. Throws
// InputError for an axis whose distribution is not valid (validation reports it with its line).
search::SearchSpace searchSpaceOf(const ExperimentSpec& spec);

// search.objective.direction, or the metric's natural one (accuracies up, losses down).
search::Direction objectiveDirection(const ExperimentSpec& spec);
// search.seed, or training.seed when it is not given.
std::uint64_t searchSeed(const ExperimentSpec& spec);

// The result a trial is ranked by (search.objective.metric) from its summary; NaN when the trial
// has none (it failed, diverged or has not been tested).
double objectiveValue(const TrialSummary& trial, const std::string& metric);

// The pruning section mapped to the pruner's options: min_epochs is ASHA's minimum resource and
// the median rule's first check (its warm-up is min_epochs - 1 epochs), warmup_trials the median
// rule's start-up trials.
pruning::PruningSettings pruningSettingsOf(const ExperimentSpec& spec);

}  // namespace sweeplab
