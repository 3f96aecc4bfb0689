// Pruning glue between the sweep runner and the pruning library.
#include "run/sweep_pruning.h"

#include <cmath>

#include "sweeplab/experiment_search.h"
#include "sweeplab/run_folder.h"

namespace sweeplab {
namespace {

// The epoch-end series a pruning metric names, and its value in a trial's summary.
std::string epochSeries(const std::string& metric) {
  return metric + "_epoch";  // val_loss -> val_loss_epoch, as metrics.csv names it
}

double currentValue(const std::string& metric, const TrialSummary& trial) {
  if (metric == "val_loss") return trial.val_loss;
  if (metric == "val_acc") return trial.val_acc;
  if (metric == "train_loss") return trial.train_loss;
  if (metric == "train_acc") return trial.train_acc;
  return std::nan("");
}

pruning::TrialOutcome outcomeOf(TrialStatus status) {
  if (status == TrialStatus::Finished) return pruning::TrialOutcome::completed;
  if (status == TrialStatus::Pruned) return pruning::TrialOutcome::pruned;
  return pruning::TrialOutcome::failed;
}

// The pruner's reason starts with its epoch ("epoch 3 (rung 1): ..."): "pruned at epoch 3
// (rung 1): ..." says it once.
std::string prunedMessage(int epoch, const std::string& reason) {
  const std::string prefix = "epoch " + std::to_string(epoch);
  const bool named = reason.rfind(prefix, 0) == 0 &&
                     (reason.size() == prefix.size() || reason[prefix.size()] == ' ' ||
                      reason[prefix.size()] == ':');
  return named ? "pruned at " + reason : "pruned at " + prefix + ": " + reason;
}

}  // namespace

SweepPruning::SweepPruning(const ExperimentSpec& spec) : settings_(pruningSettingsOf(spec)) {
  if (settings_.method != pruning::PruningMethod::none) pruner_ = pruning::makePruner(settings_);
}

SweepPruning::~SweepPruning() = default;

void SweepPruning::restore(const std::string& runDir, const std::vector<TrialSummary>& ended) {
  if (!pruner_) return;
  std::vector<pruning::TrialRecord> records;
  const std::string series = epochSeries(settings_.metric);
  for (const TrialSummary& trial : ended) {
    pruning::TrialRecord record;
    record.trial = trial.index;
    record.outcome = outcomeOf(trial.status);
    for (const MetricPoint& point : readTrialMetrics(runDir, trial))
      if (point.name == series) record.values.push_back(point.value);
    // The epoch a trial diverged in was never reported: its validation failed first.
    if (trial.status == TrialStatus::Diverged && !record.values.empty() &&
        !std::isfinite(record.values.back()))
      record.values.pop_back();
    records.push_back(std::move(record));
  }
  pruner_->restore(records);
}

std::function<std::optional<std::string>(int, const TrialSummary&)> SweepPruning::hookFor(
    int trial) {
  if (!pruner_) return {};
  return [this, trial](int epoch, const TrialSummary& progress) -> std::optional<std::string> {
    const pruning::PruneDecision decision =
        pruner_->report(trial, epoch, currentValue(settings_.metric, progress));
    if (!decision.prune) return std::nullopt;
    return prunedMessage(epoch, decision.reason);
  };
}

void SweepPruning::trialEnded(const TrialSummary& result) {
  if (pruner_) pruner_->finish(result.index, outcomeOf(result.status));
}

}  // namespace sweeplab
