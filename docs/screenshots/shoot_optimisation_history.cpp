// Screenshot of the Summary tab's optimisation history for a random-search run folder that
// sweeplab-cli trained. The runner cannot prune yet, so the picture replays ASHA (the study's
// pruner: val_loss, rungs at epochs 1, 3, 9, reduction factor 3) on the recorded validation
// curves, one trial at a time in trial order, and shows the trials it would have stopped as
// pruned at that epoch, with their records cut there. Every value drawn is a recorded one.
// Usage: shoot_optimisation_history RUNDIR OUT.png (built and run by take-screenshots.sh)
#include <QApplication>
#include <QTabWidget>
#include <QTimer>
#include <cmath>
#include <cstdio>

#include "experiment_form.h"
#include "history/stored_runs.h"
#include "insight/summary_view.h"
#include "main_window.h"
#include "sweep_presenter.h"
#include "sweeplab/experiment_io.h"
#include "sweeplab/experiment_search.h"
#include "sweeplab/optimisation_history.h"
#include "sweeplab/pruning/make_pruner.h"
#include "sweeplab/run_folder.h"

using namespace sweeplab;

namespace {

double valueAt(const std::vector<MetricPoint>& points, const char* name, int epoch) {
  for (const MetricPoint& point : points)
    if (point.name == name && std::lround(point.epoch) == epoch) return point.value;
  return kNoValue;
}

// The trial as it would have ended at `epoch`: its points up to there and its results then.
void cutAt(TrialSummary& trial, std::vector<MetricPoint>& points, int epoch,
           const std::string& reason) {
  std::vector<MetricPoint> kept;
  for (const MetricPoint& point : points)
    if (point.epoch <= epoch + 1e-9) kept.push_back(point);
  points = kept;
  trial.status = TrialStatus::Pruned;
  trial.message = reason;
  trial.epochs_completed = epoch;
  trial.val_acc = valueAt(points, metric::kValAccEpoch, epoch);
  trial.val_loss = valueAt(points, metric::kValLossEpoch, epoch);
  trial.best_val_loss = INFINITY;
  for (int e = 1; e <= epoch; ++e)
    if (valueAt(points, metric::kValLossEpoch, e) < trial.best_val_loss) {
      trial.best_val_loss = valueAt(points, metric::kValLossEpoch, e);
      trial.best_val_acc = valueAt(points, metric::kValAccEpoch, e);
      trial.best_epoch = e;
    }
  trial.test_acc = trial.test_loss = trial.test_acc_micro =
      kNoValue;  // a pruned trial is not tested
  trial.test_class_recall.clear();
  trial.test_confusion.clear();
  if (!points.empty()) {
    trial.wall_seconds = points.back().wall_seconds;
    trial.steps = points.back().step;
  }
}

}  // namespace

int main(int argc, char** argv) {
  QApplication app(argc, argv);
  QApplication::setApplicationName(QStringLiteral("Sweeplab"));
  QApplication::setOrganizationName(QStringLiteral("Sweeplab"));
  if (argc != 3) {
    std::fprintf(stderr, "usage: %s RUNDIR OUT.png\n", argv[0]);
    return 2;
  }
  const std::string runDir = argv[1];
  ui::StoredRunView view;
  view.summary = readRunSummary(runDir);
  const ExperimentSpec spec = loadExperimentFile(runDir + "/" + view.summary.experiment_file);
  ExperimentSpec asha = spec;
  asha.pruning.method = PruningMethod::Asha;
  asha.pruning.metric = "val_loss";
  const auto pruner = pruning::makePruner(pruningSettingsOf(asha));
  int pruned = 0;
  for (TrialSummary& trial : view.summary.trials) {
    std::vector<MetricPoint> points = readTrialMetrics(runDir, trial);
    pruning::TrialOutcome outcome = pruning::TrialOutcome::completed;
    for (int epoch = 1; epoch <= trial.epochs_completed; ++epoch) {
      const pruning::PruneDecision decision =
          pruner->report(trial.index, epoch, valueAt(points, metric::kValLossEpoch, epoch));
      if (decision.prune && epoch < trial.epochs_completed) {
        cutAt(trial, points, epoch, decision.reason);
        outcome = pruning::TrialOutcome::pruned;
        ++pruned;
        break;
      }
    }
    pruner->finish(trial.index, outcome);
    view.points.push_back(points);
  }
  for (const TrialSpec& trial : expandTrials(spec)) {
    view.trials.push_back(trial);
    view.legend.push_back(QString::fromStdString(trial.label()));
  }
  view.title = QStringLiteral("%1, %2 trials marked pruned by ASHA replayed on the recorded curves")
                   .arg(QString::fromStdString(spec.name))
                   .arg(pruned);
  view.spec = spec;

  ui::MainWindow window;
  window.resize(1408, 880);
  window.show();
  window.form()->setSpec(spec);
  window.summary()->setObjective(studyObjectiveOf(spec));
  window.presenter()->showStoredRun(view);
  window.centreTabs()->setCurrentWidget(window.summary());
  const QString out = QString::fromLocal8Bit(argv[2]);
  QTimer::singleShot(1500, &window, [&window, out] {
    const bool saved = window.grab().save(out);
    QApplication::exit(saved ? 0 : 1);
  });
  return QApplication::exec();
}
