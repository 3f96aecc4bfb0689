// The window as a person uses it: open an experiment, Run, watch one line per trial grow in
// both charts, Stop within a second keeping what was measured, export files whose Markdown
// table is the command line's table of the same run folder.
#include <QAction>
#include <QChart>
#include <QChartView>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QLineSeries>
#include <QMessageBox>
#include <QScatterSeries>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include "charts/curve_panel.h"
#include "charts/standard_figures.h"
#include "display_format.h"
#include "engine_bridge.h"
#include "experiment_form.h"
#include "export_dialog.h"
#include "form/key_field.h"
#include "main_window.h"
#include "results_export.h"
#include "run_status_bar.h"
#include "sweep_presenter.h"
#include "sweeplab/experiment_io.h"
#include "sweeplab/results_table.h"
#include "sweeplab/run_folder.h"
#include "trial_table_model.h"
#include "ui_test_support.h"

using namespace sweeplab;
using namespace sweeplab::ui;

class tst_main_window_run : public QObject {
  Q_OBJECT

  QTemporaryDir dir_;

  QString writeExperiment(const ExperimentSpec& spec, const QString& name) {
    const QString path = dir_.filePath(name);
    saveExperimentFile(spec, path.toStdString());
    return path;
  }

  std::unique_ptr<MainWindow> window(const ExperimentSpec& spec, const QString& name) {
    auto w = std::make_unique<MainWindow>();
    w->setConfirmations(false);
    w->setRunsDirectory(dir_.filePath("runs"));
    if (!w->openFile(writeExperiment(spec, name))) return nullptr;
    return w;
  }

  static QString readText(const QString& path) {
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? QString::fromUtf8(file.readAll()) : QString();
  }

 private Q_SLOTS:
  void initTestCase() {
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName("SweeplabTest");
    QVERIFY(dir_.isValid());
  }

  void opensEveryReadyExperiment_data() {
    QTest::addColumn<QString>("path");
    for (const QString& path : test::experimentFiles())
      QTest::newRow(qPrintable(QFileInfo(path).fileName())) << path;
  }

  void opensEveryReadyExperiment() {
    QFETCH(QString, path);
    MainWindow w;
    w.setConfirmations(false);
    QVERIFY(w.openFile(path));
    QVERIFY2(w.action("run")->isEnabled(), qPrintable(w.form()->firstProblem()));
    QVERIFY(w.windowTitle().contains(QFileInfo(path).fileName()));
  }

  void invalidInputDisablesRun() {
    auto w = window(test::tinyExperiment(), "invalid.yaml");
    QVERIFY(w);
    QVERIFY(w->action("run")->isEnabled());
    auto* rate = qobject_cast<QLineEdit*>(w->form()->field("training.learning_rate")->editor());
    rate->selectAll();
    QTest::keyClicks(rate, "-1");
    QVERIFY(!w->action("run")->isEnabled());
    QVERIFY(w->action("run")->toolTip().contains("learning_rate"));
    QVERIFY(!w->startRun());
    QVERIFY(!w->bridge()->isRunning());
    rate->selectAll();
    QTest::keyClicks(rate, "1e-3");
    QVERIFY(w->action("run")->isEnabled());
  }

