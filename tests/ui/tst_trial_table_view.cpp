// The trials table view: selecting sorted rows names the right trials (for highlighting their
// curves), and the progress column keeps its bar when the swept columns change.
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
};

QTEST_MAIN(tst_trial_table_view)
#include "tst_trial_table_view.moc"
