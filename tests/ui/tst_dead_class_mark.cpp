// The dead-class mark in the trials table: a warning sign in the status cell, "dead class: z"
// in the message cell and the diagnostic's sentence as tooltip, for exactly the trials with dead
// classes - live from the progress the engine bridge delivers, final from the trial's summary,
// and for a run reopened from the History. With SWEEPLAB_SHOTS_DIR set, the window with such a
// run and its confusion-matrix dialog are saved there as PNG, to look at.
#include <QDir>
#include <QIcon>
#include <QStandardPaths>
#include <QTest>

#include "charts/curve_panel.h"
#include "confusion_matrix_dialog.h"
#include "engine_bridge.h"
#include "main_window.h"
#include "per_class_fixture.h"
#include "run_status_bar.h"
#include "sweep_presenter.h"
#include "sweeplab/class_diagnostics.h"
#include "trial_table_model.h"
#include "trial_table_view.h"

using namespace sweeplab;
using namespace sweeplab::ui;
using Column = TrialTableModel::Column;

namespace {

QVariant cellData(const TrialTableModel& model, int row, Column column, int role) {
  return model.index(row, model.columnOf(column)).data(role);
}

bool hasMark(const TrialTableModel& model, int row) {
  return !cellData(model, row, Column::Status, Qt::DecorationRole).value<QIcon>().isNull();
}

QString message(const TrialTableModel& model, int row) {
  return cellData(model, row, Column::Message, Qt::DisplayRole).toString();
}

QString tooltip(const TrialTableModel& model, int row) {
  return cellData(model, row, Column::Trial, Qt::ToolTipRole).toString();
}

TrialProgress progressWithDeadClasses(std::vector<int> dead) {
  TrialProgress progress;
  progress.epoch = 4;
  progress.max_epochs = 6;
  progress.step = 40;
  progress.total_steps = 60;
  progress.dead_classes = std::move(dead);
  return progress;
}

// The sentence as the tooltip holds it (rich text, so that it wraps).
QString warningFor(std::vector<int> dead) {
  TrialSummary trial;
  trial.model = "jsc-tiny";
  trial.dead_classes = std::move(dead);
  return QString::fromStdString(deadClassWarning(trial, test::kJscClasses)).toHtmlEscaped();
}

void saveShot(QWidget* widget, const QString& name) {
  const QString dir = qEnvironmentVariable("SWEEPLAB_SHOTS_DIR");
  if (dir.isEmpty()) return;
  QDir().mkpath(dir);
  QVERIFY(widget->grab().save(QDir(dir).filePath(name)));
}

}  // namespace

class tst_dead_class_mark : public QObject {
  Q_OBJECT

 private Q_SLOTS:
  void initTestCase() {
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName("SweeplabTest");
  }

  void liveProgressMarksExactlyTheTrialWithADeadClass() {
    TrialTableModel model;
    model.setTrials(test::perClassTrials(), {});
    model.setClassNames(test::kJscClasses);
    model.setProgress(0, progressWithDeadClasses({}));
    model.setProgress(1, progressWithDeadClasses({3}));
    QVERIFY(hasMark(model, 1));
    QCOMPARE(message(model, 1), QString("dead class: z"));
    QVERIFY(cellData(model, 1, Column::Message, Qt::ForegroundRole).isValid());
    const QString tip = tooltip(model, 1);
    QVERIFY2(tip.contains(warningFor({3})), qPrintable(tip));
    QVERIFY2(tip.contains("Class z is almost never predicted right"), qPrintable(tip));
    QVERIFY2(tip.contains("jsc-tiny ends in a ReLU"), qPrintable(tip));
    QVERIFY2(tip.contains("batch_size=128"), qPrintable(tip));
    for (int healthy : {0, 2}) {
      QVERIFY(!hasMark(model, healthy));
      QCOMPARE(message(model, healthy), QString());
      QVERIFY(!cellData(model, healthy, Column::Message, Qt::ForegroundRole).isValid());
      QVERIFY(!tooltip(model, healthy).contains("Class"));
    }
  }

  void summaryIsTheFinalWord() {
    TrialTableModel model;
    model.setTrials(test::perClassTrials(), {});
    model.setClassNames(test::kJscClasses);
    model.setProgress(0, progressWithDeadClasses({3}));
    QVERIFY(hasMark(model, 0));
    TrialSummary recovered = test::perClassRun().trials[0];  // z came back before the end
    model.finishTrial(recovered);
    QVERIFY(!hasMark(model, 0));
    QCOMPARE(message(model, 0), QString());

    TrialSummary diverged = recovered;
    diverged.status = TrialStatus::Diverged;
    diverged.message = "loss is nan";
    diverged.dead_classes = {1, 3};
    model.finishTrial(diverged);
    QVERIFY(hasMark(model, 0));
    QCOMPARE(message(model, 0), QString("loss is nan; dead classes: q, z"));
    QVERIFY(tooltip(model, 0).contains("Classes q and z are almost never predicted right"));
  }

