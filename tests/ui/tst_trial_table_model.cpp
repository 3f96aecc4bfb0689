// The trials table: one row per trial with its swept values, live and best accuracies,
// numeric sorting, and the reason a trial failed.
#include <QSignalSpy>
#include <QSortFilterProxyModel>
#include <QTest>
#include <cmath>

#include "sweeplab/trial.h"
#include "trial_table_model.h"
#include "ui_test_support.h"

using namespace sweeplab;
using namespace sweeplab::ui;
using Column = TrialTableModel::Column;

class tst_trial_table_model : public QObject {
  Q_OBJECT

  static std::vector<TrialSpec> batchSweep() {
    ExperimentSpec spec = test::tinyExperiment();
    spec.sweep = {{"training.batch_size", {"256", "32", "128"}}};
    return expandTrials(spec);
  }

  static MetricPoint point(const char* name, long long step, double value) {
    MetricPoint p;
    p.name = name;
    p.step = step;
    p.value = value;
    return p;
  }

  static QString cell(const TrialTableModel& model, int row, Column column) {
    return model.index(row, model.columnOf(column)).data().toString();
  }

 private Q_SLOTS:
  void oneRowPerTrialWithSweptColumns() {
    TrialTableModel model;
    model.setTrials(batchSweep(), {Qt::red, Qt::green, Qt::blue});
    QCOMPARE(model.rowCount(), 3);
    QCOMPARE(model.sweptColumnCount(), 1);
    QCOMPARE(model.headerData(1, Qt::Horizontal, Qt::DisplayRole).toString(), "batch_size");
    QCOMPARE(model.index(1, 1).data().toString(), "32");
    QCOMPARE(model.index(2, 0).data(Qt::DecorationRole).value<QColor>(), QColor(Qt::blue));
    QCOMPARE(cell(model, 0, Column::Status), "queued");
    QVERIFY(model.index(0, model.columnOf(Column::Parameters)).data().toInt() > 0);
  }

  void tracksCurrentAndBestAccuracy() {
    TrialTableModel model;
    model.setTrials(batchSweep(), {});
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    model.markStarted(1);
    // Epoch 2 has the highest accuracy, epoch 3 the lowest loss: the column shows epoch 3's
    // accuracy, as TrialSummary::best_val_acc (the checkpoint tested) has it.
    model.addMetrics(1,
                     {point(metric::kValLossEpoch, 10, 0.90), point(metric::kValAccEpoch, 10, 0.50),
                      point(metric::kValLossEpoch, 20, 0.80), point(metric::kValAccEpoch, 20, 0.70),
                      point(metric::kValLossEpoch, 30, 0.70), point(metric::kValAccEpoch, 30, 0.60),
                      point(metric::kTrainAccStep, 30, 0.55)});
    QVERIFY(changed.count() >= 2);
    QCOMPARE(cell(model, 1, Column::Status), "running");
    QCOMPARE(cell(model, 1, Column::ValAcc), "60.00 %");
    QCOMPARE(cell(model, 1, Column::BestValAcc), "60.00 %");
    // A later epoch with a higher loss does not move it, whatever its accuracy; the accuracy
    // may come before the loss.
    model.addMetrics(
        1, {point(metric::kValAccEpoch, 40, 0.75), point(metric::kValLossEpoch, 40, 0.72)});
    QCOMPARE(cell(model, 1, Column::ValAcc), "75.00 %");
    QCOMPARE(cell(model, 1, Column::BestValAcc), "60.00 %");
    // A non-finite loss (a diverging epoch) is never the best.
    model.addMetrics(
        1, {point(metric::kValLossEpoch, 50, std::nan("")), point(metric::kValAccEpoch, 50, 0.9)});
    QCOMPARE(cell(model, 1, Column::BestValAcc), "60.00 %");
    QCOMPARE(cell(model, 1, Column::TrainAcc), "55.00 %");
    QCOMPARE(cell(model, 1, Column::BestTrainAcc), "");  // one batch is not an accuracy yet

    model.addMetrics(
        1, {point(metric::kTrainAccEpoch, 40, 0.58), point(metric::kTrainAccStep, 45, 0.90)});
    QCOMPARE(cell(model, 1, Column::TrainAcc), "58.00 %");
    QCOMPARE(cell(model, 1, Column::BestTrainAcc), "58.00 %");

    TrialProgress progress;
    progress.epoch = 2;
    progress.max_epochs = 4;
    progress.step = 50;
    progress.total_steps = 100;
    model.setProgress(1, progress);
    QCOMPARE(model.fractionDone(1), 0.5);
    QCOMPARE(cell(model, 1, Column::Epoch), "2 / 4");
    // Weighted by steps: batch 32 takes 8 times the steps of batch 256, 4 times those of 128.
    QCOMPARE(model.overallFraction(), 0.5 * 8 / (1 + 8 + 2));
  }

