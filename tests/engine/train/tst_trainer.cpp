// The trainer and sweep runner as a user relies on them: MASE's semantics, reproducible curves,
// divergence and stop handling, early stopping, and the files of a run folder.
#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

#include <cmath>
#include <mutex>

#include "sweeplab/experiment_io.h"
#include "sweeplab/model_catalog.h"
#include "sweeplab/run_folder.h"
#include "sweeplab/sweep_runner.h"
#include "train/learning_rate_schedule.h"

using namespace sweeplab;

namespace {

ExperimentSpec smallExperiment() {
  ExperimentSpec spec;
  spec.name = "trainer-test";
  spec.dataset.samples = 4000;
  spec.training.batch_size = 64;
  spec.training.max_epochs = 2;
  spec.training.learning_rate = 1e-3;
  spec.training.log_every_n_steps = 10;
  spec.device = "cpu";
  return spec;
}

RunOptions inMemory() {
  RunOptions options;
  options.write_files = false;
  options.cache_dir.clear();
  return options;
}

// Collects everything the runner reports; optionally asks for a stop after the first points.
class Recorder : public RunObserver {
 public:
  SweepRunner* stopAfterFirstPoints = nullptr;
  SweepRunner* stopFirstTrialOnly = nullptr;
  std::map<int, std::vector<MetricPoint>> points;
  std::vector<TrialSummary> finished;
  int started = 0;

  void trialStarted(int) override { ++started; }
  void metricPoints(int trial, const std::vector<MetricPoint>& batch) override {
    auto& list = points[trial];
    list.insert(list.end(), batch.begin(), batch.end());
    if (stopAfterFirstPoints) stopAfterFirstPoints->requestStop();
    if (stopFirstTrialOnly && trial == 0) stopFirstTrialOnly->stopTrial(0);
  }
  void trialFinished(int, const TrialSummary& summary) override { finished.push_back(summary); }

  std::vector<double> values(int trial, const std::string& name) const {
    std::vector<double> result;
    for (const auto& p : points.at(trial))
      if (p.name == name) result.push_back(p.value);
    return result;
  }
};

// Trains with every CPU step through autograd while it lives (SWEEPLAB_CPU_KERNEL=0).
struct AutogradSteps {
  AutogradSteps() { qputenv("SWEEPLAB_CPU_KERNEL", "0"); }
  ~AutogradSteps() { qunsetenv("SWEEPLAB_CPU_KERNEL"); }
};

}  // namespace

class tst_trainer : public QObject {
  Q_OBJECT

 private Q_SLOTS:
  void catalogParameterCountsMatchMase_data() {
    QTest::addColumn<QString>("model");
    QTest::addColumn<qlonglong>("parameters");
    QTest::newRow("jsc-tiny") << "jsc-tiny" << 117LL;
    QTest::newRow("jsc-tiny-x10") << "jsc-tiny-x10" << 1997LL;
    // jsc-toy: BN16 + L(16,8) + BN8 + L(8,8) + BN8 + L(8,5) + BN5
    QTest::newRow("jsc-toy") << "jsc-toy" << (32LL + 136 + 16 + 72 + 16 + 45 + 10);
    // jsc-s: BN16 + L(16,64) + BN64 + L(64,32) + 2 x L(32,32) + L(32,5) + BN5
    QTest::newRow("jsc-s") << "jsc-s" << (32LL + 1088 + 128 + 2080 + 2 * 1056 + 165 + 10);
  }
  void catalogParameterCountsMatchMase() {
    QFETCH(QString, model);
    QFETCH(qlonglong, parameters);
    ModelSpec spec;
    spec.name = model.toStdString();
    QCOMPARE(describeModel(spec).trainable_parameters, parameters);
  }

  void trainedModelHasTheCatalogParameterCount() {
    ExperimentSpec spec = smallExperiment();
    spec.model.name = "jsc-tiny-x10";
    spec.training.max_epochs = 1;
    const RunSummary summary = SweepRunner(spec, inMemory()).run();
    QCOMPARE(summary.trials.at(0).trainable_parameters, 1997LL);
  }

