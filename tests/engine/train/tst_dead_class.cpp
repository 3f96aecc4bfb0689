// The dead-class diagnostic and the per-class results: a jsc-tiny whose output unit for one class
// is dead from the start (negative for every input, so its final ReLU passes no gradient) is
// reported with that class, live and in its summary; a healthy trial is not; the per-class
// recall a run records equals a recount from its confusion matrix.
#include <QDir>
#include <QTemporaryDir>
#include <QtTest>

#include <torch/nn/modules/linear.h>

#include "sweeplab/class_diagnostics.h"
#include "sweeplab/run_folder.h"
#include "sweeplab/sweep_runner.h"
#include "train/device_data.h"
#include "train/trainer.h"

using namespace sweeplab;

namespace {

constexpr int kClassZ = 3;  // g, q, w, z, t

ExperimentSpec tinyExperiment() {
  ExperimentSpec spec;
  spec.name = "dead-class-test";
  spec.dataset.samples = 20000;
  spec.model.name = "jsc-tiny";
  spec.training.batch_size = 64;
  spec.training.max_epochs = 4;
  spec.training.learning_rate = 1e-3;
  spec.device = "cpu";
  return spec;
}

// Zero weights and a negative bias: the unit's pre-activation is -1 for every jet.
void killOutputUnit(torch::nn::Sequential& model, int unit) {
  torch::NoGradGuard noGrad;
  std::shared_ptr<torch::nn::LinearImpl> last;
  for (const auto& module : model->children()) {
    if (auto linear = std::dynamic_pointer_cast<torch::nn::LinearImpl>(module)) last = linear;
  }
  QVERIFY(last);
  last->weight[unit].zero_();
  last->bias[unit].fill_(-1.0);
}

struct TrainedTrial {
  TrialSummary summary;
  std::vector<std::vector<int>> deadClassesByEpoch;  // what each epoch's progress said
};

TrainedTrial train(bool killZ) {
  const ExperimentSpec spec = tinyExperiment();
  const std::vector<TrialSpec> trials = expandTrials(spec);
  DatasetSpec dataset = spec.dataset;
  const DeviceData data = makeDeviceData(prepareDataset(dataset), at::kCPU);
  const std::atomic<bool> noStop{false};
  TrainedTrial result;
  TrialContext context;
  context.trial = &trials.front();
  context.data = &data;
  context.stop_sweep = &noStop;
  context.stop_trial = &noStop;
  context.on_progress = [&](const TrialProgress& progress) {
    result.deadClassesByEpoch.push_back(progress.dead_classes);
  };
  if (killZ) context.prepare_model = [](torch::nn::Sequential& m) { killOutputUnit(m, kClassZ); };
  result.summary = runTrial(context);
  return result;
}

}  // namespace

class tst_dead_class : public QObject {
  Q_OBJECT

 private Q_SLOTS:
  void aDeadOutputUnitIsReportedWithItsClass() {
    const TrainedTrial trial = train(true);
    QCOMPARE(trial.summary.status, TrialStatus::Finished);
    QCOMPARE(trial.summary.dead_classes, std::vector<int>{kClassZ});
    QCOMPARE(trial.summary.test_class_recall.at(kClassZ), 0.0);
    // Too young to tell for the first epochs; said from the third on, at every epoch.
    QCOMPARE(trial.deadClassesByEpoch.size(), std::size_t{4});
    QVERIFY(trial.deadClassesByEpoch[0].empty());
    QVERIFY(trial.deadClassesByEpoch[1].empty());
    QCOMPARE(trial.deadClassesByEpoch[2], std::vector<int>{kClassZ});
    QCOMPARE(trial.deadClassesByEpoch[3], std::vector<int>{kClassZ});

    const std::string warning = deadClassWarning(trial.summary, jscClassNames());
    QVERIFY2(warning.find("Class z is") == 0, warning.c_str());
    QVERIFY2(warning.find("output unit is probably dead") != std::string::npos, warning.c_str());
    QVERIFY2(warning.find("jsc-tiny ends in a ReLU") != std::string::npos, warning.c_str());
    QCOMPARE(deadClassMark(trial.summary, jscClassNames()), std::string("dead class: z"));
  }

  void aHealthyTrialIsNotReported() {
    const TrainedTrial trial = train(false);
    QVERIFY(trial.summary.dead_classes.empty());
    for (const auto& epoch : trial.deadClassesByEpoch) QVERIFY(epoch.empty());
    for (double recall : trial.summary.test_class_recall) QVERIFY2(recall > 0.2, qPrintable(QString::number(recall)));
    QVERIFY(deadClassWarning(trial.summary, jscClassNames()).empty());
    QVERIFY(deadClassMark(trial.summary, jscClassNames()).empty());
  }

  // What summary.json holds (read back from the run folder) against a recount of its confusion
  // matrix, and the matrix against the test split's size and the macro accuracy.
  void recordedRecallEqualsARecountOfTheConfusionMatrix() {
    QTemporaryDir dir;
    RunOptions options;
    options.out_dir = dir.path().toStdString();
    options.cache_dir.clear();
    SweepRunner(tinyExperiment(), options).run();
    const QStringList runs = QDir(dir.path()).entryList(QDir::Dirs | QDir::NoDotAndDotDot);
    QCOMPARE(runs.size(), 1);
    const RunSummary summary = readRunSummary((dir.path() + "/" + runs.front()).toStdString());
    QCOMPARE(summary.class_names, jscClassNames());
    const TrialSummary& trial = summary.trials.at(0);
    const int classes = 5;
    QCOMPARE(trial.test_confusion.size(), std::size_t(classes * classes));
    QCOMPARE(trial.test_class_recall.size(), std::size_t(classes));
    long long total = 0;
    double recallSum = 0;
    for (int c = 0; c < classes; ++c) {
      long long row = 0;
      for (int k = 0; k < classes; ++k) row += trial.test_confusion[c * classes + k];
      total += row;
      const double recount = double(trial.test_confusion[c * classes + c]) / double(row);
      QVERIFY(std::abs(trial.test_class_recall[c] - recount) < 1e-12);
      recallSum += recount;
    }
    QCOMPARE(total, trial.test_rows);
    QVERIFY(std::abs(trial.test_acc - recallSum / classes) < 1e-9);  // every class has rows
  }
};

QTEST_GUILESS_MAIN(tst_dead_class)
#include "tst_dead_class.moc"