  void classesWithoutNamesAreNumbered() {
    TrialTableModel model;
    model.setTrials(test::perClassTrials(), {});
    model.setProgress(2, progressWithDeadClasses({4}));
    QCOMPARE(message(model, 2), QString("dead class: class 4"));
    model.setClassNames(test::kJscClasses);  // the names arrive: the mark says them
    QCOMPARE(message(model, 2), QString("dead class: t"));
  }

  void presenterMarksWhatTheBridgeDelivers() {
    EngineBridge bridge;
    CurvePanel curves;
    TrialTableModel table;
    RunStatusBar status;
    SweepPresenter presenter(&bridge, &curves, &table, &status);
    Q_EMIT bridge.sweepStarted(test::perClassTrials());
    Q_EMIT bridge.sweepInfo("CPU", "", "synthetic-jsc", {"g", "q", "w", "z", "t"});
    Q_EMIT bridge.trialStarted(0);
    Q_EMIT bridge.trialProgress(0, progressWithDeadClasses({2}));
    QVERIFY(hasMark(table, 0));
    QCOMPARE(message(table, 0), QString("dead class: w"));
    QVERIFY(!hasMark(table, 1));
    TrialSummary finished = test::perClassRun().trials[0];
    finished.dead_classes = {2};
    Q_EMIT bridge.trialFinished(finished);
    QVERIFY(hasMark(table, 0));
    QVERIFY(tooltip(table, 0).contains(warningFor({2})));
  }

  void reopenedRunIsMarkedFromItsSummaries() {
    EngineBridge bridge;
    CurvePanel curves;
    TrialTableModel table;
    RunStatusBar status;
    SweepPresenter presenter(&bridge, &curves, &table, &status);
    presenter.showStoredRun(test::perClassView());
    QVERIFY(!hasMark(table, 0));
    QVERIFY(hasMark(table, 1));
    QVERIFY(!hasMark(table, 2));
    QCOMPARE(message(table, 1), QString("dead class: z"));
    QVERIFY(tooltip(table, 1).contains(warningFor({3})));

    StoredRunView older = test::perClassView();  // a run written before the diagnostic
    older.summary.class_names.clear();
    for (TrialSummary& trial : older.summary.trials) {
      trial.dead_classes.clear();
      trial.test_confusion.clear();
      trial.test_class_recall.clear();
    }
    presenter.showStoredRun(older);
    for (int row = 0; row < 3; ++row) {
      QVERIFY(!hasMark(table, row));
      QCOMPARE(message(table, row), QString());
    }
    QVERIFY(table.trialsWithConfusion().empty());
  }

  void windowShowsTheMarkAndTheBestTrialsConfusionMatrix() {
    MainWindow window;
    window.setConfirmations(false);
    window.resize(1400, 900);
    QVERIFY(!window.showConfusionMatrix());  // nothing shown yet
    window.presenter()->showStoredRun(test::perClassView());
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QVERIFY(hasMark(*window.trialTable(), 1));
    saveShot(&window, "window-dead-class.png");
    saveShot(window.trialView(), "trials-table-dead-class.png");

    QVERIFY(window.showConfusionMatrix());
    auto* dialog = window.findChild<ConfusionMatrixDialog*>();
    QVERIFY(dialog);
    QCOMPARE(dialog->currentTrial(), 2);  // the best test accuracy
    QVERIFY(QTest::qWaitForWindowExposed(dialog));
    dialog->close();
    QCoreApplication::sendPostedEvents(nullptr, QEvent::DeferredDelete);
    QVERIFY(!window.findChild<ConfusionMatrixDialog*>());

    window.trialView()->selectRow(1);  // sorted by trial: row 1 is trial 1
    QVERIFY(window.showConfusionMatrix());
    dialog = window.findChild<ConfusionMatrixDialog*>();
    QCOMPARE(dialog->currentTrial(), 1);
    QCOMPARE(dialog->view()->matrix().note,
             QString("dead class: z (validation recall under 1 % in the last 3 epochs)"));
    QVERIFY(QTest::qWaitForWindowExposed(dialog));
    saveShot(dialog, "confusion-matrix-dialog.png");
  }
};

QTEST_MAIN(tst_dead_class_mark)
#include "tst_dead_class_mark.moc"
