// The engine bridge: signals arrive on the GUI thread in order, batched at most ~30 times a
// second; a stop ends the sweep within a second; the worker is always joined.
#include <QElapsedTimer>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <memory>

#include "engine_bridge.h"
#include "sweeplab/errors.h"
#include "ui_test_support.h"

using namespace sweeplab;
using namespace sweeplab::ui;

class tst_engine_bridge : public QObject {
  Q_OBJECT

  QTemporaryDir dir_;

  RunOptions options() const {
    RunOptions options;
    options.out_dir = dir_.path().toStdString();
    options.cache_dir.clear();
    return options;
  }

 private Q_SLOTS:
  void reportsASweepInOrderOnTheGuiThread() {
    EngineBridge bridge;
    std::vector<QString> events;
    const QThread* gui = QThread::currentThread();
    bool off_thread = false;
    auto note = [&](const QString& event) {
      off_thread |= QThread::currentThread() != gui;
      events.push_back(event);
    };
    int metric_batches = 0;
    connect(&bridge, &EngineBridge::sweepStarted, this, [&] { note("sweep"); });
    connect(&bridge, &EngineBridge::trialStarted, this,
            [&](int trial) { note(QString("start %1").arg(trial)); });
    connect(&bridge, &EngineBridge::metricsArrived, this, [&](int, const auto& points) {
      ++metric_batches;
      QVERIFY(!points.empty());
    });
    connect(&bridge, &EngineBridge::trialFinished, this, [&](const TrialSummary& summary) {
      note(QString("end %1 %2").arg(summary.index).arg(toString(summary.status)));
    });
    QSignalSpy finished(&bridge, &EngineBridge::sweepFinished);

    QElapsedTimer clock;
    clock.start();
    bridge.start(test::tinyExperiment(), options());
    QCOMPARE(events.front(), QString("sweep"));  // emitted before start() returns
    QVERIFY(bridge.isRunning());
    QVERIFY(finished.wait(120000));
    const qint64 elapsed = clock.elapsed();
    QVERIFY(!bridge.isRunning());
    QVERIFY(!off_thread);
    const std::vector<QString> expected = {"sweep", "start 0", "end 0 finished", "start 1",
                                           "end 1 finished"};
    QCOMPARE(events, expected);
    const auto summary = finished.first().first().value<RunSummary>();
    QCOMPARE(summary.trials.size(), size_t(2));
    QVERIFY(!bridge.runDirectory().isEmpty());
    // One batch per trial per drain, drains at most every 33 ms (plus one at each trial end).
    QVERIFY2(metric_batches <= elapsed / EngineBridge::kDrainIntervalMs + 6,
             qPrintable(QString("%1 batches in %2 ms").arg(metric_batches).arg(elapsed)));
  }

  void refusesABadExperimentBeforeAnyThread() {
    EngineBridge bridge;
    ExperimentSpec spec = test::tinyExperiment();
    spec.sweep = {{"training.batch_size", {"0"}}};
    QVERIFY_THROWS_EXCEPTION(SpecError, bridge.start(spec, options()));
    QVERIFY(!bridge.isRunning());
  }

  // The file is looked for when the worker prepares the data, so start() accepts the spec and
  // the sweep ends with error(), naming the file, never with sweepFinished().
  void reportsDataThatCannotLoad() {
    EngineBridge bridge;
    ExperimentSpec spec = test::tinyExperiment();
    spec.dataset.source = DatasetSource::Csv;
    spec.dataset.path = dir_.filePath("missing.csv").toStdString();
    QSignalSpy error(&bridge, &EngineBridge::error);
    QSignalSpy finished(&bridge, &EngineBridge::sweepFinished);
    bridge.start(spec, options());
    QVERIFY(error.wait(30000));
    QCOMPARE(error.count(), 1);
    QVERIFY(finished.isEmpty());
    QVERIFY(!bridge.isRunning());
    const QString message = error.first().first().toString();
    QVERIFY2(message.contains("missing.csv"), qPrintable(message));
  }

  void refusesASecondSweepWhileRunning() {
    EngineBridge bridge;
    bridge.start(test::tinyExperiment(50, 20000), options());
    QVERIFY_THROWS_EXCEPTION(std::logic_error, bridge.start(test::tinyExperiment(), options()));
    bridge.stopAndWait();
    QVERIFY(!bridge.isRunning());
  }

  // stopAndWait() returns with the sweep's end delivered, and leaves no drain pending: the
  // next sweep's signals arrive as the first's did.
  void stopAndWaitDeliversTheEndAndTheNextSweepStreams() {
    EngineBridge bridge;
    QSignalSpy points(&bridge, &EngineBridge::metricsArrived);
    QSignalSpy finished(&bridge, &EngineBridge::sweepFinished);
    bridge.start(test::tinyExperiment(200, 20000), options());
    QVERIFY(points.wait(60000));
    bridge.stopAndWait();
    QVERIFY(!bridge.isRunning());
    QCOMPARE(finished.count(), 1);
    const auto stopped = finished.first().first().value<RunSummary>();
    QCOMPARE(stopped.trials.front().status, TrialStatus::Stopped);

    points.clear();
    bridge.start(test::tinyExperiment(1, 2000), options());
    QVERIFY(finished.wait(60000));
    QCOMPARE(finished.count(), 2);
    QVERIFY(!points.isEmpty());
  }

  void stopEndsTheSweepWithinASecond() {
    EngineBridge bridge;
    QSignalSpy points(&bridge, &EngineBridge::metricsArrived);
    QElapsedTimer sinceStop;
    qint64 stop_took = -1;
    connect(&bridge, &EngineBridge::sweepFinished, this, [&] { stop_took = sinceStop.elapsed(); });
    bridge.start(test::tinyExperiment(200, 20000), options());
    QVERIFY(points.wait(60000));
    sinceStop.start();
    bridge.requestStop();
    QTRY_VERIFY_WITH_TIMEOUT(stop_took >= 0, 5000);
    QVERIFY2(stop_took < 1000, qPrintable(QString("stop took %1 ms").arg(stop_took)));
    QVERIFY(!bridge.isRunning());
  }

  void destroyingWhileRunningStopsAndJoins() {
    auto bridge = std::make_unique<EngineBridge>();
    QSignalSpy points(bridge.get(), &EngineBridge::metricsArrived);
    bridge->start(test::tinyExperiment(200, 20000), options());
    QVERIFY(points.wait(60000));
    QElapsedTimer clock;
    clock.start();
    bridge.reset();
    QVERIFY2(clock.elapsed() < 1000, qPrintable(QString("%1 ms").arg(clock.elapsed())));
  }
};

QTEST_MAIN(tst_engine_bridge)
#include "tst_engine_bridge.moc"