  void cosineScheduleFollowsMaxEpochs() {
    TrainingSpec training;
    training.learning_rate = 1e-3;
    training.max_epochs = 10;
    QCOMPARE(learningRateAtEpoch(training, 0), 1e-3);
    QVERIFY(std::abs(learningRateAtEpoch(training, 10) - 1e-6) < 1e-12);
    QVERIFY(std::abs(learningRateAtEpoch(training, 5) - (1e-6 + (1e-3 - 1e-6) / 2)) < 1e-12);
    training.scheduler.t_max = 20;
    QVERIFY(learningRateAtEpoch(training, 10) > 1e-4);
    training.scheduler.kind = SchedulerKind::Step;
    training.scheduler.step_size = 3;
    QVERIFY(std::abs(learningRateAtEpoch(training, 3) - 1e-4) < 1e-15);
  }

  void reportsMaseMetricsAtTheRightSteps() {
    Recorder recorder;
    SweepRunner runner(smallExperiment(), inMemory(), &recorder);
    const RunSummary summary = runner.run();
    const TrialSummary& trial = summary.trials.at(0);
    QCOMPARE(trial.status, TrialStatus::Finished);
    const long long stepsPerEpoch = (trial.train_rows + 63) / 64;
    QCOMPARE(trial.steps, 2 * stepsPerEpoch);
    QCOMPARE(recorder.values(0, metric::kTrainAccStep).size(), size_t(trial.steps / 10));
    QCOMPARE(recorder.values(0, metric::kValAccEpoch).size(), size_t(2));
    QCOMPARE(recorder.values(0, metric::kValLossEpoch).size(), size_t(2));
    for (const MetricPoint& p : recorder.points[0]) {
      if (p.name == metric::kTrainAccStep) QCOMPARE(p.step % 10, 0LL);
      QVERIFY(p.samples <= p.step * 64);
      QVERIFY(p.epoch >= 0 && p.epoch <= 2.0 + 1e-9);
    }
    QVERIFY(trial.train_rows + trial.val_rows + trial.test_rows <= 4000);
    QVERIFY(trial.val_rows > 0 && trial.test_rows > 0);
    QVERIFY(trial.test_acc > 0.3 && trial.test_acc < 1.0);
    QVERIFY(std::isfinite(trial.test_loss));
    QCOMPARE(trial.tested_checkpoint, std::string("best"));
  }

  void bestCheckpointIsTheLowestValidationLoss() {
    ExperimentSpec spec = smallExperiment();
    spec.training.max_epochs = 4;
    Recorder recorder;
    const RunSummary summary = SweepRunner(spec, inMemory(), &recorder).run();
    const auto losses = recorder.values(0, metric::kValLossEpoch);
    const auto best = std::min_element(losses.begin(), losses.end());
    QCOMPARE(summary.trials[0].best_epoch, int(best - losses.begin()) + 1);
    QCOMPARE(summary.trials[0].best_val_loss, *best);
  }

  void sameSeedGivesSameCurves() {
    Recorder first, second;
    SweepRunner(smallExperiment(), inMemory(), &first).run();
    SweepRunner(smallExperiment(), inMemory(), &second).run();
    QCOMPARE(first.values(0, metric::kTrainLossStep), second.values(0, metric::kTrainLossStep));
    QCOMPARE(first.values(0, metric::kValAccEpoch), second.values(0, metric::kValAccEpoch));
    ExperimentSpec other = smallExperiment();
    other.training.seed = 1;
    Recorder third;
    SweepRunner(other, inMemory(), &third).run();
    QVERIFY(first.values(0, metric::kTrainLossStep) != third.values(0, metric::kTrainLossStep));
  }

