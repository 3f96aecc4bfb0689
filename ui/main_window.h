// The workbench window: experiments on the left, the form above the live curves in the
// centre, the trials table below, progress in the status bar. It lays out and connects the
// parts; each part lives in its own class.
#pragma once

#include <QMainWindow>
#include <QMessageBox>
#include <QString>
#include <functional>
#include <optional>
#include <vector>

#include "history/stored_runs.h"
#include "sweeplab/cluster/slurm_settings.h"

class QAction;
class QSplitter;
class QTabWidget;

namespace sweeplab {
struct ResumePlan;
}

namespace sweeplab::ui {

class CurvePanel;
class EngineBridge;
class ExperimentBrowser;
class ExperimentForm;
class HistoryPanel;
class RunStatusBar;
class SummaryView;
class SweepPresenter;
class TrialTableModel;
class TrialTableView;

class MainWindow : public QMainWindow {
  Q_OBJECT
 public:
  // Share of the screen's free area (width and height, percent) the window takes on first start.
  static constexpr int kFirstStartShare = 88;
  // The side pane's width with the History in front, at least (the experiments list needs less).
  static constexpr int kHistoryMinimumWidth = 560;

  explicit MainWindow(QWidget* parent = nullptr);
  ~MainWindow() override;

  // Loads an experiment file into the form; on a bad file says why and returns false.
  bool openFile(const QString& path);
  // Starts the experiment in the form; false (with a message) when it cannot start.
  bool startRun();
  void stopRun();
  // Trains the trials of the last run (or the run reopened from the history) that did not
  // end, in its run folder; false (with a message) when there is nothing to resume.
  bool resumeRun();
  // That run's folder when it has trials left to train; empty otherwise.
  QString resumableRunDirectory() const;
  // Sends the experiment in the form to Slurm as one array job and follows it: curves and
  // table grow from its run folder, the status column shows Slurm's states. The first form
  // asks for the settings (remembered per experiment file); the second takes them (tests).
  bool submitToCluster();
  bool submitToCluster(const SlurmSettings& settings);
  // Follows the cluster run in `runDir` (reopened from the history while it runs), or, with
  // `resubmit`, submits its unfinished trials again first.
  bool followClusterRun(const QString& runDir,
                        const std::optional<SlurmSettings>& resubmit = std::nullopt);
  // Resume of a cluster run: its unfinished trials go to Slurm again with the run's settings.
  bool resumeClusterRun(const QString& runDir);
  // Where run folders are created; remembered between sessions.
  QString runsDirectory() const;
  void setRunsDirectory(const QString& directory);
  // Off in tests: closing or replacing the experiment then asks nothing.
  void setConfirmations(bool ask);
  // Answers the window's yes/no questions (unsaved edits, stopping a sweep) instead of a message
  // box, for tests that check what each answer does. Gets the title and the text.
  using QuestionHook =
      std::function<QMessageBox::StandardButton(const QString& title, const QString& text)>;
  void setQuestionHook(QuestionHook hook) { question_hook_ = std::move(hook); }
  // Chooses the file Save As writes instead of a file dialog, for tests: gets the proposed
  // path, returns the chosen one (empty: cancelled).
  using SaveAsHook = std::function<QString(const QString& proposedPath)>;
  void setSaveAsHook(SaveAsHook hook) { save_as_hook_ = std::move(hook); }
  // Opens a study picked in the Experiments list, after asking about unsaved edits; when it is
  // not opened the list marks the study shown again.
  bool openFromBrowser(const QString& path);

  // The run history: where it is kept (the "history/storePath" setting, overridden by
  // SWEEPLAB_STORE; the XDG data folder by default), and showing stored runs.
  QString storePath() const;
  void setStoreSetting(const QString& path);  // empty: back to the default
  void showHistory();                         // brings the History tab to the front
  bool reopenFromHistory(long long experimentId);
  bool overlayFromHistory(const std::vector<StoredTrialRef>& trials);
  // Checks every trial of these experiments in the history and overlays them.
  bool overlayExperiments(const std::vector<long long>& experimentIds);

