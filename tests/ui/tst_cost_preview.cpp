// The cost preview under the form: "N trials · M steps · about T on this machine", updated as
// the form changes, estimated off the GUI thread (a slow timing never blocks typing), hidden for
// a study that does not validate, the question before a study estimated at over an hour, and a
// study the runner trains in groups estimated at the group loop's pace.
#include <QLineEdit>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtTest>

#include <atomic>
#include <chrono>
#include <thread>

#include "engine_bridge.h"
#include "experiment_form.h"
#include "form/cost_preview.h"
#include "form/key_field.h"
#include "main_window.h"
#include "ui_test_support.h"

using namespace sweeplab;
using namespace sweeplab::ui;

namespace {

// 1 ms per row of a batch: a step of batch 64 takes 64 ms on this scripted machine.
ShapeTiming scriptedTiming(const TimingShape& shape) {
  ShapeTiming timing;
  timing.seconds_per_step = 1e-3 * shape.batch_size;
  return timing;
}

void script(CostPreview* preview, const QTemporaryDir& cache, std::atomic<int>* calls,
            int sleepMs = 0, double scale = 1) {
  preview->setDelay(10);
  CostOptions& options = preview->options();
  options.cache_dir = cache.path().toStdString();
  options.measure_load = false;
  options.count_files = false;
  options.timer = [calls, sleepMs, scale](const TimingShape& shape) {
    ++*calls;
    std::this_thread::sleep_for(std::chrono::milliseconds(sleepMs));
    ShapeTiming timing = scriptedTiming(shape);
    timing.seconds_per_step *= scale;
    return timing;
  };
}

// 2160 training rows at batch 64 and 128: 34 and 17 steps per epoch, 3 epochs each.
ExperimentSpec small() {
  ExperimentSpec spec = test::tinyExperiment(3, 3000);
  spec.parallel_trials = 1;
  return spec;
}

}  // namespace

class tst_cost_preview : public QObject {
  Q_OBJECT

 private Q_SLOTS:
  void initTestCase() {
    QStandardPaths::setTestModeEnabled(true);
    QVERIFY(cache_.isValid());
  }

  void showsTrialsStepsAndTime() {
    ExperimentForm form;
    std::atomic<int> calls{0};
    script(form.costPreview(), cache_, &calls);
    QSignalSpy estimated(form.costPreview(), &CostPreview::estimated);
    form.setSpec(small());
    QVERIFY(form.costPreview()->isVisibleTo(&form));
    QVERIFY(form.costPreview()->text().startsWith("2 trials · estimating"));
    QVERIFY(estimated.wait(20000));
    // (34 x 64 + 17 x 128) x 3 epochs x 1 ms = 13 s, plus loading the data.
    QVERIFY2(form.costPreview()->text().startsWith("2 trials · 153 steps · about 13 s"),
             qPrintable(form.costPreview()->text()));
    QVERIFY(form.costPreview()->text().endsWith("on this machine"));
    QVERIFY(form.costPreview()->estimate());
    QCOMPARE(calls.load(), 2);
  }

  void followsTheForm() {
    ExperimentForm form;
    std::atomic<int> calls{0};
    script(form.costPreview(), cache_, &calls);
    QSignalSpy estimated(form.costPreview(), &CostPreview::estimated);
    form.setSpec(small());
    QVERIFY(estimated.wait(20000));
    auto* epochs = qobject_cast<QSpinBox*>(form.field("training.max_epochs")->editor());
    QVERIFY(epochs);
    epochs->setValue(6);
    QVERIFY(form.costPreview()->text().contains("estimating"));
    QVERIFY(form.costPreview()->estimate() == std::nullopt);
    QVERIFY(estimated.wait(20000));
    QVERIFY2(form.costPreview()->text().startsWith("2 trials · 306 steps · about 26 s"),
             qPrintable(form.costPreview()->text()));

    // Not a valid study: no estimate to show.
    auto* rate = qobject_cast<QLineEdit*>(form.field("training.learning_rate")->editor());
    QVERIFY(rate);
    rate->selectAll();
    QTest::keyClicks(rate, "-1");
    QVERIFY(!form.isValid());
    QVERIFY(!form.costPreview()->isVisibleTo(&form));
  }