  // The GPU's loop (permutation and batch cursor on the device), run on the CPU: the same
  // batches in the same order, so the same curves up to float32 rounding of the optimizer's
  // scalars, the same step count (the partial last batch included) and the same log steps.
  void residentLoopTrainsLikeTheChunkedLoop() {
    ExperimentSpec spec = smallExperiment();
    spec.training.batch_size = 50;  // leaves a partial last batch
    Recorder chunked, resident;
    RunOptions residentOptions = inMemory();
    residentOptions.resident_loop = true;
    const RunSummary a = SweepRunner(spec, inMemory(), &chunked).run();
    const RunSummary b = SweepRunner(spec, residentOptions, &resident).run();
    QVERIFY(a.trials.at(0).train_rows % 50 >= 2);
    QCOMPARE(b.trials.at(0).status, TrialStatus::Finished);
    QCOMPARE(b.trials.at(0).steps, a.trials.at(0).steps);
    const auto lossA = chunked.values(0, metric::kTrainLossStep);
    const auto lossB = resident.values(0, metric::kTrainLossStep);
    QCOMPARE(lossB.size(), lossA.size());
    for (size_t i = 0; i < lossA.size(); ++i)
      QVERIFY2(std::abs(lossA[i] - lossB[i]) < 1e-4 * std::max(1.0, std::abs(lossA[i])),
               qPrintable(QString("log %1: %2 vs %3").arg(i).arg(lossA[i]).arg(lossB[i])));
    QVERIFY(std::abs(a.trials[0].train_acc - b.trials[0].train_acc) < 2e-3);
    QVERIFY(std::abs(a.trials[0].train_loss - b.trials[0].train_loss) < 1e-4);
    QVERIFY(std::abs(a.trials[0].val_acc - b.trials[0].val_acc) < 2e-3);
    QVERIFY(std::abs(a.trials[0].test_acc - b.trials[0].test_acc) < 2e-3);
  }

  // The CPU kernel (cpu_mlp_step.h) sums in another order than LibTorch's kernels, so each
  // step's gradients differ from autograd's by float32 rounding, ~1e-7 of their size. For most
  // networks the two runs then stay together: after 5 epochs the logged step losses agree to
  // ~2e-7 (1e-5 allowed). jsc-s drifts: rounding that flips one of its many ReLUs at some step
  // (or an Adam step on a bias whose gradient is zero but for rounding, feeding batch norm)
  // sends the run along another, equally good path, as LibTorch's own chunked and resident loops
  // do (their float32 optimizer scalars alone part them by ~0.3 points of test accuracy here).
  // So for it the epoch's mean training loss is compared (1e-3 of it seen, 1e-2 allowed), and
  // for every network the final validation and test accuracy: half a point, about a dozen of
  // the 2400 validation rows (seen: under 0.25 points).
  void cpuKernelTrainsLikeAutograd_data() {
    QTest::addColumn<QString>("model");
    QTest::addColumn<QString>("activation");
    QTest::addColumn<bool>("drifts");
    QTest::newRow("jsc-tiny") << "jsc-tiny"
                              << "" << false;
    QTest::newRow("jsc-tiny-x10") << "jsc-tiny-x10"
                                  << "" << false;
    QTest::newRow("jsc-s") << "jsc-s"
                           << "" << true;
    QTest::newRow("mlp gelu") << "mlp"
                              << "gelu" << false;
  }
  void cpuKernelTrainsLikeAutograd() {
    QFETCH(QString, model);
    QFETCH(QString, activation);
    QFETCH(bool, drifts);
    ExperimentSpec spec = smallExperiment();
    spec.dataset.samples = 30000;
    spec.training.max_epochs = 5;
    spec.model.name = model.toStdString();
    if (!activation.isEmpty()) {
      spec.model.hidden = {24, 12};
      spec.model.activation = activation.toStdString();
    }
    Recorder kernel, autograd;
    const TrialSummary ours = SweepRunner(spec, inMemory(), &kernel).run().trials.at(0);
    TrialSummary libtorch;
    {
      AutogradSteps hatch;
      libtorch = SweepRunner(spec, inMemory(), &autograd).run().trials.at(0);
    }
    QCOMPARE(ours.status, TrialStatus::Finished);
    QCOMPARE(ours.steps, libtorch.steps);
    const auto lossOurs = kernel.values(0, metric::kTrainLossStep);
    const auto lossLibTorch = autograd.values(0, metric::kTrainLossStep);
    QCOMPARE(lossOurs.size(), lossLibTorch.size());
    // Bit-identical curves would mean the kernel never ran.
    QVERIFY(lossOurs != lossLibTorch);
    if (drifts) {
      QVERIFY2(
          std::abs(ours.train_loss - libtorch.train_loss) < 1e-2 * libtorch.train_loss,
          qPrintable(QString("train loss %1 vs %2").arg(ours.train_loss).arg(libtorch.train_loss)));
    } else {
      for (size_t i = 0; i < lossOurs.size(); ++i)
        QVERIFY2(
            std::abs(lossOurs[i] - lossLibTorch[i]) < 1e-5,
            qPrintable(QString("log %1: %2 vs %3").arg(i).arg(lossOurs[i]).arg(lossLibTorch[i])));
    }
    QVERIFY2(std::abs(ours.val_acc - libtorch.val_acc) < 0.005,
             qPrintable(QString("val acc %1 vs %2").arg(ours.val_acc).arg(libtorch.val_acc)));
    QVERIFY2(std::abs(ours.test_acc - libtorch.test_acc) < 0.005,
             qPrintable(QString("test acc %1 vs %2").arg(ours.test_acc).arg(libtorch.test_acc)));
  }