  void pointsMoveProgressWithinAnEpoch() {
    TrialTableModel model;
    model.setTrials(batchSweep(), {});  // 3 epochs each
    MetricPoint p = point(metric::kTrainAccStep, 40, 0.4);
    p.epoch = 1.5;
    p.wall_seconds = 12;
    model.addMetrics(0, {p});
    QCOMPARE(model.status(0), TrialStatus::Running);
    QCOMPARE(model.fractionDone(0), 0.5);
    QCOMPARE(cell(model, 0, Column::WallTime), "12.0 s");
  }

  void finishedRowShowsTestResults() {
    TrialTableModel model;
    model.setTrials(batchSweep(), {});
    TrialSummary summary;
    summary.index = 0;
    summary.status = TrialStatus::Finished;
    summary.test_acc = 0.7123;
    summary.test_loss = 0.81234;
    summary.trainable_parameters = 117;
    summary.wall_seconds = 75;
    model.finishTrial(summary);
    QCOMPARE(cell(model, 0, Column::Status), "finished");
    QCOMPARE(cell(model, 0, Column::TestAcc), "71.23 %");
    QCOMPARE(cell(model, 0, Column::TestLoss), "0.8123");
    QCOMPARE(cell(model, 0, Column::Parameters), "117");
    QCOMPARE(cell(model, 0, Column::WallTime), "1:15");
    QCOMPARE(model.fractionDone(0), 1.0);
  }

  // Trials that train together show their group (its first trial's number) from their start,
  // and their tooltips name the others; a reopened run's rows take it from their summaries.
  void groupedTrialsShowTheirGroup() {
    TrialTableModel model;
    std::vector<TrialSpec> trials = batchSweep();
    trials.push_back(trials.back());
    trials.back().index = 3;
    model.setTrials(trials, {});
    model.markGroup({1, 2, 3});
    QCOMPARE(cell(model, 0, Column::Group), QString());
    for (int row : {1, 2, 3}) QCOMPARE(cell(model, row, Column::Group), QString("2"));
    const QString tip =
        model.index(1, model.columnOf(Column::Group)).data(Qt::ToolTipRole).toString();
    QVERIFY2(tip.contains("Trained together with trials 3 and 4 as one computation (group 2)"),
             qPrintable(tip));
    QVERIFY(!model.index(0, 0).data(Qt::ToolTipRole).toString().contains("Trained together"));

    TrialTableModel reopened;
    reopened.setTrials(trials, {});
    for (int index : {0, 3}) {
      TrialSummary summary;
      summary.index = index;
      summary.status = TrialStatus::Finished;
      summary.group = 1;
      reopened.finishTrial(summary);
    }
    QCOMPARE(cell(reopened, 3, Column::Group), QString("1"));
    QVERIFY(reopened.index(0, 0)
                .data(Qt::ToolTipRole)
                .toString()
                .contains("Trained together with trial 4 as one computation (group 1)"));
  }

