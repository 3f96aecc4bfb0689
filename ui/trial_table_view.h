// The trials table: sortable (the sort follows a column's name from run to run), selection
// highlights curves (a new run starts with none), a context menu stops one trial or
// shows its confusion matrix.
#pragma once

#include <QSet>
#include <QTableView>

namespace sweeplab::ui {

class TrialTableModel;

class TrialTableView : public QTableView {
  Q_OBJECT
 public:
  explicit TrialTableView(TrialTableModel* model, QWidget* parent = nullptr);

  QSet<int> selectedTrials() const;
  // The header of the column the rows are sorted by ("Test acc", "batch_size").
  QString sortColumnName() const;
  // Whether "Stop this trial" is offered (only while a sweep runs).
  void setStoppable(bool stoppable) { stoppable_ = stoppable; }
  // A cluster run's trial stops by cancelling the Slurm task that holds it (with its pack).
  void setStopCancelsSlurmTask(bool cancels) { stop_cancels_task_ = cancels; }

 Q_SIGNALS:
  void selectedTrialsChanged(const QSet<int>& trials);
  void stopTrialRequested(int trial);
  void confusionMatrixRequested(int trial);

 protected:
  void contextMenuEvent(QContextMenuEvent* event) override;

 private:
  void showNewTrials();
  void adjustColumns();
  void restoreSort();

  TrialTableModel* model_;
  bool stoppable_ = false;
  bool stop_cancels_task_ = false;
  // The sort a person chose, by column name: positions change with the swept keys.
  QString sort_header_;
  Qt::SortOrder sort_order_ = Qt::AscendingOrder;
  bool restoring_sort_ = false;
};

}  // namespace sweeplab::ui
