// Batched trials in the runner (batching: auto): the trials a study may group train together and
// give what each trained on its own gives (the same bits with SGD, float rounding with Adam); each
// record names its group; stopping one trial of a group ends it alone, a stopped sweep stops
// them all; trials that cannot share (other batch sizes) and `batching: off` train alone. With
// the resident loop asked for, groups train through the device's group loop.
#include <QTemporaryDir>
#include <QtTest>

#include <atomic>
#include <cmath>
#include <set>

#include "sweeplab/experiment_io.h"
#include "sweeplab/run_folder.h"
#include "sweeplab/sweep_runner.h"

using namespace sweeplab;

namespace {

// Five trials: learning rates and seeds differ (each trial keeps its own), so all may share.
std::string studyText(const std::string& optimizer, const std::string& batching,
                      const std::string& sweep) {
  return "name: grouped\n"
         "dataset:\n  source: synthetic-jsc\n  samples: 3000\n"
         "model: jsc-tiny\n"
         "training:\n  batch_size: 64\n  max_epochs: 3\n  log_every_n_steps: 10\n"
         "  optimizer: " +
         optimizer +
         "\n"
         "parallel_trials: 1\n"
         "batching: " +
         batching + "\nsweep:\n" + sweep;
}

const std::string kRatesAndSeeds =
    "  training.learning_rate: [0.01, 0.003]\n"
    "  training.seed: [1, 2]\n";

RunOptions optionsFor(const QTemporaryDir& dir) {
  RunOptions options;
  options.out_dir = dir.path().toStdString();
  options.cache_dir.clear();
  return options;
}

RunSummary runStudy(const QTemporaryDir& dir, const std::string& text) {
  return SweepRunner(loadExperimentText(text, "grouped.yaml"), optionsFor(dir)).run();
}

// The one run folder a study wrote into `dir`.
std::string runFolderIn(const QTemporaryDir& dir) {
  const QStringList runs = QDir(dir.path()).entryList(QDir::Dirs | QDir::NoDotAndDotDot);
  return runs.size() == 1 ? dir.filePath(runs.front()).toStdString() : std::string();
}

// Stops one trial after its first epoch, or the whole sweep.
struct StopAtFirstEpoch : RunObserver {
  SweepRunner* runner = nullptr;
  int trial = -1;  // -1: the whole sweep
  std::atomic<bool> done{false};
  void trialProgress(int index, const TrialProgress& progress) override {
    if (done || progress.epoch < 1 || (trial >= 0 && index != trial)) return;
    done = true;
    if (trial >= 0)
      runner->stopTrial(trial);
    else
      runner->requestStop();
  }
};

}  // namespace

class TstGroupedSweep : public QObject {
  Q_OBJECT
 private Q_SLOTS:
  void groupedTrialsEqualTrialsTrainedAlone_data() {
    QTest::addColumn<QString>("optimizer");
    QTest::addColumn<double>("tolerance");
    QTest::newRow("sgd: the same bits") << "sgd" << 0.0;
    QTest::newRow("adam: float rounding") << "adam" << 1e-4;
  }
  void groupedTrialsEqualTrialsTrainedAlone() {
    QFETCH(QString, optimizer);
    QFETCH(double, tolerance);
    QTemporaryDir a, b;
    const RunSummary grouped =
        runStudy(a, studyText(optimizer.toStdString(), "auto", kRatesAndSeeds));
    const RunSummary alone = runStudy(b, studyText(optimizer.toStdString(), "off", kRatesAndSeeds));
    QCOMPARE(grouped.trials.size(), size_t{4});
    for (size_t i = 0; i < grouped.trials.size(); ++i) {
      const TrialSummary& g = grouped.trials[i];
      const TrialSummary& s = alone.trials[i];
      QCOMPARE(g.status, TrialStatus::Finished);
      QCOMPARE(g.group, 1);  // one worker: the four trials train as one group
      QCOMPARE(s.group, 0);
      QCOMPARE(g.steps, s.steps);
      QCOMPARE(g.best_epoch, s.best_epoch);
      QVERIFY2(std::abs(g.test_loss - s.test_loss) <= tolerance,
               qPrintable(QString("trial %1: %2 vs %3").arg(i).arg(g.test_loss).arg(s.test_loss)));
      QVERIFY(std::abs(g.best_val_loss - s.best_val_loss) <= tolerance);
    }
    // The record on disk says so too, for the history and the table.
    const RunSummary onDisk = readRunSummary(runFolderIn(a));
    for (const TrialSummary& trial : onDisk.trials) QCOMPARE(trial.group, 1);
  }