  // The column is named for what it holds, and its header tooltip says which accuracy it is;
  // the engine's summary has the final word over what the stream suggested.
  void bestValidationIsTheSummarysBestValAcc() {
    TrialTableModel model;
    model.setTrials(batchSweep(), {});
    const int column = model.columnOf(Column::BestValAcc);
    QCOMPARE(model.headerData(column, Qt::Horizontal, Qt::DisplayRole).toString(),
             "Val acc at best loss");
    const QString tip = model.headerData(column, Qt::Horizontal, Qt::ToolTipRole).toString();
    QVERIFY2(tip.contains("lowest validation loss") && tip.contains("best_val_acc"),
             qPrintable(tip));
    model.addMetrics(
        0, {point(metric::kValLossEpoch, 10, 1.0), point(metric::kValAccEpoch, 10, 0.58)});
    TrialSummary summary;
    summary.index = 0;
    summary.status = TrialStatus::Finished;
    summary.best_val_acc = 0.5788;
    model.finishTrial(summary);
    QCOMPARE(cell(model, 0, Column::BestValAcc), "57.88 %");
  }

  void failedRowSaysWhy_data() {
    QTest::addColumn<int>("status");
    QTest::newRow("diverged") << int(TrialStatus::Diverged);
    QTest::newRow("failed") << int(TrialStatus::Failed);
  }

  void failedRowSaysWhy() {
    QFETCH(int, status);
    TrialTableModel model;
    model.setTrials(batchSweep(), {});
    TrialSummary summary;
    summary.index = 2;
    summary.status = static_cast<TrialStatus>(status);
    summary.message = "loss became NaN at step 17";
    model.finishTrial(summary);
    QCOMPARE(cell(model, 2, Column::Message), QString("loss became NaN at step 17"));
    const QString tip =
        model.index(2, model.columnOf(Column::Status)).data(Qt::ToolTipRole).toString();
    QVERIFY2(tip.contains("loss became NaN at step 17"), qPrintable(tip));
    QVERIFY(model.index(2, model.columnOf(Column::Status)).data(Qt::ForegroundRole).isValid());
  }

  void sortsSweptValuesAsNumbers() {
    TrialTableModel model;
    model.setTrials(batchSweep(), {});
    QSortFilterProxyModel proxy;
    proxy.setSourceModel(&model);
    proxy.setSortRole(TrialTableModel::kSortRole);
    proxy.sort(1, Qt::AscendingOrder);
    QCOMPARE(proxy.index(0, 1).data().toString(), "32");
    QCOMPARE(proxy.index(1, 1).data().toString(), "128");
    QCOMPARE(proxy.index(2, 1).data().toString(), "256");
    QCOMPARE(proxy.index(0, 0).data(TrialTableModel::kTrialRole).toInt(), 1);
  }

  void drawnValuesShowRoundedButSortInFull() {
    std::vector<TrialSpec> trials = batchSweep();
    trials.resize(2);
    trials[0].swept = {{"training.learning_rate", "0.012861889244601726"}};
    trials[1].swept = {{"training.learning_rate", "0.012861889244601999"}};
    for (TrialSpec& trial : trials) trial.drawn = true;
    TrialTableModel model;
    model.setTrials(trials, {});
    QCOMPARE(model.index(0, 1).data().toString(), "0.0129");
    QVERIFY(model.index(0, 1).data(TrialTableModel::kSortRole).toDouble() <
            model.index(1, 1).data(TrialTableModel::kSortRole).toDouble());
  }

  void unfinishedTrialsAreMarkedAtTheEnd() {
    TrialTableModel model;
    model.setTrials(batchSweep(), {});
    TrialSummary done;
    done.index = 0;
    done.status = TrialStatus::Finished;
    model.finishTrial(done);
    model.markStarted(1);
    model.markUnfinished(TrialStatus::Stopped, "the sweep was stopped");
    QCOMPARE(model.status(0), TrialStatus::Finished);
    QCOMPARE(model.status(1), TrialStatus::Stopped);
    QCOMPARE(model.status(2), TrialStatus::Stopped);
    QCOMPARE(model.overallFraction(), 1.0);
  }
};

QTEST_MAIN(tst_trial_table_model)
#include "tst_trial_table_model.moc"