  void aGroupedStudyIsEstimatedAtTheGroupLoopsPace() {
    ExperimentForm form;
    std::atomic<int> calls{0};
    script(form.costPreview(), cache_, &calls);
    // The group loop at half the single loop's pace per member: 6.5 s instead of 13.
    form.costPreview()->options().timer = [](const TimingShape& shape) {
      ShapeTiming timing = scriptedTiming(shape);
      if (shape.grouped) timing.seconds_per_step /= 2;
      return timing;
    };
    form.costPreview()->options().cache_dir.clear();
    QSignalSpy estimated(form.costPreview(), &CostPreview::estimated);
    form.setSpec(small());
    QVERIFY(estimated.wait(20000));
    const CostEstimate grouped = *form.costPreview()->estimate();
    QCOMPARE(grouped.grouped_trials, 2);  // two batch sizes: each trial alone in the group loop
    ExperimentSpec oneByOne = small();
    oneByOne.batching = Batching::Off;
    form.setSpec(oneByOne);
    QVERIFY(estimated.wait(20000));
    const CostEstimate single = *form.costPreview()->estimate();
    QCOMPARE(single.grouped_trials, 0);
    QCOMPARE(single.wall_seconds - single.data_seconds, 13.056);
    QCOMPARE(grouped.wall_seconds - grouped.data_seconds, 6.528);
    QVERIFY2(form.costPreview()->text().startsWith("2 trials · 153 steps · about 13 s"),
             qPrintable(form.costPreview()->text()));
  }

  void aSlowTimingNeverBlocksTyping() {
    ExperimentForm form;
    std::atomic<int> calls{0};
    script(form.costPreview(), cache_, &calls, 600, 2.0);  // a new scale: not in the cache
    form.costPreview()->options().cache_dir.clear();
    QSignalSpy estimated(form.costPreview(), &CostPreview::estimated);
    form.setSpec(small());
    QTRY_VERIFY_WITH_TIMEOUT(form.costPreview()->isEstimating(), 5000);
    // While the worker times, edits go through at once.
    auto* epochs = qobject_cast<QSpinBox*>(form.field("training.max_epochs")->editor());
    const auto before = std::chrono::steady_clock::now();
    for (int value = 4; value <= 6; ++value) epochs->setValue(value);
    QVERIFY(std::chrono::steady_clock::now() - before < std::chrono::milliseconds(400));
    QCOMPARE(form.spec().training.max_epochs, 6);
    // The estimate that arrives is the one of the last spec.
    QVERIFY(estimated.wait(20000));
    QVERIFY2(form.costPreview()->text().startsWith("2 trials · 306 steps · about 52 s"),
             qPrintable(form.costPreview()->text()));
  }

  void aLongStudyAsksBeforeItStarts() {
    QTemporaryDir runs;
    MainWindow w;
    w.setRunsDirectory(runs.path());
    std::atomic<int> calls{0};
    // 0.5 s a row: the small study would take hours.
    script(w.form()->costPreview(), cache_, &calls, 0, 500.0);
    w.form()->costPreview()->options().cache_dir.clear();
    QSignalSpy estimated(w.form()->costPreview(), &CostPreview::estimated);
    w.form()->setSpec(small());
    QVERIFY(estimated.wait(20000));
    QVERIFY(w.form()->costPreview()->estimate()->wall_seconds > 3600);

    w.setConfirmations(true);
    QStringList asked;
    w.setQuestionHook([&asked](const QString& title, const QString& text) {
      asked << title + ": " + text;
      return QMessageBox::No;
    });
    QVERIFY(!w.startRun());
    QCOMPARE(asked.size(), 1);
    QVERIFY2(asked[0].contains("estimated to take about 1 h 49 min"), qPrintable(asked[0]));
    QVERIFY(!w.bridge()->isRunning());

    // Without confirmations (tests, scripts) nothing is asked.
    w.setConfirmations(false);
    QSignalSpy finished(w.bridge(), &EngineBridge::sweepFinished);
    QVERIFY(w.startRun());
    QCOMPARE(asked.size(), 1);
    QVERIFY(finished.wait(60000));
  }

  // With SWEEPLAB_TEST_SCREENSHOTS=DIR set (docs/screenshots/take-screenshots.sh cost): the
  // ready random-search study, its swept keys' distributions, with the estimate from this
  // machine's real timings (run `sweeplab-cli plan` on it first, so they are in the cache).
  void screenshotOfTheFormWithItsCostPreview() {
    if (qEnvironmentVariable("SWEEPLAB_TEST_SCREENSHOTS").isEmpty())
      QSKIP("SWEEPLAB_TEST_SCREENSHOTS is not set");
    MainWindow w;
    w.setConfirmations(false);
    w.resize(1408, 880);
    w.show();
    QSignalSpy estimated(w.form()->costPreview(), &CostPreview::estimated);
    QVERIFY(w.openFile(QDir(test::experimentsDir()).filePath("random_search.yaml")));
    QVERIFY(estimated.wait(120000));
    QVERIFY(w.form()->costPreview()->estimate());
    test::saveScreenshot(&w, QStringLiteral("form-cost-preview"));
  }

 private:
  QTemporaryDir cache_;
};

QTEST_MAIN(tst_cost_preview)
#include "tst_cost_preview.moc"
