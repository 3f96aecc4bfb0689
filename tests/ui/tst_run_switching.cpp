// Showing another run in the window: what belonged to the run shown before (the selected
// trial and its highlighted curve, the time it took) does not carry over to a run reopened
// from the History, an overlay or a new sweep; trials keep their colours in an overlay; the
// History tab has room for its columns.
#include <QChart>
#include <QChartView>
#include <QHeaderView>
#include <QLineSeries>
#include <QScrollBar>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeWidget>
#include <memory>

#include "charts/curve_panel.h"
#include "engine_bridge.h"
#include "experiment_form.h"
#include "history/history_panel.h"
#include "main_window.h"
#include "run_status_bar.h"
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

  // The colour of a trial's row in the table and of its line in the training chart.
  static QColor tableColor(MainWindow& w, int trial) {
    TrialTableModel* table = w.trialTable();
    return table->index(table->rowOfTrial(trial), 0).data(Qt::DecorationRole).value<QColor>();
  }

  static QColor lineColor(MainWindow& w, int trial) {
    for (QLineSeries* line : lines(w))
      if (line->objectName() == QStringLiteral("line:%1").arg(trial)) {
        QColor color = line->pen().color();
        color.setAlpha(255);
        return color;
      }
    return {};
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

  // In an overlay a trial keeps the colour it has in its own run, in the charts and the table;
  // only a colour two runs both use is changed, for the later run.
  void overlayKeepsEachTrialsColour() {
    auto w = window();
    QVERIFY(w->reopenFromHistory(alpha_));
    const QColor alphaSecond = tableColor(*w, 1);
    QVERIFY(w->reopenFromHistory(beta_));
    const QColor betaThird = tableColor(*w, 2);
    QVERIFY(alphaSecond != betaThird);

    QVERIFY(w->overlayFromHistory({{alpha_, 1}, {beta_, 2}}));
    QCOMPARE(tableColor(*w, 0), alphaSecond);
    QCOMPARE(tableColor(*w, 1), betaThird);
    QCOMPARE(lineColor(*w, 0), alphaSecond);
    QCOMPARE(lineColor(*w, 1), betaThird);

    // Every trial of both: the first run keeps its colours, and no two trials share one.
    QVERIFY(w->overlayExperiments({alpha_, beta_}));
    QSet<QRgb> colours;
    for (int trial = 0; trial < 5; ++trial) colours.insert(tableColor(*w, trial).rgb());
    QCOMPARE(colours.size(), 5);
    QVERIFY(w->reopenFromHistory(beta_));
    QList<QColor> inBeta;
    for (int trial = 0; trial < 3; ++trial) inBeta << tableColor(*w, trial);
    QVERIFY(w->overlayExperiments({alpha_, beta_}));  // beta is newer: listed first
    for (int trial = 0; trial < 3; ++trial) QCOMPARE(tableColor(*w, trial), inBeta[trial]);
    test::saveScreenshot(w.get(), "overlay_colours");
  }

  // The status bar's time is the run shown's: a reopened run shows how long it took, an
  // overlay of several runs shows none, and neither shows the time of the last sweep run here.
  void statusBarTimeBelongsToTheRunShown() {
    auto w = window();
    QVERIFY(w->reopenFromHistory(alpha_));
    QCOMPARE(w->runStatusBar()->etaText(), QString("took 2:05"));
    QVERIFY(w->reopenFromHistory(beta_));
    QCOMPARE(w->runStatusBar()->etaText(), QString("took 7.0 s"));
    QVERIFY(w->overlayExperiments({alpha_, beta_}));
    QCOMPARE(w->runStatusBar()->etaText(), QString());

    w->form()->setSpec(test::tinyExperiment(1, 2000));
    QSignalSpy finished(w->bridge(), &EngineBridge::sweepFinished);
    QVERIFY(w->startRun());
    QVERIFY(finished.wait(120000) || finished.count() == 1);
    QTRY_VERIFY(w->runStatusBar()->etaText().startsWith("took"));
    QVERIFY(w->reopenFromHistory(alpha_));
    QCOMPARE(w->runStatusBar()->etaText(), QString("took 2:05"));
  }

  // The History tab gets room for its columns, trials' labels included, when it comes to the
  // front, by the menu or by its tab.
  void historyGetsRoomForItsColumns() {
    auto w = window();
    QVERIFY(QTest::qWaitForWindowExposed(w.get()));
    auto* tabs = qobject_cast<QTabWidget*>(w->history()->parentWidget()->parentWidget());
    QVERIFY(tabs);
    const int experimentsWidth = tabs->width();
    QVERIFY(experimentsWidth < MainWindow::kHistoryMinimumWidth);  // the experiments list's
    tabs->setCurrentWidget(w->history());
    QTRY_VERIFY(tabs->width() >= MainWindow::kHistoryMinimumWidth);
    QTreeWidget* tree = w->history()->tree();
    for (int i = 0; i < tree->topLevelItemCount(); ++i) tree->topLevelItem(i)->setExpanded(true);
    QTest::qWait(50);
    const QFontMetrics metrics = tree->fontMetrics();
    QVERIFY(tree->header()->sectionSize(0) >
            metrics.horizontalAdvance("learning_rate=1e-3") + tree->indentation());
    QVERIFY(tree->header()->sectionSize(2) > metrics.horizontalAdvance("finished"));
    // The columns fit beside each other: no horizontal scrolling.
    QCOMPARE(tree->horizontalScrollBar()->maximum(), 0);
    test::saveScreenshot(w.get(), "history_width");
    // Back on the Experiments tab the charts get their room again.
    tabs->setCurrentIndex(0);
    QTRY_COMPARE(tabs->width(), experimentsWidth);
  }
};

QTEST_MAIN(tst_run_switching)
#include "tst_run_switching.moc"
