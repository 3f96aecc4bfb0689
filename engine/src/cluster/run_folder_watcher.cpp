#include "sweeplab/cluster/run_folder_watcher.h"

#include <algorithm>
#include <cmath>
#include <filesystem>

#include "sweeplab/errors.h"
#include "sweeplab/experiment_io.h"
#include "sweeplab/run_folder.h"
#include "sweeplab/trial.h"

namespace sweeplab {
namespace fs = std::filesystem;
namespace {

bool ended(TrialStatus status) {
  return status != TrialStatus::Queued && status != TrialStatus::Running;
}

// Size and modification time in one number: either changes when the file is replaced.
long long fileStamp(const fs::path& path) {
  std::error_code error;
  const auto size = fs::file_size(path, error);
  if (error) return -1;
  const auto time = fs::last_write_time(path, error);
  if (error) return -1;
  return static_cast<long long>(size) * 1'000'003LL +
         static_cast<long long>(time.time_since_epoch().count() % 1'000'000'007LL);
}

}  // namespace

RunFolderWatcher::RunFolderWatcher(std::string runDir, RunObserver* observer, bool endsByItself)
    : runDir_(std::move(runDir)), observer_(observer), endsByItself_(endsByItself) {}

void RunFolderWatcher::start() {
  const ExperimentSpec spec =
      loadExperimentFile((fs::path(runDir_) / kExperimentFileName).string());
  SweepInfo info;
  info.trials = expandTrials(spec);
  info.run_dir = runDir_;
  info.device = summary_.device;
  info.dataset = summary_.dataset;
  info.class_names = summary_.class_names;
  for (const TrialSpec& trial : info.trials) {
    const long long rows = std::max<long long>(0, summary_.train_rows);
    const long long batch = std::max(1, trial.spec.training.batch_size);
    stepsPerEpoch_[trial.index] = (rows + batch - 1) / batch;
    maxEpochs_[trial.index] = trial.spec.training.max_epochs;
  }
  observer_->sweepStarted(info);
  started_ = true;
}

void RunFolderWatcher::reportTrial(const TrialSummary& trial) {
  TrialSeen& seen = seen_[trial.index];
  // Started, or started again: a requeued task trains its trial anew from the first step.
  const bool restarted = ended(seen.status) && !ended(trial.status);
  if ((seen.status == TrialStatus::Queued && trial.status != TrialStatus::Queued) || restarted)
    observer_->trialStarted(trial.index);
  const fs::path metrics = fs::path(runDir_) / trial.folder / kMetricsFileName;
  const long long stamp = fileStamp(metrics);
  if (stamp >= 0 && stamp != seen.metricsStamp) {
    std::vector<MetricPoint> points;
    try {
      points = readTrialMetrics(runDir_, trial);
    } catch (const InputError&) {
      points.clear();  // replaced while read: the next poll reads the new file
    }
    if (!points.empty()) seen.metricsStamp = stamp;
    // A requeued trial starts again from its first step: its new points replace the old.
    if (points.size() < seen.points) seen.points = 0;
    if (points.size() > seen.points) {
      const std::vector<MetricPoint> fresh(points.begin() + seen.points, points.end());
      seen.points = points.size();
      observer_->metricPoints(trial.index, fresh);
      TrialProgress progress;
      progress.max_epochs = maxEpochs_[trial.index];
      for (const MetricPoint& point : points) {
        progress.epoch = std::max(progress.epoch, static_cast<int>(std::floor(point.epoch)));
        progress.step = std::max(progress.step, point.step);
        progress.wall_seconds = std::max(progress.wall_seconds, point.wall_seconds);
      }
      progress.total_steps = stepsPerEpoch_[trial.index] * progress.max_epochs;
      observer_->trialProgress(trial.index, progress);
    }
  }
  if (!ended(seen.status) && ended(trial.status)) observer_->trialFinished(trial.index, trial);
  seen.status = trial.status;
}

bool RunFolderWatcher::poll() {
  if (ended_) return true;
  summary_ = readRunSummary(runDir_);
  if (!started_) start();
  bool allEnded = !summary_.trials.empty();
  for (const TrialSummary& trial : summary_.trials) {
    reportTrial(trial);
    allEnded = allEnded && ended(trial.status);
  }
  if (allEnded && endsByItself_) endNow();
  return allEnded;
}

void RunFolderWatcher::endNow() {
  if (ended_ || !started_) return;
  ended_ = true;
  observer_->sweepFinished(summary_);
}

}  // namespace sweeplab
