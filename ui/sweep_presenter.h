// Shows a running sweep: takes the engine bridge's signals and feeds the curves, the trials
// table and the status bar, so the main window only lays them out.
#pragma once

#include <QObject>
#include <QString>
#include <optional>
#include <set>

#include "sweeplab/metrics.h"
#include "sweeplab/optimisation_history.h"
#include "sweeplab/trial.h"

namespace sweeplab::ui {

class CurvePanel;
class EngineBridge;
class RunStatusBar;
class TrialTableModel;
struct StoredRunView;

class SweepPresenter : public QObject {
  Q_OBJECT
 public:
  SweepPresenter(EngineBridge* bridge, CurvePanel* curves, TrialTableModel* table,
                 RunStatusBar* status, QObject* parent = nullptr);

  // Shows a run from the history (or an overlay of trials) as a finished sweep: its curves,
  // its table; exports then take it as the last summary.
  void showStoredRun(const StoredRunView& view);
  // A resumed sweep has started: the trials of `previous` that ended before (finished or
  // diverged) are shown with their results and curves from the run folder.
  void showKeptTrials(const RunSummary& previous, const QString& runDir);

  // The summary of the last sweep that ended, and its run folder (empty: nothing written).
  const std::optional<RunSummary>& lastSummary() const { return last_summary_; }
  QString lastRunDirectory() const { return last_run_dir_; }

 Q_SIGNALS:
  // The seed-repeat line for the run shown and its details (repeatSummary); empty while a sweep
  // runs and for runs without repeats.
  void repeatSummaryChanged(const QString& text, const QString& details);
  // A run from the history (or an overlay) is shown whole; a resumed sweep's earlier trials
  // are shown: the views that summarise the run (the Summary tab) take them from here.
  void storedRunShown(const sweeplab::RunSummary& summary);
  void keptTrialsShown(const sweeplab::RunSummary& previous);

 private:
  void sweepStarted(const std::vector<TrialSpec>& trials);
  void trialFinished(const TrialSummary& summary);
  void sweepFinished(const RunSummary& summary);
  void sweepFailed(const QString& message);
  // A trial listed as a tpe placeholder takes its label from its summary once it ends.
  void showLabelOf(const TrialSummary& summary);
  void updateOverallProgress();

  EngineBridge* bridge_;
  CurvePanel* curves_;
  TrialTableModel* table_;
  RunStatusBar* status_;
  std::optional<RunSummary> last_summary_;
  std::optional<StudyObjective> objective_;  // of the sweep running or last run
  QString last_run_dir_;
  std::set<int> awaiting_values_;  // tpe trials still shown by their placeholder label
};

}  // namespace sweeplab::ui