  // With the resident loop asked for, groups train through the device's group loop (here on the
  // CPU) and give what each trial gives alone in the resident loop, to float rounding.
  void residentLoopGroupsToo() {
    QTemporaryDir a, b;
    RunOptions groupedOptions = optionsFor(a), aloneOptions = optionsFor(b);
    groupedOptions.resident_loop = aloneOptions.resident_loop = true;
    const auto run = [](const std::string& batching, const RunOptions& options) {
      return SweepRunner(loadExperimentText(studyText("adam", batching, kRatesAndSeeds), "r.yaml"),
                         options)
          .run();
    };
    const RunSummary grouped = run("auto", groupedOptions);
    const RunSummary alone = run("off", aloneOptions);
    QCOMPARE(grouped.trials.size(), size_t{4});
    for (size_t i = 0; i < grouped.trials.size(); ++i) {
      const TrialSummary& g = grouped.trials[i];
      const TrialSummary& s = alone.trials[i];
      QCOMPARE(g.status, TrialStatus::Finished);
      QCOMPARE(g.group, 1);
      QCOMPARE(s.group, 0);
      QCOMPARE(g.steps, s.steps);
      QVERIFY2(std::abs(g.test_loss - s.test_loss) <= 1e-4,
               qPrintable(QString("trial %1: %2 vs %3").arg(i).arg(g.test_loss).arg(s.test_loss)));
    }
  }

  void trialsThatCannotShareTrainAlone() {
    QTemporaryDir dir;
    const RunSummary run = runStudy(
        dir,
        studyText("adam", "auto", "  training.batch_size: [64, 128]\n  training.seed: [1, 2]\n"));
    std::set<int> groups;
    for (const TrialSummary& trial : run.trials) {
      QCOMPARE(trial.status, TrialStatus::Finished);
      groups.insert(trial.group);
    }
    // Batch 64 with seeds 1 and 2 together, batch 128's two together: two groups.
    QCOMPARE(groups.size(), size_t{2});
    QCOMPARE(run.trials[0].group, run.trials[1].group);
    QCOMPARE(run.trials[2].group, run.trials[3].group);
    QVERIFY(run.trials[0].group != run.trials[2].group);
  }

  void stoppingOneTrialOfAGroupLeavesTheOthers() {
    QTemporaryDir dir;
    StopAtFirstEpoch stop;
    stop.trial = 1;
    SweepRunner runner(loadExperimentText(studyText("adam", "auto", kRatesAndSeeds), "g.yaml"),
                       optionsFor(dir), &stop);
    stop.runner = &runner;
    const RunSummary run = runner.run();
    QCOMPARE(run.trials[1].status, TrialStatus::Stopped);
    QVERIFY(run.trials[1].epochs_completed < 3);
    for (int i : {0, 2, 3}) {
      QCOMPARE(run.trials[i].status, TrialStatus::Finished);
      QCOMPARE(run.trials[i].epochs_completed, 3);
    }
  }

  void stoppingTheSweepStopsTheWholeGroup() {
    QTemporaryDir dir;
    StopAtFirstEpoch stop;
    SweepRunner runner(loadExperimentText(studyText("adam", "auto", kRatesAndSeeds), "g.yaml"),
                       optionsFor(dir), &stop);
    stop.runner = &runner;
    const RunSummary run = runner.run();
    for (const TrialSummary& trial : run.trials) {
      QCOMPARE(trial.status, TrialStatus::Stopped);
      QVERIFY(trial.epochs_completed < 3);
      QVERIFY(!std::isnan(trial.test_acc));  // tested on its best checkpoint, as a stop does
    }
  }
};

QTEST_GUILESS_MAIN(TstGroupedSweep)
#include "tst_grouped_sweep.moc"
