// The trials table view: selecting sorted rows names the right trials (for highlighting their
// curves), the progress column keeps its bar and the sort its column when the swept columns
// change, and a new run starts without a selection.
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QSignalSpy>
#include <QTest>

#include "progress_bar_delegate.h"
#include "sweeplab/trial.h"
#include "trial_table_model.h"
#include "trial_table_view.h"
#include "ui_test_support.h"

using namespace sweeplab;
using namespace sweeplab::ui;

class tst_trial_table_view : public QObject {
  Q_OBJECT

  static std::vector<TrialSpec> trials(std::vector<SweepAxis> sweep) {
    ExperimentSpec spec = test::tinyExperiment();
    spec.sweep = std::move(sweep);
    return expandTrials(spec);
  }

 private Q_SLOTS:
  void selectionNamesTrialsThroughTheSort() {
    TrialTableModel model;
    model.setTrials(trials({{"training.batch_size", {"256", "32", "128"}}}), {});
    TrialTableView view(&model);
    view.sortByColumn(1, Qt::AscendingOrder);  // 32, 128, 256
    QSignalSpy selected(&view, &TrialTableView::selectedTrialsChanged);
    view.selectRow(0);
    QCOMPARE(selected.count(), 1);
    QCOMPARE(selected.last().first().value<QSet<int>>(), QSet<int>{1});
    view.selectionModel()->select(view.model()->index(2, 0),
                                  QItemSelectionModel::Select | QItemSelectionModel::Rows);
    QCOMPARE(view.selectedTrials(), (QSet<int>{1, 0}));
    view.clearSelection();
    QCOMPARE(selected.last().first().value<QSet<int>>(), QSet<int>{});
  }

  void progressColumnFollowsTheSweptColumns() {
    TrialTableModel model;
    TrialTableView view(&model);
    model.setTrials(trials({{"training.batch_size", {"64", "128"}},
                            {"training.learning_rate", {"1e-3", "1e-2"}}}),
                    {});
    const int progress = model.columnOf(TrialTableModel::Column::Progress);
    QCOMPARE(progress, 4);  // trial, two swept keys, status, progress
    QVERIFY(qobject_cast<ProgressBarDelegate*>(view.itemDelegateForColumn(progress)));
    QVERIFY(!view.itemDelegateForColumn(progress - 1));
    model.setTrials(trials({}), {});
    QVERIFY(qobject_cast<ProgressBarDelegate*>(
        view.itemDelegateForColumn(model.columnOf(TrialTableModel::Column::Progress))));
  }

  // A run with other swept keys has its columns elsewhere: the sort stays on the column of the
  // same name (test accuracy, not whatever now sits at its old position).
  void sortFollowsTheColumnName() {
    TrialTableModel model;
    TrialTableView view(&model);
    const auto finishAll = [&model](const std::vector<TrialSpec>& specs) {
      for (const TrialSpec& spec : specs) {
        TrialSummary summary;
        summary.index = spec.index;
        summary.status = TrialStatus::Finished;
        summary.test_acc = 0.5 + 0.1 * ((spec.index * 2) % 3);  // not in trial order
        summary.test_loss = 1.0 - summary.test_acc;
        model.finishTrial(summary);
      }
    };
    std::vector<TrialSpec> first = trials({{"training.batch_size", {"64", "128", "256"}}});
    model.setTrials(first, {});
    finishAll(first);
    view.sortByColumn(model.columnOf(TrialTableModel::Column::TestAcc), Qt::DescendingOrder);
    QCOMPARE(view.sortColumnName(), QString("Test acc"));

    std::vector<TrialSpec> second = trials(
        {{"training.batch_size", {"64", "128"}}, {"training.learning_rate", {"1e-3", "1e-2"}}});
    model.setTrials(second, {});
    finishAll(second);
    QCOMPARE(view.sortColumnName(), QString("Test acc"));
    QCOMPARE(view.horizontalHeader()->sortIndicatorSection(),
             model.columnOf(TrialTableModel::Column::TestAcc));
    QCOMPARE(view.horizontalHeader()->sortIndicatorOrder(), Qt::DescendingOrder);
    const int testAcc = model.columnOf(TrialTableModel::Column::TestAcc);
    for (int row = 1; row < view.model()->rowCount(); ++row)
      QVERIFY(view.model()->index(row - 1, testAcc).data(TrialTableModel::kSortRole).toDouble() >=
              view.model()->index(row, testAcc).data(TrialTableModel::kSortRole).toDouble());

    // Sorted by a swept key that the next run does not sweep: that run reads in trial order,
    // and a later run that sweeps it again is sorted by it again.
    view.sortByColumn(1, Qt::DescendingOrder);
    QCOMPARE(view.sortColumnName(), QString("batch_size"));
    model.setTrials(trials({{"training.learning_rate", {"1e-3", "1e-2"}}}), {});
    QCOMPARE(view.sortColumnName(), QString("Trial"));
    QCOMPARE(view.horizontalHeader()->sortIndicatorOrder(), Qt::AscendingOrder);
    QCOMPARE(view.model()->index(0, 0).data(TrialTableModel::kTrialRole).toInt(), 0);
    model.setTrials(first, {});
    QCOMPARE(view.sortColumnName(), QString("batch_size"));
    QCOMPARE(view.model()->index(0, 1).data().toString(), QString("256"));
  }

  // The selection belongs to the run shown: a new run starts with none and says so, so the
  // curves are not left highlighted for trials of another run.
  void newTrialsClearTheSelection() {
    TrialTableModel model;
    model.setTrials(trials({{"training.batch_size", {"64", "128"}}}), {});
    TrialTableView view(&model);
    view.selectRow(1);
    QCOMPARE(view.selectedTrials().size(), 1);
    QSignalSpy selected(&view, &TrialTableView::selectedTrialsChanged);
    model.setTrials(trials({{"training.batch_size", {"64", "128"}}}), {});
    QVERIFY(view.selectedTrials().isEmpty());
    QCOMPARE(selected.count(), 1);
    QCOMPARE(selected.last().first().value<QSet<int>>(), QSet<int>{});
  }
};

QTEST_MAIN(tst_trial_table_view)
#include "tst_trial_table_view.moc"
