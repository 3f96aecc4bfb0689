// Runs written straight into a run store, as a finished run leaves them, for the window tests
// that reopen or overlay runs from the History without training them first.
#pragma once

#include <QDir>
#include <QFile>
#include <QString>
#include <vector>

#include "sweeplab/experiment_io.h"
#include "sweeplab/metrics.h"
#include "sweeplab/run_folder.h"
#include "sweeplab/run_store.h"
#include "sweeplab/trial.h"

namespace sweeplab::ui::test {

constexpr int kStepPoints = 30;  // train_acc_step points per stored trial
constexpr int kEpochs = 3;

inline std::vector<MetricPoint> storedPoints(int trial) {
  std::vector<MetricPoint> points;
  for (int i = 1; i <= kStepPoints; ++i)
    points.push_back({metric::kTrainAccStep, i * 5, i * 0.1, i * 320, i * 0.05, 0.3 + trial * 0.1});
  for (int e = 1; e <= kEpochs; ++e)
    points.push_back({metric::kValAccEpoch, e * 50, double(e), e * 3200, e * 0.5, 0.5 + e * 0.05});
  return points;
}

// An experiment with its trials, points and a run folder; every trial finished but the last,
// which ends as lastStatus. finishedAt empty: the sweep ended when it started.
inline long long storeExperiment(RunStore& store, const ExperimentSpec& spec, const QString& runDir,
                                 const char* startedAt, TrialStatus lastStatus,
                                 const char* finishedAt = nullptr) {
  QDir().mkpath(runDir);
  QFile(runDir + "/" + kSummaryFileName).open(QIODevice::WriteOnly);
  const long long id = store.addExperiment({spec.name, startedAt, runDir.toStdString(), "",
                                            saveExperimentYaml(spec), "CPU", "synthetic-jsc"});
  RunSummary run;
  run.experiment_name = spec.name;
  run.started_at = startedAt;
  const std::vector<TrialSpec> trials = expandTrials(spec);
  for (const TrialSpec& trial : trials) {
    TrialSummary summary;
    summary.index = trial.index;
    summary.label = trial.label();
    summary.swept = trial.swept;
    summary.model = spec.model.name;
    summary.status = trial.index + 1 == int(trials.size()) ? lastStatus : TrialStatus::Finished;
    summary.test_acc = 0.6 + trial.index * 0.01;
    summary.epochs_completed = kEpochs;
    summary.folder = trial.folderName();
    store.addMetricPoints(store.saveTrial(id, summary), storedPoints(trial.index));
    run.trials.push_back(summary);
  }
  store.finishExperiment(id, run, finishedAt ? finishedAt : startedAt);
  return id;
}

}  // namespace sweeplab::ui::test