  // Dropout's masks come from LibTorch's generator, which the kernel cannot follow: such models
  // train through autograd whatever the setting, so both runs are the same bit for bit.
  void modelsWithDropoutKeepAutograd() {
    ExperimentSpec spec = smallExperiment();
    spec.model.name = "mlp";
    spec.model.hidden = {24, 12};
    spec.model.dropout = 0.2;
    Recorder kernelAllowed, autograd;
    SweepRunner(spec, inMemory(), &kernelAllowed).run();
    {
      AutogradSteps hatch;
      SweepRunner(spec, inMemory(), &autograd).run();
    }
    QCOMPARE(kernelAllowed.values(0, metric::kTrainLossStep),
             autograd.values(0, metric::kTrainLossStep));
    QCOMPARE(kernelAllowed.values(0, metric::kValAccEpoch),
             autograd.values(0, metric::kValAccEpoch));
  }

  void residentLoopStopsAndDiverges() {
    ExperimentSpec spec = smallExperiment();
    spec.training.learning_rate = 1e30;
    spec.training.optimizer = Optimizer::Sgd;
    RunOptions options = inMemory();
    options.resident_loop = true;
    const RunSummary diverged = SweepRunner(spec, options).run();
    QCOMPARE(diverged.trials.at(0).status, TrialStatus::Diverged);

    Recorder recorder;
    SweepRunner runner(smallExperiment(), options, &recorder);
    recorder.stopAfterFirstPoints = &runner;
    QCOMPARE(runner.run().trials.at(0).status, TrialStatus::Stopped);
  }

  void divergingTrialIsMarkedAndTheSweepGoesOn() {
    ExperimentSpec spec = smallExperiment();
    spec.training.optimizer = Optimizer::Sgd;
    spec.sweep.push_back({"training.learning_rate", {"1e30", "0.01"}});
    Recorder recorder;
    const RunSummary summary = SweepRunner(spec, inMemory(), &recorder).run();
    QCOMPARE(summary.trials.at(0).status, TrialStatus::Diverged);
    QVERIFY(summary.trials.at(0).message.find("loss became") != std::string::npos);
    QVERIFY(summary.trials.at(0).steps < 2 * (summary.trials.at(1).train_rows / 64));
    QCOMPARE(summary.trials.at(1).status, TrialStatus::Finished);
  }

