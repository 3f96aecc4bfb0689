// Showing another run in the window: what belonged to the run shown before (the selected
// trial and its highlighted curve) does not carry over to a run reopened from the History, an
// overlay or a new sweep.
#include <QChart>
#include <QChartView>
#include <QLineSeries>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <memory>

#include "charts/curve_panel.h"
#include "engine_bridge.h"
#include "experiment_form.h"
#include "main_window.h"
#include "stored_run_fixture.h"
#include "trial_table_model.h"
#include "trial_table_view.h"
#include "ui_test_support.h"

using namespace sweeplab;
using namespace sweeplab::ui;

class tst_run_switching : public QObject {
  Q_OBJECT

  QTemporaryDir dir_;
  QString store_;
  long long alpha_ = 0, beta_ = 0;

  std::unique_ptr<MainWindow> window() {
    auto w = std::make_unique<MainWindow>();
    w->setConfirmations(false);
    w->setStoreSetting(store_);
    w->setRunsDirectory(dir_.filePath("window-runs"));
    w->resize(1400, 900);
    w->show();
    return w;
  }

  // The pens of the lines drawn in the training chart, by series name ("line:N").
  static QList<QLineSeries*> lines(MainWindow& w) {
    QList<QLineSeries*> found;
    auto* view = w.curves()->findChild<QChartView*>(QStringLiteral("trainingChart"));
    for (QAbstractSeries* series : view->chart()->series())
      if (series->objectName().startsWith(QLatin1String("line:")))
        found << qobject_cast<QLineSeries*>(series);
    return found;
  }

  static int fadedLines(MainWindow& w) {
    int faded = 0;
    for (QLineSeries* line : lines(w)) faded += line->pen().color().alphaF() < 0.99 ? 1 : 0;
    return faded;
  }

  static void selectFirstRow(MainWindow& w) {
    w.trialView()->selectRow(0);
    QCOMPARE(w.trialView()->selectedTrials().size(), 1);
    QVERIFY(fadedLines(w) > 0);  // the others give way to the selected trial's curve
  }

 private Q_SLOTS:
  void initTestCase() {
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName("SweeplabTest");
    qunsetenv("SWEEPLAB_STORE");
    QVERIFY(dir_.isValid());
    store_ = dir_.filePath("history/runs.sqlite");
    RunStore store(store_.toStdString());
    ExperimentSpec alpha = test::tinyExperiment();
    alpha.name = "alpha";
    alpha_ =
        test::storeExperiment(store, alpha, dir_.filePath("runs/alpha"), "2026-01-05T10:00:00Z",
                              TrialStatus::Finished, "2026-01-05T10:02:05Z");
    ExperimentSpec beta = test::tinyExperiment();
    beta.name = "beta";
    beta.sweep = {{"training.learning_rate", {"1e-3", "1e-2", "1e-1"}}};
    beta_ = test::storeExperiment(store, beta, dir_.filePath("runs/beta"), "2026-01-07T10:00:00Z",
                                  TrialStatus::Finished, "2026-01-07T10:00:07Z");
  }

  void highlightStaysWithItsRun() {
    auto w = window();
    QVERIFY(w->reopenFromHistory(alpha_));
    QCOMPARE(fadedLines(*w), 0);
    selectFirstRow(*w);
    test::saveScreenshot(w.get(), "highlight_in_alpha");

    QVERIFY(w->reopenFromHistory(beta_));
    QCOMPARE(lines(*w).size(), 3);
    QVERIFY(w->trialView()->selectedTrials().isEmpty());
    QCOMPARE(fadedLines(*w), 0);
    test::saveScreenshot(w.get(), "beta_after_highlight");

    selectFirstRow(*w);
    QVERIFY(w->overlayExperiments({alpha_, beta_}));
    QCOMPARE(lines(*w).size(), 5);
    QVERIFY(w->trialView()->selectedTrials().isEmpty());
    QCOMPARE(fadedLines(*w), 0);

    selectFirstRow(*w);
    w->form()->setSpec(test::tinyExperiment(1, 2000));
    QSignalSpy finished(w->bridge(), &EngineBridge::sweepFinished);
    QVERIFY(w->startRun());
    QVERIFY(w->trialView()->selectedTrials().isEmpty());
    QCOMPARE(fadedLines(*w), 0);
    QVERIFY(finished.wait(120000) || finished.count() == 1);
    QCOMPARE(fadedLines(*w), 0);
  }
};

QTEST_MAIN(tst_run_switching)
#include "tst_run_switching.moc"