  ExperimentForm* form() const { return form_; }
  ExperimentBrowser* browser() const { return browser_; }
  HistoryPanel* history() const { return history_; }
  CurvePanel* curves() const { return curves_; }
  // The Summary tab beside the curves (main_window_insight.cpp).
  SummaryView* summary() const { return summary_; }
  QTabWidget* centreTabs() const { return centre_tabs_; }
  TrialTableModel* trialTable() const { return table_model_; }
  TrialTableView* trialView() const { return table_view_; }
  EngineBridge* bridge() const { return bridge_; }
  SweepPresenter* presenter() const { return presenter_; }
  RunStatusBar* runStatusBar() const { return status_; }
  // Writes the report folder of the run shown (see report/report_bundle.h) into folder; says
  // why not in the status bar (and a message box when confirmations are on). The action
  // "report" asks for the folder first.
  bool writeReport(const QString& folder);
  // Shows the test confusion matrix of a trial that ended (its TrialSummary::index; -1: the
  // selected trial, else the one with the best test accuracy) in a dialog beside the window;
  // false, with a status message, when no trial shown has one.
  bool showConfusionMatrix(int trial = -1);
  // The run folder of the finished run shown, when it is still on disk; empty otherwise.
  QString reportableRunDirectory() const;
  QAction* action(const QString& name) const;  // by object name: "run", "stop", ...
  QString currentFile() const { return path_; }

 protected:
  void closeEvent(QCloseEvent* event) override;

 private:
  void createActions();
  void createMenus();
  void newExperiment();
  void openWithDialog();
  bool save();
  bool saveAs();
  bool saveTo(const QString& path);
  QString proposedSavePath() const;
  bool maybeSave();
  QMessageBox::StandardButton ask(const QString& title, const QString& text,
                                  QMessageBox::StandardButtons buttons,
                                  QMessageBox::StandardButton byDefault);
  void exportResults();
  void writeReportWithDialog();
  void chooseRunsDirectory();
  void chooseStoreFile();
  void applyStorePath();
  void about();
  void setCurrentFile(const QString& path);
  void updateActions();
  void restoreLayout();
  void fitToScreen();              // the first start's geometry, from the screen's free area
  void fitFormHeight();            // grows the form's pane to its content, up to half the centre
  void fitHistoryWidth();          // widens the side pane to the history's columns
  void restoreExperimentsWidth();  // and gives the width back when the Experiments tab returns
  void saveLayout();
  // The Summary tab (main_window_insight.cpp): the tabs around the curves, its feed and links
  // to the table and the curves, its remembered layout, its export.
  QWidget* createCentreTabs(QWidget* curveArea);
  void restoreSummaryLayout();
  void saveSummaryLayout();
  void exportSummaryFigure();

  ExperimentBrowser* browser_ = nullptr;
  HistoryPanel* history_ = nullptr;
  QTabWidget* side_tabs_ = nullptr;
  // The side pane's width before the History widened it, and the width it got (0: not widened).
  int experiments_side_width_ = 0, history_side_width_ = 0;
  ExperimentForm* form_ = nullptr;
  CurvePanel* curves_ = nullptr;
  SummaryView* summary_ = nullptr;
  QTabWidget* centre_tabs_ = nullptr;
  TrialTableModel* table_model_ = nullptr;
  TrialTableView* table_view_ = nullptr;
  RunStatusBar* status_ = nullptr;
  EngineBridge* bridge_ = nullptr;
  SweepPresenter* presenter_ = nullptr;
  QSplitter* outer_split_ = nullptr;
  QSplitter* side_split_ = nullptr;
  QSplitter* centre_split_ = nullptr;
  QString path_;
  QString runs_dir_;
  bool ask_ = true;
  QuestionHook question_hook_;
  SaveAsHook save_as_hook_;
};

}  // namespace sweeplab::ui