  // The quick demo, opened from experiments/ as a person would: four batch sizes of jsc-tiny,
  // 10 epochs on 100,000 synthetic rows, long enough to span many drain frames.
  void runShowsGrowingCurvesAndExportsTheTable() {
    auto w = std::make_unique<MainWindow>();
    w->setConfirmations(false);
    w->setRunsDirectory(dir_.filePath("runs"));
    QVERIFY(w->openFile(QDir(test::experimentsDir()).filePath("quick_demo.yaml")));
    const ExperimentSpec spec = w->form()->spec();
    const int trials = static_cast<int>(spec.sweep.front().values.size());
    const int epochs = spec.training.max_epochs;
    QSignalSpy finished(w->bridge(), &EngineBridge::sweepFinished);
    QVERIFY(w->startRun());
    QVERIFY(!w->action("run")->isEnabled());
    QVERIFY(w->action("stop")->isEnabled());
    CurvePanel* curves = w->curves();
    QCOMPARE(curves->seriesCount(0), trials);
    QCOMPARE(curves->seriesCount(1), trials);

    // Counted over all trials: one trial can complete between two drains, the sweep cannot.
    const auto shown = [curves, trials] {
      int points = 0;
      for (int trial = 0; trial < trials; ++trial) points += curves->pointCount(0, trial);
      return points;
    };
    QTRY_VERIFY_WITH_TIMEOUT(shown() > 0, 60000);
    const int first = shown();
    QTRY_VERIFY_WITH_TIMEOUT(shown() > first || !finished.isEmpty(), 60000);
    QVERIFY(shown() > first);
    QVERIFY(finished.wait(180000) || finished.count() == 1);

    for (int trial = 0; trial < trials; ++trial) {
      QVERIFY(curves->pointCount(0, trial) > 1);
      QCOMPARE(curves->pointCount(1, trial), epochs);  // one validation point per epoch
      QCOMPARE(w->trialTable()->status(trial), TrialStatus::Finished);
    }
    QVERIFY(w->action("run")->isEnabled());
    QTest::qWait(50);  // later drains must not turn the time taken back into an estimate
    QVERIFY2(w->runStatusBar()->etaText().startsWith("took"),
             qPrintable(w->runStatusBar()->etaText()));

    const QString run_dir = w->presenter()->lastRunDirectory();
    QVERIFY(QFileInfo(run_dir).isDir());
    const RunSummary on_disk = readRunSummary(run_dir.toStdString());

    // The table's "Val acc at best loss" and the status line's number are the summary's
    // best_val_acc; the table computes the same from the streamed points alone.
    TrialTableModel streamed;
    streamed.setTrials(expandTrials(spec), {});
    double best = -1;
    for (const TrialSummary& trial : on_disk.trials) {
      const int row = w->trialTable()->rowOfTrial(trial.index);
      const int column = w->trialTable()->columnOf(TrialTableModel::Column::BestValAcc);
      QCOMPARE(w->trialTable()->index(row, column).data().toString(),
               formatPercent(trial.best_val_acc));
      streamed.addMetrics(trial.index, readTrialMetrics(run_dir.toStdString(), trial));
      QCOMPARE(streamed.index(row, column).data().toString(), formatPercent(trial.best_val_acc));
      best = std::max(best, trial.best_val_acc);
    }
    QVERIFY2(w->runStatusBar()->currentMessage().contains(
                 "highest val acc at best loss " + formatPercent(best)),
             qPrintable(w->runStatusBar()->currentMessage()));

    ExportDialog dialog(w->curves());
    dialog.setRun(*w->presenter()->lastSummary(), run_dir);
    dialog.setOutputDirectory(dir_.filePath("export"));
    const QStringList written = dialog.exportFiles();
    QVERIFY2(dialog.lastError().isEmpty(), qPrintable(dialog.lastError()));
    for (const QString& path : written) QVERIFY2(QFileInfo(path).size() > 0, qPrintable(path));
    const QString markdown = dir_.filePath("export/quick_demo.md");
    QVERIFY(written.contains(markdown));
    QCOMPARE(readText(markdown),
             QString::fromStdString(formatResultsTable(on_disk, TableFormat::Markdown)));
    QCOMPARE(readText(dir_.filePath("export/quick_demo-transposed.md")),
             QString::fromStdString(formatResultsTable(on_disk, TableFormat::MarkdownTransposed)));
    QVERIFY(written.contains(dir_.filePath("export/quick_demo-curves.png")));

    // A run folder read from disk exports the standard figure set and the same tables.
    ExportDialog from_disk(nullptr);
    QVERIFY(from_disk.loadRunFolder(run_dir));
    from_disk.setOutputDirectory(dir_.filePath("from-disk"));
    const QStringList disk_files = from_disk.exportFiles();
    QVERIFY2(from_disk.lastError().isEmpty(), qPrintable(from_disk.lastError()));
    QVERIFY(disk_files.contains(dir_.filePath("from-disk/quick_demo/side_by_side.png")));
    QCOMPARE(readText(dir_.filePath("from-disk/quick_demo.md")), readText(markdown));

    QString error;
    QStringList figures;
    QVERIFY(exportStandardFiguresFromRunFolder(run_dir, dir_.filePath("figures"), {}, &figures,
                                               &error));
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QCOMPARE(figures.size(), 18);  // six figures in three formats
    for (const QString& path : figures) QVERIFY2(QFileInfo(path).size() > 0, qPrintable(path));
  }

