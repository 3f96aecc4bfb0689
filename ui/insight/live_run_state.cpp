#include "insight/live_run_state.h"

#include <algorithm>
#include <cmath>

namespace sweeplab::ui {

void LiveRunState::start(const std::vector<TrialSpec>& trials) {
  summary_ = RunSummary{};
  if (!trials.empty()) summary_.experiment_name = trials.front().spec.name;
  for (const TrialSpec& trial : trials)
    summary_.trials.push_back(trialSummaryHeader(trial, TrialStatus::Queued));
}

void LiveRunState::show(const RunSummary& summary) {
  summary_ = summary;
}

TrialSummary* LiveRunState::find(int trial) {
  for (TrialSummary& summary : summary_.trials)
    if (summary.index == trial) return &summary;
  return nullptr;
}

void LiveRunState::trialSuggested(const TrialSpec& trial) {
  TrialSummary* summary = find(trial.index);
  if (!summary) return;
  const TrialSummary header = trialSummaryHeader(trial, summary->status);
  summary->label = header.label;
  summary->swept = header.swept;
  summary->seed = header.seed;
  summary->model = header.model;
}

void LiveRunState::trialStarted(int trial) {
  if (TrialSummary* summary = find(trial)) summary->status = TrialStatus::Running;
}

void LiveRunState::addMetrics(int trial, const std::vector<MetricPoint>& points) {
  TrialSummary* summary = find(trial);
  if (!summary || summary->status != TrialStatus::Running) return;
  for (const MetricPoint& point : points) {
    if (point.name == metric::kValAccEpoch) {
      summary->val_acc = point.value;
      if (!(summary->best_val_acc >= point.value)) summary->best_val_acc = point.value;
      summary->epochs_completed =
          std::max(summary->epochs_completed, static_cast<int>(std::lround(point.epoch)));
      summary->wall_seconds = std::max(summary->wall_seconds, point.wall_seconds);
      summary->steps = std::max(summary->steps, point.step);
    } else if (point.name == metric::kValLossEpoch) {
      summary->val_loss = point.value;
    }
  }
}

void LiveRunState::finishTrial(const TrialSummary& finished) {
  if (TrialSummary* summary = find(finished.index))
    *summary = finished;
  else
    summary_.trials.push_back(finished);
}

}  // namespace sweeplab::ui
