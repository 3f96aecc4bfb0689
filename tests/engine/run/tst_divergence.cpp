// A learning rate of 1.0 makes a trial diverge, and the sweep carries on with the others. On
// the built-in synthetic-jsc data the catalog models do not diverge at 1.0 (their batch norm
// keeps the activations in range and Adam's steps are bounded), so this uses the setting that
// does, reliably for every seed tried: a three-layer MLP without batch norm, leaky ReLU (no
// dead units to stop the blow-up), SGD with momentum 0.9 and batches of 16.
#include <QTemporaryDir>
#include <QtTest>

#include <cmath>

#include "sweeplab/experiment_io.h"
#include "sweeplab/run_folder.h"
#include "sweeplab/sweep_runner.h"

using namespace sweeplab;

namespace {

class FinishedTrials : public RunObserver {
 public:
  std::vector<int> order;
  void trialFinished(int trial, const TrialSummary&) override { order.push_back(trial); }
};

}  // namespace

class tst_divergence : public QObject {
  Q_OBJECT

 private Q_SLOTS:
  void learningRateOneDivergesInTheFirstEpochAndTheSweepGoesOn() {
    const ExperimentSpec spec = loadExperimentText(
        "name: divergence\n"
        "repeats: 3\n"
        "dataset:\n  source: synthetic-jsc\n  samples: 4000\n"
        "model:\n  name: mlp\n  hidden: [128, 128, 128]\n  batch_norm: false\n"
        "  activation: leaky_relu\n"
        "training:\n  batch_size: 16\n  max_epochs: 2\n  optimizer: sgd\n  momentum: 0.9\n"
        "  learning_rate: 1e-2\n"
        "sweep:\n  training.learning_rate: [1.0, 1e-2]\n",
        "divergence.yaml");
    QTemporaryDir work;
    RunOptions options;
    options.out_dir = work.path().toStdString();
    options.cache_dir.clear();
    FinishedTrials observer;
    SweepRunner runner(spec, options, &observer);
    const RunSummary summary = runner.run();

    QCOMPARE(int(summary.trials.size()), 6);
    QCOMPARE(int(observer.order.size()), 6);
    for (const TrialSummary& trial : summary.trials) {
      const bool large = trial.swept.front().second == "1.0";
      const long long stepsPerEpoch = (trial.train_rows + 15) / 16;
      if (large) {
        QCOMPARE(trial.status, TrialStatus::Diverged);
        QVERIFY2(trial.steps > 0 && trial.steps < stepsPerEpoch,
                 qPrintable(QString("diverged at step %1 of %2 per epoch")
                                .arg(trial.steps)
                                .arg(stepsPerEpoch)));
        QVERIFY2(trial.message.rfind("loss became NaN at step ", 0) == 0 ||
                     trial.message.rfind("loss became infinite at step ", 0) == 0,
                 trial.message.c_str());
        QVERIFY(trial.message.find("try a smaller learning rate") != std::string::npos);
      } else {
        QCOMPARE(trial.status, TrialStatus::Finished);
        QCOMPARE(trial.epochs_completed, 2);
        QVERIFY(std::isfinite(trial.test_acc) && trial.test_acc > 0.3);
      }
    }
    // The run folder tells the same story.
    const RunSummary onDisk = readRunSummary(runner.runDirectory());
    QCOMPARE(int(onDisk.trials.size()), 6);
    for (size_t i = 0; i < onDisk.trials.size(); ++i)
      QCOMPARE(onDisk.trials[i].status, summary.trials[i].status);
  }
};

QTEST_GUILESS_MAIN(tst_divergence)
#include "tst_divergence.moc"
