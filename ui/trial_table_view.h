// The trials table: sortable, selection highlights curves, a context menu stops one trial or
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
  // Whether "Stop this trial" is offered (only while a sweep runs).
  void setStoppable(bool stoppable) { stoppable_ = stoppable; }

 Q_SIGNALS:
  void selectedTrialsChanged(const QSet<int>& trials);
  void stopTrialRequested(int trial);
  void confusionMatrixRequested(int trial);

 protected:
  void contextMenuEvent(QContextMenuEvent* event) override;

 private:
  void adjustColumns();

  TrialTableModel* model_;
  bool stoppable_ = false;
};

}  // namespace sweeplab::ui
