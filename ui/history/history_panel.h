// The run history in the window: past experiments and their trials from the run store, with
// filters by name, model, dataset, date and status. An experiment can be reopened (its form,
// curves and table), trials of several experiments checked and overlaid in one chart, and an
// experiment renamed, annotated or deleted with its run folder (after asking).
#pragma once

#include <QString>
#include <QWidget>
#include <functional>
#include <memory>
#include <vector>

#include "history/stored_runs.h"
#include "sweeplab/run_store.h"

class QComboBox;
class QDateEdit;
class QLabel;
class QLineEdit;
class QPushButton;
class QTreeWidget;
class QTreeWidgetItem;

namespace sweeplab::ui {

class HistoryPanel : public QWidget {
  Q_OBJECT
 public:
  explicit HistoryPanel(QWidget* parent = nullptr);
  ~HistoryPanel() override;

  // The store file; empty turns the history off. Refreshes the list.
  void setStorePath(const QString& path);
  QString storePath() const { return path_; }
  // The open store, or nullptr when there is none (turned off, not created yet, unreadable).
  const RunStore* store();
  void setConfirmations(bool ask) { ask_ = ask; }
  // While a sweep trains, the charts are the sweep's: reopening and overlaying wait.
  void setSweepRunning(bool running);

  // Reads the store again with the current filters.
  void refresh();
  HistoryFilter filter() const;
  int experimentCount() const;  // rows shown
  // The width that shows every column of every row, trials included, without cutting them.
  int preferredWidth() const;

  // What the buttons do, without the dialogs (the buttons ask first).
  bool renameExperiment(long long id, const QString& name);
  bool setNote(long long id, const QString& note);
  bool deleteExperiment(long long id);  // the rows and the run folder

  void setTrialsChecked(long long experimentId, bool checked);  // all trials of one
  std::vector<StoredTrialRef> checkedTrials() const;
  long long selectedExperiment() const;  // 0 when none
  void selectExperiment(long long id);

  QTreeWidget* tree() const { return tree_; }

 Q_SIGNALS:
  void openRequested(long long experimentId);
  // Reopen the experiment and train the trials its run folder did not finish.
  void resumeRequested(long long experimentId);
  void overlayRequested(const std::vector<sweeplab::ui::StoredTrialRef>& trials);

 private:
  void buildLayout();
  void addExperimentRow(const StoredExperiment& experiment);
  QTreeWidgetItem* experimentItem(long long id) const;
  void updateButtons();
  bool hasTrialsToResume(long long experimentId);
  void askRename();
  void askNote();
  void askDelete();
  void showProblem(const QString& message);
  // Runs one change on the store; on an error shows it and returns false, else refreshes.
  bool changeStore(const std::function<void(RunStore&)>& change);

  QString path_;
  std::unique_ptr<RunStore> store_;
  bool ask_ = true;
  bool running_ = false;
  QLineEdit* name_ = nullptr;
  QLineEdit* model_ = nullptr;
  QLineEdit* dataset_ = nullptr;
  QComboBox* status_ = nullptr;
  QDateEdit* since_ = nullptr;
  QDateEdit* until_ = nullptr;
  QTreeWidget* tree_ = nullptr;
  QLabel* message_ = nullptr;
  QPushButton* open_ = nullptr;
  QPushButton* resume_ = nullptr;
  QPushButton* overlay_ = nullptr;
  QPushButton* rename_ = nullptr;
  QPushButton* note_ = nullptr;
  QPushButton* delete_ = nullptr;
};

}  // namespace sweeplab::ui
