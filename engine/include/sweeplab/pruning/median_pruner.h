// The median stopping rule, as Optuna 3.1's MedianPruner (a PercentilePruner at 50) applies it.
// At the end of epoch e, a trial is pruned when its best value so far (over epochs 1..e, NaN
// skipped) is worse than the median of the values that completed trials had at epoch e. It is
// never pruned
//   - before `startup_trials` trials have completed (and never while none has),
//   - in the first `warmup_epochs` epochs,
//   - between checks: the rule is applied at epochs warmup_epochs + 1 + k * interval_epochs,
//   - when fewer than `min_trials` completed trials reached epoch e (a NaN value counts as
//     reached), or all their values there are NaN.
// A trial whose values so far are all NaN is pruned at its first check. Ties continue.
//
// Optuna counts steps from 0; epoch e here is Optuna's step e - 1, so n_warmup_steps = w means
// the first w epochs are never pruned, in both. Only completed trials are the reference: pruned
// and failed ones are not, nor trials still running (Optuna's TrialState.COMPLETE).
#pragma once

#include "sweeplab/pruning/pruner.h"

namespace sweeplab::pruning {

struct MedianSettings {     // Optuna's names and defaults in the comments
  int startup_trials = 5;   // n_startup_trials = 5
  int warmup_epochs = 0;    // n_warmup_steps = 0
  int interval_epochs = 1;  // interval_steps = 1
  int min_trials = 1;       // n_min_trials = 1
};

class MedianPruner : public Pruner {
 public:
  // Throws std::invalid_argument for negative start-up trials or warm-up epochs, or an interval
  // or minimum number of trials below 1 (Optuna's checks).
  MedianPruner(Direction direction, std::string metric, MedianSettings settings = {});

  const MedianSettings& settings() const { return settings_; }

 protected:
  PruneDecision decide(const Trials& trials, int trial, int epoch, double value) override;

 private:
  MedianSettings settings_;
};

// The median of the values that are not NaN, as numpy.nanpercentile(values, 50) gives it (the
// mean of the middle two for an even count); NaN when every value is NaN or there is none.
double medianSkippingNan(std::vector<double> values);

}  // namespace sweeplab::pruning
