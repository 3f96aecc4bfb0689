// Asynchronous successive halving (ASHA; Li et al., "A System for Massively Parallel
// Hyperparameter Tuning", MLSys 2020), in the stopping form that Optuna 3.1's
// SuccessiveHalvingPruner implements. Rung k is at epoch min_epochs * reduction_factor^(s + k),
// s = min_early_stopping_rate. When a trial reaches a rung, its value there joins the rung's
// values (kept even if the trial is pruned or fails later), and the trial continues only if it
// is in the top 1/reduction_factor of all values at that rung so far, its own included:
// n values, keep the best floor(n / reduction_factor), ties kept. Between rungs nothing is
// decided. A NaN value at a rung prunes the trial and is not recorded.
//
// Too few trials at a rung (n < reduction_factor, so the top 1/reduction_factor is empty):
// ASHA as published would leave the trial paused at the rung and resume it once enough trials
// had arrived. A pruned trial here does not come back, so, as Optuna does, the trial continues
// only if it is the best at the rung so far (ties kept). The first trial always continues.
//
// The defaults: min_epochs 1 and min_early_stopping_rate 0 as Optuna's; reduction_factor 3, the
// published Hyperband and ASHA examples' eta (Optuna's own default is 4). Optuna's
// min_resource = "auto" and bootstrap_count are not offered: the first rung is set here, and
// every trial is judged as soon as it reaches one.
#pragma once

#include <map>
#include <vector>

#include "sweeplab/pruning/pruner.h"

namespace sweeplab::pruning {

struct AshaSettings {
  int min_epochs = 1;               // Optuna's min_resource
  int reduction_factor = 3;         // eta
  int min_early_stopping_rate = 0;  // s: the first rung is at min_epochs * eta^s
};

class AshaPruner : public Pruner {
 public:
  // Throws std::invalid_argument for min_epochs below 1, a reduction factor below 2 or a
  // negative early-stopping rate (Optuna's checks).
  AshaPruner(Direction direction, std::string metric, AshaSettings settings = {});

  const AshaSettings& settings() const { return settings_; }
  // The epoch of rung k; INT_MAX when it lies beyond what an int holds (never reached).
  int rungEpoch(int rung) const;

 protected:
  PruneDecision decide(const Trials& trials, int trial, int epoch, double value) override;
  void clearRuleState() override;
  void replayRecord(int trial, const std::vector<double>& values) override;

 private:
  AshaSettings settings_;
  std::map<int, int> reachedRungs_;              // per trial: how many rungs hold its value
  std::vector<std::vector<double>> rungValues_;  // rungValues_[k]: every value recorded at rung k
};

}  // namespace sweeplab::pruning