  // An epoch sweep with the cosine schedule: the chart says the schedule length differs too.
  // With seed repeats the charts offer bands.
  void epochSweepWithRepeatsShowsNoteAndBands() {
    ExperimentSpec spec = test::tinyExperiment(2, 2000);
    spec.sweep = {{"training.max_epochs", {"1", "2"}}};
    spec.repeats = 2;
    auto w = window(spec, "epochs.yaml");
    QVERIFY(w);
    QSignalSpy finished(w->bridge(), &EngineBridge::sweepFinished);
    QVERIFY(w->startRun());
    QVERIFY2(w->curves()->note().contains("schedule length"), qPrintable(w->curves()->note()));
    QVERIFY(w->curves()->hasRepeatBands());
    QVERIFY(finished.wait(120000) || finished.count() == 1);
    // Above the table: each grid point's test accuracy over its seeds, and the t-test.
    auto* repeats = w->findChild<QLabel*>(QStringLiteral("repeatSummary"));
    QVERIFY(repeats && !repeats->isHidden());
    QVERIFY2(repeats->text().contains("max_epochs=1") && repeats->text().contains("±") &&
                 repeats->text().contains("Welch p = "),
             qPrintable(repeats->text()));

    spec.sweep = {{"training.batch_size", {"64", "128"}}};
    spec.repeats = 1;
    auto plain = window(spec, "plain.yaml");
    QVERIFY(plain->startRun());
    QVERIFY(plain->curves()->note().isEmpty());
    QVERIFY(!plain->curves()->hasRepeatBands());
    QVERIFY(plain->close());
  }

  // A learning rate of 1.0 diverges in the first epoch: the table says so and why, the line
  // ends with a marker in both charts, and the other trial finishes.
  void divergedTrialShowsInTableAndCharts() {
    const ExperimentSpec spec = loadExperimentText(
        "name: divergence\n"
        "dataset:\n  source: synthetic-jsc\n  samples: 4000\n"
        "model:\n  name: mlp\n  hidden: [128, 128, 128]\n  batch_norm: false\n"
        "  activation: leaky_relu\n"
        "training:\n  batch_size: 16\n  max_epochs: 2\n  optimizer: sgd\n  momentum: 0.9\n"
        "  learning_rate: 1e-2\n  log_every_n_steps: 5\n"
        "sweep:\n  training.learning_rate: [1.0, 1e-2]\n",
        "divergence.yaml");
    auto w = window(spec, "divergence.yaml");
    QVERIFY(w);
    QSignalSpy finished(w->bridge(), &EngineBridge::sweepFinished);
    QVERIFY(w->startRun());
    QVERIFY(finished.wait(120000) || finished.count() == 1);
    w->curves()->refreshNow();
    QCOMPARE(QString::fromLatin1(toString(w->trialTable()->status(0))), QString("diverged"));
    QCOMPARE(QString::fromLatin1(toString(w->trialTable()->status(1))), QString("finished"));
    const QModelIndex message = w->trialTable()->index(0, w->trialTable()->columnCount() - 1);
    QVERIFY2(w->trialTable()->data(message, Qt::DisplayRole).toString().contains("learning rate"),
             qPrintable(w->trialTable()->data(message, Qt::DisplayRole).toString()));
    for (const char* name : {"trainingChart", "validationChart"}) {
      QChart* chart = w->curves()->findChild<QChartView*>(QString::fromLatin1(name))->chart();
      QScatterSeries* marker = nullptr;
      QLineSeries* line = nullptr;
      for (QAbstractSeries* series : chart->series()) {
        if (series->objectName() == "failure:0") marker = qobject_cast<QScatterSeries*>(series);
        if (series->objectName() == "line:0") line = qobject_cast<QLineSeries*>(series);
      }
      QVERIFY(marker && line);
      if (line->count() == 0) continue;  // diverged before its first validation
      QVERIFY2(marker->isVisible() && marker->count() == 1, name);
      QCOMPARE(marker->at(0), line->at(line->count() - 1));
    }
  }

