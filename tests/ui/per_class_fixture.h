// A finished three-trial batch-size sweep with per-class results, built by hand instead of
// trained: the JSC classes, each trial's test confusion matrix and the recall it gives, curves
// to draw, and a dead class (z) in the middle trial. Shared by the per-class window tests.
#pragma once

#include <QDir>
#include <QString>
#include <cmath>
#include <string>
#include <vector>

#include "history/stored_runs.h"
#include "sweeplab/metrics.h"
#include "sweeplab/run_folder.h"
#include "sweeplab/trial.h"
#include "ui_test_support.h"

namespace sweeplab::ui::test {

inline const std::vector<std::string> kJscClasses = {"g", "q", "w", "z", "t"};

inline std::vector<TrialSpec> perClassTrials() {
  ExperimentSpec spec = tinyExperiment(6);
  spec.name = "per_class";
  spec.sweep = {{"training.batch_size", {"64", "128", "256"}}};
  return expandTrials(spec);
}

// Rows are the true class (g, q, w, z, t), columns the predicted one. The middle trial never
// predicts z: its z jets land on w.
inline std::vector<long long> confusionOf(int trial) {
  if (trial == 1)
    return {2811, 113,  96,   0, 132,  //
            201,  2290, 648,  0, 121,  //
            77,   512,  2585, 0, 98,   //
            34,   97,   2896, 0, 185,  //
            88,   104,  51,   0, 2960};
  const long long shift = trial == 0 ? 0 : 40;
  return {2850 + shift, 101,          84,           61,           96 - shift,   //
          188,          2214 + shift, 611,          142,          105 - shift,  //
          69,           498,          2489 + shift, 171,          45 - shift,   //
          41,           133,          389,          2562 + shift, 87 - shift,   //
          92,           97,           40,           35,           2939 + shift};
}

inline std::vector<double> recallOf(const std::vector<long long>& confusion) {
  std::vector<double> recall;
  for (int row = 0; row < 5; ++row) {
    long long total = 0;
    for (int c = 0; c < 5; ++c) total += confusion[row * 5 + c];
    recall.push_back(total > 0 ? double(confusion[row * 5 + row]) / total : kNoValue);
  }
  return recall;
}

inline RunSummary perClassRun() {
  RunSummary run;
  run.experiment_name = "per_class";
  run.started_at = "2026-12-01T10:00:00Z";
  run.device = "CPU";
  run.dataset = "synthetic-jsc, 3000 rows";
  run.class_names = kJscClasses;
  for (const TrialSpec& spec : perClassTrials()) {
    TrialSummary trial = trialSummaryHeader(spec, TrialStatus::Finished);
    trial.test_confusion = confusionOf(spec.index);
    trial.test_class_recall = recallOf(trial.test_confusion);
    double mean = 0;
    for (double recall : trial.test_class_recall) mean += recall / 5;
    trial.test_acc = mean;
    trial.test_loss = 0.9 - 0.1 * spec.index;
    trial.train_acc = trial.val_acc = trial.best_val_acc = mean - 0.01;
    trial.tested_checkpoint = "best";
    trial.trainable_parameters = 117;
    trial.epochs_completed = 6;
    trial.wall_seconds = 20 + 5 * spec.index;
    if (spec.index == 1) trial.dead_classes = {3};
    run.trials.push_back(trial);
  }
  return run;
}

// Per-step training and per-epoch validation accuracy that rise towards the trial's result.
inline std::vector<MetricPoint> perClassPoints(const TrialSummary& trial) {
  std::vector<MetricPoint> points;
  for (int step = 1; step <= 60; ++step) {
    const double epoch = step / 10.0;
    const double value = trial.test_acc * (1 - std::exp(-epoch)) + 0.2 * std::exp(-epoch);
    points.push_back({metric::kTrainAccStep, step, epoch, step * 64LL, step * 0.3, value});
    points.push_back({metric::kTrainLossStep, step, epoch, step * 64LL, step * 0.3, 1.6 - value});
    if (step % 10 == 0) {
      points.push_back({metric::kValAccEpoch, step, epoch, step * 64LL, step * 0.3, value});
      points.push_back({metric::kValLossEpoch, step, epoch, step * 64LL, step * 0.3, 1.6 - value});
    }
  }
  return points;
}

// The run as the History tab hands it to the presenter.
inline StoredRunView perClassView() {
  StoredRunView view;
  view.title = "per_class (#1)";
  view.trials = perClassTrials();
  view.summary = perClassRun();
  for (size_t i = 0; i < view.trials.size(); ++i) {
    view.legend.push_back(QString::fromStdString(view.trials[i].label()));
    view.points.push_back(perClassPoints(view.summary.trials[i]));
  }
  return view;
}

// The run as a run folder on disk: summary.json and each trial's metrics.csv.
inline void writePerClassRunFolder(const QString& dir, const RunSummary& run) {
  QDir().mkpath(dir);
  for (const TrialSummary& trial : run.trials) {
    const QString folder = QDir(dir).filePath(QString::fromStdString(trial.folder));
    QDir().mkpath(folder);
    writeFileAtomically(QDir(folder).filePath(kMetricsFileName).toStdString(),
                        metricsToCsv(perClassPoints(trial)));
  }
  writeRunSummary(dir.toStdString(), run);
}

}  // namespace sweeplab::ui::test
