// One row per trial of the running (or last) sweep: what was swept, how far it is, how well it
// does. Fed by the engine bridge's signals on the GUI thread; sorted through a proxy.
#pragma once

#include <QAbstractTableModel>
#include <QColor>
#include <QStringList>
#include <optional>
#include <string>
#include <vector>

#include "sweeplab/cluster/cluster_status.h"
#include "sweeplab/metrics.h"
#include "sweeplab/run_observer.h"
#include "sweeplab/trial.h"

namespace sweeplab::ui {

class TrialTableModel : public QAbstractTableModel {
  Q_OBJECT
 public:
  // Fixed columns after the swept ones; swept keys get one column each after kTrial.
  enum class Column {
    Trial,
    Status,
    Progress,
    Epoch,
    TrainAcc,
    BestTrainAcc,
    ValAcc,
    BestValAcc,
    TestAcc,
    TestLoss,
    Parameters,
    WallTime,
    Group,
    Message,
  };
  static constexpr int kSortRole = Qt::UserRole + 1;   // numbers sort as numbers
  static constexpr int kTrialRole = Qt::UserRole + 2;  // trial index of a row

  explicit TrialTableModel(QObject* parent = nullptr);

  // A tpe study's trials are placeholders until suggested: their swept columns (the study's
  // swept keys) stay empty until showSuggestedTrial() or finishTrial() brings their values.
  void setTrials(const std::vector<TrialSpec>& trials, const std::vector<QColor>& colors);
  void clear();
  // A tpe trial's values, suggested while the sweep runs (EngineBridge::trialSuggested): its
  // row shows them, its label and its size (epochs, batch size, parameters) from now on.
  void showSuggestedTrial(const TrialSpec& trial);
  void markStarted(int trial);
  // Trials that train together as one computation (batching: auto): their Group cells show the
  // group's first trial number, and their tooltips name the others (trial_table_groups.cpp).
  // A reopened run's rows take the group from their summaries.
  void markGroup(const std::vector<int>& trials);
  void addMetrics(int trial, const std::vector<MetricPoint>& points);
  // Also takes the dead-class diagnostic so far: a row with dead classes shows a warning icon
  // in its status cell, the short mark in its message cell and the full sentence as tooltip.
  void setProgress(int trial, const TrialProgress& progress);
  void finishTrial(const TrialSummary& summary);
  // The run's class names, for naming dead classes ("dead class: z", not "class 3").
  void setClassNames(const std::vector<std::string>& names);
  const std::vector<std::string>& classNames() const { return class_names_; }
  // Slurm's view of a cluster run's trials (trial_table_scheduler.cpp): the status cell shows
  // it ("pending", "running on node7", "requeued") with the reason and the array task in the
  // tooltip; once a trial's record says it ended, the record's status shows.
  void setSchedulerStates(const std::vector<ClusterTrialState>& states);
  // Trials still queued or running when the sweep ended without a summary for them.
  void markUnfinished(TrialStatus status, const QString& message);

  int columnOf(Column column) const;
  int sweptColumnCount() const { return swept_keys_.size(); }
  int rowOfTrial(int trial) const;
  TrialStatus status(int trial) const;
  // The summary of a trial that ended (from finishTrial); nullopt while it trains or waits.
  std::optional<TrialSummary> summary(int trial) const;
  // The summaries of the trials that ended with a test confusion matrix, in table order.
  std::vector<TrialSummary> trialsWithConfusion() const;
  double fractionDone(int trial) const;
  // Share of the whole sweep done, each trial weighted by its optimizer steps (epochs over
  // batch size: the trials share one dataset); trials that ended count as complete.
  double overallFraction() const;

  int rowCount(const QModelIndex& parent = {}) const override;
  int columnCount(const QModelIndex& parent = {}) const override;
  QVariant data(const QModelIndex& index, int role) const override;
  QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

 private:
  struct Row;
  // Pairs an epoch's validation loss and accuracy (they come with the same step), so the best
  // validation accuracy is the one at the lowest loss, as TrialSummary::best_val_acc is.
  struct EpochValidation {
    long long step = -1;
    double loss = kNoValue, acc = kNoValue;
    void take(const MetricPoint& point, Row* row);
  };
  struct Row {
    int trial = 0;
    QString label;
    QStringList swept_values;      // as the trial has them
    QStringList swept_shown;       // as the table shows them (drawn values rounded)
    bool awaiting_values = false;  // a tpe trial not suggested yet
    QColor color;
    TrialStatus status = TrialStatus::Queued;
    double fraction = 0;
    double weight = 1;  // relative number of optimizer steps
    int epoch = 0;
    int max_epochs = 0;
    double train_acc = kNoValue, best_train_acc = kNoValue;
    bool has_epoch_train_acc = false;
    double val_acc = kNoValue;
    // At the epoch of the lowest validation loss (the checkpoint tested), not the highest.
    double best_val_acc = kNoValue, best_val_loss = kNoValue;
    EpochValidation epoch_validation;
    double test_acc = kNoValue, test_loss = kNoValue;
    long long parameters = 0;
    double wall_seconds = 0;
    QString message;
    QString scheduler_state, scheduler_detail;  // Slurm's view while the record says nothing
    std::string model;                          // for the dead-class sentence's likely cause
    std::vector<int> dead_classes;              // live from progress, final from the summary
    std::optional<TrialSummary> summary;
    int group = 0;  // the first trial number of the group it trains in; 0: alone
  };

  // Label, swept values and size of a row from its trial (trial_table_suggestions.cpp).
  static void describeTrial(Row& row, const TrialSpec& trial);
  static QStringList sweptKeysOf(const std::vector<TrialSpec>& trials);
  // A placeholder row's values from the summary of its trial (a resumed tpe study's kept
  // trials, a trial that ended before its suggestion reached the table).
  void takeSweptValues(Row& row, const TrialSummary& summary) const;
  Row* rowFor(int trial);
  void rowChanged(int row);
  QVariant display(const Row& row, Column column) const;
  QString statusText(const Row& row) const;
  QVariant sortValue(const Row& row, Column column) const;
  QString tooltip(const Row& row) const;
  QString groupSentence(const Row& row) const;  // "Trained together with trials 2 and 3 ..."
  QString messageText(const Row& row) const;
  TrialSummary diagnosticOf(const Row& row) const;  // what deadClassMark/Warning read

  QStringList swept_keys_;
  std::vector<Row> rows_;
  std::vector<std::string> class_names_;
};

}  // namespace sweeplab::ui