  void stopEndsWithinASecondAndKeepsWhatWasMeasured() {
    auto w = window(test::tinyExperiment(200, 20000), "long.yaml");
    QVERIFY(w);
    QElapsedTimer since_stop;
    qint64 stop_took = -1;
    connect(w->bridge(), &EngineBridge::sweepFinished, this,
            [&] { stop_took = since_stop.elapsed(); });
    QVERIFY(w->startRun());
    QTRY_VERIFY_WITH_TIMEOUT(w->curves()->pointCount(0, 0) > 2, 60000);
    const int measured = w->curves()->pointCount(0, 0);
    since_stop.start();
    w->action("stop")->trigger();
    QTRY_VERIFY_WITH_TIMEOUT(stop_took >= 0, 5000);
    QVERIFY2(stop_took < 1000, qPrintable(QString("stop took %1 ms").arg(stop_took)));

    QVERIFY(w->curves()->pointCount(0, 0) >= measured);
    QCOMPARE(w->trialTable()->status(0), TrialStatus::Stopped);
    QCOMPARE(w->trialTable()->status(1), TrialStatus::Stopped);
    const RunSummary summary = readRunSummary(w->presenter()->lastRunDirectory().toStdString());
    QVERIFY(!summary.trials.empty());
    QCOMPARE(summary.trials[0].status, TrialStatus::Stopped);
    QVERIFY(!readTrialMetrics(w->presenter()->lastRunDirectory().toStdString(), summary.trials[0])
                 .empty());
  }

  void closingWhileTrainingStopsAndJoins() {
    auto w = window(test::tinyExperiment(200, 20000), "closing.yaml");
    QVERIFY(w);
    QVERIFY(w->startRun());
    QTRY_VERIFY_WITH_TIMEOUT(w->curves()->pointCount(0, 0) > 0, 60000);
    QElapsedTimer clock;
    clock.start();
    QVERIFY(w->close());
    QVERIFY(!w->bridge()->isRunning());
    QVERIFY2(clock.elapsed() < 1500, qPrintable(QString("%1 ms").arg(clock.elapsed())));
  }

  // Close while training, answer Yes to "Stop the sweep?", then Cancel at the unsaved-changes
  // prompt: the window stays open, so it must show the sweep as ended (actions, table, status)
  // and the next Run must stream its curves as the first did.
  void stopOnCloseThenCancelLeavesTheWindowReadyToRunAgain() {
    auto w = window(test::tinyExperiment(200, 20000), "close-cancel.yaml");
    QVERIFY(w);
    w->setConfirmations(true);
    QStringList asked;
    w->setQuestionHook([&asked](const QString& title, const QString&) {
      asked << title;
      return title.startsWith("Stop") ? QMessageBox::Yes : QMessageBox::Cancel;
    });
    auto* rate = qobject_cast<QLineEdit*>(w->form()->field("training.learning_rate")->editor());
    rate->selectAll();
    QTest::keyClicks(rate, "2e-3");
    QVERIFY(w->isWindowModified());
    QSignalSpy finished(w->bridge(), &EngineBridge::sweepFinished);
    QVERIFY(w->startRun());
    QTRY_VERIFY_WITH_TIMEOUT(w->curves()->pointCount(0, 0) > 2, 60000);

    QVERIFY(!w->close());
    QCOMPARE(asked, QStringList({"Stop the sweep?", "Save changes?"}));
    QVERIFY(!w->bridge()->isRunning());
    QCOMPARE(finished.count(), 1);  // delivered before close() returned, not dropped
    QVERIFY(w->action("run")->isEnabled());
    QVERIFY(!w->action("stop")->isEnabled());
    for (int trial = 0; trial < w->trialTable()->rowCount(); ++trial)
      QCOMPARE(w->trialTable()->status(trial), TrialStatus::Stopped);
    QVERIFY2(w->runStatusBar()->etaText().startsWith("took"),
             qPrintable(w->runStatusBar()->etaText()));

    w->setConfirmations(false);
    QVERIFY(w->openFile(writeExperiment(test::tinyExperiment(1, 2000), "after-cancel.yaml")));
    QVERIFY(w->startRun());
    QVERIFY(finished.wait(120000) || finished.count() == 2);
    QCOMPARE(finished.count(), 2);
    for (int trial = 0; trial < 2; ++trial) {
      QVERIFY(w->curves()->pointCount(0, trial) > 0);
      QCOMPARE(w->curves()->pointCount(1, trial), 1);  // one epoch, one validation point
      QCOMPARE(w->trialTable()->status(trial), TrialStatus::Finished);
    }
    QVERIFY(w->action("run")->isEnabled());
  }
};

QTEST_MAIN(tst_main_window_run)
#include "tst_main_window_run.moc"
