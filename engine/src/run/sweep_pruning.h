// The runner's side of pruning: one pruner for the whole sweep (the pruning section's), fed by
// each trial's epoch ends through TrialContext::should_prune and told how each trial ended; on
// resume its state is rebuilt from the ended trials' metrics.csv, so the remaining trials meet
// the decisions an uninterrupted sweep would have made.
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "sweeplab/experiment_spec.h"
#include "sweeplab/metrics.h"
#include "sweeplab/pruning/make_pruner.h"

namespace sweeplab {

class SweepPruning {
 public:
  explicit SweepPruning(const ExperimentSpec& spec);
  ~SweepPruning();

  bool enabled() const { return pruner_ != nullptr; }

  // The ended trials of a resumed run (their epoch values read from runDir's metrics.csv).
  void restore(const std::string& runDir, const std::vector<TrialSummary>& ended);

  // The hook for one trial: called at each validated epoch end with the trial's summary so far;
  // returns the message of a pruned trial ("pruned at epoch 3: ..."), or nothing to go on.
  // Empty when pruning is off.
  std::function<std::optional<std::string>(int, const TrialSummary&)> hookFor(int trial);

  // The trial ended (any status); it is no longer reported.
  void trialEnded(const TrialSummary& result);

 private:
  pruning::PruningSettings settings_;
  std::unique_ptr<pruning::Pruner> pruner_;
};

}  // namespace sweeplab