  void stopEndsTheSweepAndKeepsWhatWasMeasured() {
    ExperimentSpec spec = smallExperiment();
    spec.training.max_epochs = 50;
    spec.sweep.push_back({"training.batch_size", {"32", "64"}});
    Recorder recorder;
    SweepRunner runner(spec, inMemory(), &recorder);
    recorder.stopAfterFirstPoints = &runner;
    QElapsedTimer clock;
    clock.start();
    const RunSummary summary = runner.run();
    QVERIFY(clock.elapsed() < 5000);
    QCOMPARE(summary.trials.at(0).status, TrialStatus::Stopped);
    QCOMPARE(summary.trials.at(1).status, TrialStatus::Stopped);
    QCOMPARE(recorder.started, 1);
    QVERIFY(!recorder.points[0].empty());
  }

  void stoppingOneTrialLetsTheOthersRun() {
    ExperimentSpec spec = smallExperiment();
    spec.training.max_epochs = 20;
    spec.sweep.push_back({"training.batch_size", {"32", "256"}});
    Recorder recorder;
    SweepRunner runner(spec, inMemory(), &recorder);
    recorder.stopFirstTrialOnly = &runner;
    const RunSummary summary = runner.run();
    QCOMPARE(summary.trials.at(0).status, TrialStatus::Stopped);
    QVERIFY(summary.trials.at(0).epochs_completed < 20);
    QCOMPARE(summary.trials.at(1).status, TrialStatus::Finished);
    QCOMPARE(summary.trials.at(1).epochs_completed, 20);
  }

  void earlyStoppingEndsAfterPatience() {
    ExperimentSpec spec = smallExperiment();
    spec.training.max_epochs = 10;
    spec.training.early_stopping.enabled = true;
    spec.training.early_stopping.patience = 2;
    spec.training.early_stopping.min_delta = 1e9;  // nothing counts as an improvement
    const RunSummary summary = SweepRunner(spec, inMemory()).run();
    QCOMPARE(summary.trials[0].epochs_completed, 3);
    QCOMPARE(summary.trials[0].status, TrialStatus::Finished);
    QVERIFY(summary.trials[0].message.find("early stopping") != std::string::npos);
  }

  void parallelTrialsAllFinish() {
    ExperimentSpec spec = smallExperiment();
    spec.training.max_epochs = 1;
    spec.parallel_trials = 2;
    spec.sweep.push_back({"training.learning_rate", {"1e-2", "1e-3", "1e-4"}});
    Recorder recorder;
    const RunSummary summary = SweepRunner(spec, inMemory(), &recorder).run();
    QCOMPARE(summary.trials.size(), size_t(3));
    for (const TrialSummary& trial : summary.trials) QCOMPARE(trial.status, TrialStatus::Finished);
    QCOMPARE(recorder.finished.size(), size_t(3));
  }

  void runFolderHoldsExperimentSummaryMetricsAndCheckpoints() {
    QTemporaryDir out;
    ExperimentSpec spec = smallExperiment();
    spec.sweep.push_back({"training.batch_size", {"64", "128"}});
    RunOptions options;
    options.out_dir = out.path().toStdString();
    options.cache_dir.clear();
    SweepRunner runner(spec, options);
    const RunSummary summary = runner.run();
    const QString runDir = QString::fromStdString(runner.runDirectory());
    QVERIFY(runDir.startsWith(out.path()));
    const ExperimentSpec reloaded =
        loadExperimentFile((runDir + "/" + kExperimentFileName).toStdString());
    QCOMPARE(reloaded.sweep.size(), size_t(1));
    const RunSummary fromDisk = readRunSummary(runDir.toStdString());
    QCOMPARE(fromDisk.trials.size(), size_t(2));
    for (const TrialSummary& trial : fromDisk.trials) {
      QCOMPARE(trial.status, TrialStatus::Finished);
      const QString folder = runDir + "/" + QString::fromStdString(trial.folder);
      QVERIFY(QFile::exists(folder + "/best.pt"));
      QVERIFY(QFile::exists(folder + "/last.pt"));
      QVERIFY(!readTrialMetrics(runDir.toStdString(), trial).empty());
    }
    QCOMPARE(fromDisk.trials[1].test_acc, summary.trials[1].test_acc);
  }
};

QTEST_GUILESS_MAIN(tst_trainer)
#include "tst_trainer.moc"
