// Trial colours come from the shared palette (run_colors.h), so a trial looks the same in both
// charts, the table, exported figures and an overlay.
#include "sweep_presenter.h"

#include <QDateTime>
#include <algorithm>
#include <cmath>
#include <map>

#include "charts/curve_panel.h"
#include "display_format.h"
#include "engine_bridge.h"
#include "history/stored_runs.h"
#include "insight/sweep_outcome.h"
#include "repeat_summary.h"
#include "run_colors.h"
#include "run_status_bar.h"
#include "sweeplab/comparison.h"
#include "sweeplab/repeat_statistics.h"
#include "sweeplab/resume.h"
#include "sweeplab/run_folder.h"
#include "trial_table_model.h"

namespace sweeplab::ui {

SweepPresenter::SweepPresenter(EngineBridge* bridge, CurvePanel* curves, TrialTableModel* table,
                               RunStatusBar* status, QObject* parent)
    : QObject(parent), bridge_(bridge), curves_(curves), table_(table), status_(status) {
  connect(bridge, &EngineBridge::sweepStarted, this, &SweepPresenter::sweepStarted);
  connect(bridge, &EngineBridge::sweepInfo, this,
          [this](const QString& device, const QString&, const QString& dataset,
                 const QStringList& classNames) {
            status_->setDevice(device);
            status_->showMessage(tr("Training on %1: %2").arg(device, dataset));
            std::vector<std::string> names;
            for (const QString& name : classNames) names.push_back(name.toStdString());
            table_->setClassNames(names);
          });
  connect(bridge, &EngineBridge::trialSuggested, this, [this](const TrialSpec& trial) {
    table_->showSuggestedTrial(trial);
    curves_->setTrialLabel(trial.index, QString::fromStdString(trial.label()));
    awaiting_values_.erase(trial.index);
  });
  connect(bridge, &EngineBridge::groupStarted, table_, &TrialTableModel::markGroup);
  connect(bridge, &EngineBridge::trialStarted, this, [this](int trial) {
    table_->markStarted(trial);
    curves_->setTrialStatus(trial, TrialStatus::Running);
  });
  connect(bridge, &EngineBridge::metricsArrived, this,
          [this](int trial, const std::vector<MetricPoint>& points) {
            curves_->appendPoints(trial, points);
            table_->addMetrics(trial, points);
          });
  connect(
      bridge, &EngineBridge::trialProgress, this,
      [this](int trial, const TrialProgress& progress) { table_->setProgress(trial, progress); });
  connect(bridge, &EngineBridge::trialFinished, this, &SweepPresenter::trialFinished);
  connect(bridge, &EngineBridge::sweepFinished, this, &SweepPresenter::sweepFinished);
  connect(bridge, &EngineBridge::statusMessage, status_,
          [this](const QString& message) { status_->showMessage(message); });
  connect(bridge, &EngineBridge::error, this, &SweepPresenter::sweepFailed);
  connect(bridge, &EngineBridge::drained, this, &SweepPresenter::updateOverallProgress);
  connect(bridge, &EngineBridge::clusterStates, table_, &TrialTableModel::setSchedulerStates);
}

namespace {

// Seed repeats of one grid point share a group, named without the seed (as the results tables
// name the grid point), and, in a run with repeats, a colour. Returns the colours, for the
// table.
std::vector<QColor> groupRepeats(std::vector<TrialDisplay>& displays,
                                 const std::vector<TrialSpec>& trials) {
  std::vector<int> indices;
  std::vector<SweptValues> swept;
  for (const TrialSpec& trial : trials) {
    indices.push_back(trial.index);
    // A tpe trial not suggested yet has no values: it stands for its own point (its repeats
    // share it), not for one point of them all, or every trial would be a repeat of one.
    if (trial.suggested && trial.swept.empty()) {
      const int point = trial.index / std::max(1, trial.spec.repeats);
      swept.push_back({{"trial", std::to_string(point + 1)}});
    } else {
      swept.push_back(trial.swept);
    }
  }
  const RunColors run = runColors(indices, swept);
  for (size_t i = 0; i < displays.size(); ++i) {
    displays[i].group = run.groups.at(i);
    displays[i].groupLabel = QString::fromStdString(gridPointLabel(swept[i]));
    displays[i].color = run.colors.at(i);
  }
  return run.colors;
}

// From the run's start to its end; negative when it did not end (interrupted) or either time
// is unreadable.
double runSeconds(const RunSummary& run) {
  const QDateTime start =
      QDateTime::fromString(QString::fromStdString(run.started_at), Qt::ISODate);
  const QDateTime end = QDateTime::fromString(QString::fromStdString(run.finished_at), Qt::ISODate);
  if (!start.isValid() || !end.isValid() || end < start) return -1;
  return start.msecsTo(end) / 1000.0;
}

QString comparisonNote(const std::vector<ComparedTrial>& trials,
                       const std::vector<std::string>& keys) {
  const std::vector<TrialDifference> differences = comparisonDifferences(trials, keys);
  if (differences.empty()) return {};
  return SweepPresenter::tr("Not only the swept values differ between these trials: %1")
      .arg(QString::fromStdString(describeDifferences(differences)));
}

}  // namespace

void SweepPresenter::sweepStarted(const std::vector<TrialSpec>& trials) {
  objective_.reset();
  // From the study, not from a trial: a random search's trials no longer say they were searched.
  if (!trials.empty()) objective_ = studyObjectiveOf(bridge_->study());
  std::vector<TrialDisplay> displays;
  std::vector<ComparedTrial> compared;
  awaiting_values_.clear();
  for (const TrialSpec& trial : trials) {
    if (trial.suggested && trial.swept.empty()) awaiting_values_.insert(trial.index);
    TrialDisplay display;
    display.trial = trial.index;
    display.label = QString::fromStdString(trial.label());
    displays.push_back(display);
    compared.push_back({trial.spec, "", "", ""});
  }
  const std::vector<QColor> colors = groupRepeats(displays, trials);
  // A tpe study's keys are its sweep's, known before any trial has values.
  std::vector<std::string> swept;
  if (!trials.empty() && trials.front().swept.empty())
    for (const SweepAxis& axis : trials.front().spec.sweep) swept.push_back(axis.key);
  else if (!trials.empty())
    for (const auto& [key, value] : trials.front().swept) swept.push_back(key);
  curves_->setNote(comparisonNote(compared, swept));
  Q_EMIT repeatSummaryChanged({}, {});
  curves_->setTrials(displays);
  curves_->setPreferredXAxis(preferredXAxis(swept));
  table_->setTrials(trials, colors);
  table_->setClassNames({});  // the data's classes come with sweepInfo, once it is prepared
  status_->sweepStarted();
  status_->showMessage(tr("Preparing the data…"));
}

void SweepPresenter::trialFinished(const TrialSummary& summary) {
  showLabelOf(summary);
  table_->finishTrial(summary);
  curves_->setTrialStatus(summary.index, summary.status);
}

void SweepPresenter::sweepFinished(const RunSummary& summary) {
  last_summary_ = summary;
  if (!summary.class_names.empty()) table_->setClassNames(summary.class_names);
  const RepeatSummary repeats = repeatSummary(summary);
  Q_EMIT repeatSummaryChanged(repeats.text, repeats.details);
  last_run_dir_ = bridge_->runDirectory();
  const bool stopped = bridge_->stopRequested();
  table_->markUnfinished(TrialStatus::Stopped, tr("the sweep was stopped"));
  QString text = sweepOutcomeText(summary, objective_, stopped);
  if (!last_run_dir_.isEmpty()) text += tr("; saved in %1").arg(last_run_dir_);
  status_->sweepEnded(text);
}

void SweepPresenter::showStoredRun(const StoredRunView& view) {
  awaiting_values_.clear();
  std::vector<TrialDisplay> displays;
  for (size_t i = 0; i < view.trials.size(); ++i) {
    TrialDisplay display;
    display.trial = view.trials[i].index;
    display.label = view.legend.at(i);
    displays.push_back(display);
  }
  std::vector<QColor> colors = groupRepeats(displays, view.trials);
  // An overlay's trials keep the colours they had in their own runs.
  if (view.colors.size() == displays.size()) {
    colors = view.colors;
    for (size_t i = 0; i < displays.size(); ++i) displays[i].color = colors[i];
  }
  curves_->setNote(comparisonNote(view.compared, view.compared_keys));
  const RepeatSummary repeats = repeatSummary(view.summary);
  Q_EMIT repeatSummaryChanged(repeats.text, repeats.details);
  curves_->setTrials(displays);
  // The keys every trial's own run swept (an overlay's trials are swept over "run" and "trial"
  // only), and the batch size when the trials differ in it: their steps per epoch differ then.
  std::vector<std::string> swept = view.compared_keys;
  for (const TrialSpec& trial : view.trials) {
    for (const auto& [key, value] : trial.swept) swept.push_back(key);
    if (trial.spec.training.batch_size != view.trials.front().spec.training.batch_size)
      swept.push_back("training.batch_size");
  }
  curves_->setPreferredXAxis(preferredXAxis(swept));
  table_->setTrials(view.trials, colors);
  table_->setClassNames(view.summary.class_names);
  for (size_t i = 0; i < view.trials.size(); ++i) {
    const TrialSummary& summary = view.summary.trials.at(i);
    curves_->appendPoints(summary.index, view.points.at(i));
    table_->addMetrics(summary.index, view.points.at(i));
    table_->finishTrial(summary);
    curves_->setTrialStatus(summary.index, summary.status);
  }
  curves_->resetZoom();
  curves_->refreshNow();
  last_summary_ = view.summary;
  last_run_dir_ = view.run_dir;
  status_->showRunDuration(view.run_dir.isEmpty() ? -1 : runSeconds(view.summary));
  status_->showMessage(tr("From the run history: %1").arg(view.title));
  Q_EMIT storedRunShown(view.summary);
}

void SweepPresenter::showKeptTrials(const RunSummary& previous, const QString& runDir) {
  if (!previous.class_names.empty()) table_->setClassNames(previous.class_names);
  for (const TrialSummary& trial : previous.trials) {
    if (trialNeedsRerun(trial.status)) continue;
    try {
      const std::vector<MetricPoint> points = readTrialMetrics(runDir.toStdString(), trial);
      curves_->appendPoints(trial.index, points);
      table_->addMetrics(trial.index, points);
    } catch (const std::exception&) {
      // Without its metrics.csv the trial still shows its results in the table.
    }
    showLabelOf(trial);
    table_->finishTrial(trial);
    curves_->setTrialStatus(trial.index, trial.status);
  }
  curves_->refreshNow();
  updateOverallProgress();
  Q_EMIT keptTrialsShown(previous);
}

void SweepPresenter::showLabelOf(const TrialSummary& summary) {
  // A tpe trial's summary has its values (a resumed study's kept trials were never suggested
  // in this window); a grid or random trial's label is the one it was listed with.
  if (summary.swept.empty() || !awaiting_values_.count(summary.index)) return;
  curves_->setTrialLabel(summary.index, QString::fromStdString(summary.label));
  awaiting_values_.erase(summary.index);
}

void SweepPresenter::sweepFailed(const QString& message) {
  table_->markUnfinished(TrialStatus::Failed, message);
  status_->sweepEnded(tr("The sweep could not run: %1").arg(message));
}

void SweepPresenter::updateOverallProgress() {
  // The drain that delivers the sweep's end comes after it: the bar then shows the time taken.
  if (bridge_->isRunning()) status_->setFraction(table_->overallFraction());
}

}  // namespace sweeplab::ui
