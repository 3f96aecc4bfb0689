// A trial trained in a group (trial_group.h) must equal the same trial trained alone through
// runTrial (the CPU step-kernel loop): its metric points, summary and weights, with different
// seeds, learning rates, weight decays, schedules and epochs in one group. With SGD the two give
// the same bits on every model; with Adam they differ by float32 rounding, which some models
// (batch norm after hidden layers: jsc-s, jsc-tiny-x10, an mlp) magnify over epochs as much as the
// float32 path alone departs from exact arithmetic, so those are held to a float64 twin trained
// step by step instead. Early stopping and a stop of one trial inside the group leave the others
// as they were.
#include <QtTest>

#include <ATen/ATen.h>
#include <ATen/CPUGeneratorImpl.h>
#include <torch/nn/functional/loss.h>

#include <cmath>
#include <memory>

#include "group_test_support.h"
#include "sweeplab/dataset.h"
#include "sweeplab/model_catalog.h"
#include "train/checkpoint.h"
#include "train/flat_optimizer.h"
#include "train/learning_rate_schedule.h"
#include "train/torch_model.h"
#include "train/trainer.h"
#include "train/trial_group.h"

using namespace sweeplab;

namespace {

struct Data {
  std::shared_ptr<const PreparedDataset> prepared;
  DeviceData tensors;
};

const Data& smallData() {
  static const Data data = [] {
    DatasetSpec spec;
    spec.samples = 4000;
    Data made;
    made.prepared = prepareDataset(spec);
    made.tensors = makeDeviceData(made.prepared, at::kCPU);
    return made;
  }();
  return data;
}

ModelSpec modelNamed(const QString& name) {
  ModelSpec spec;
  if (name != "mlp-gelu") {
    spec.name = name.toStdString();
    return spec;
  }
  spec.name = "mlp";
  spec.hidden = {12, 7};
  spec.activation = "gelu";
  return spec;
}

TrialSpec trialOf(int index, const QString& model, Optimizer optimizer, int seed, double lr,
                  double weightDecay, int epochs) {
  return testing::groupTestTrial(index, modelNamed(model), optimizer, seed, lr, weightDecay,
                                 epochs);
}

using testing::TrialOutcome;

TrialOutcome alone(const TrialSpec& trial, bool stopAfterFirstPoints = false) {
  return testing::trainAlone(trial, smallData().tensors, false, stopAfterFirstPoints);
}

std::vector<TrialOutcome> grouped(const std::vector<TrialSpec>& trials,
                                  int stopAfterFirstPoints = -1,
                                  std::vector<size_t>* finishOrder = nullptr) {
  return testing::trainGrouped(trials, smallData().tensors, false, stopAfterFirstPoints,
                               finishOrder);
}

double relativeDifference(double a, double b) {
  if (std::isnan(a) && std::isnan(b)) return 0;
  return std::abs(a - b) / std::max(1.0, std::max(std::abs(a), std::abs(b)));
}

double largestDifference(const ModelState& a, const ModelState& b) {
  double largest = 0;
  for (size_t i = 0; i < a.size(); ++i) {
    const at::Tensor x = a[i].to(at::kDouble), y = b[i].to(at::kDouble);
    const double scale = std::max(1.0, x.abs().max().item<double>());
    largest = std::max(largest, (x - y).abs().max().item<double>() / scale);
  }
  return largest;
}

// Float rounding over a few hundred steps: sums in another order, Adam's float32 scalars.
constexpr double kTolerance = 2e-4;

void compareWithAlone(const TrialOutcome& group, const TrialOutcome& single) {
  QCOMPARE(group.summary.status, single.summary.status);
  QCOMPARE(group.summary.message, single.summary.message);
  QCOMPARE(group.summary.epochs_completed, single.summary.epochs_completed);
  QCOMPARE(group.summary.best_epoch, single.summary.best_epoch);
  QCOMPARE(group.summary.steps, single.summary.steps);
  QCOMPARE(group.summary.trainable_parameters, single.summary.trainable_parameters);
  QCOMPARE(largestDifference(group.initial, single.initial), 0.0);  // same seed, same start
  QCOMPARE(group.points.size(), single.points.size());
  double worst = 0;
  for (size_t i = 0; i < group.points.size(); ++i) {
    const MetricPoint& a = group.points[i];
    const MetricPoint& b = single.points[i];
    QCOMPARE(a.name, b.name);
    QCOMPARE(a.step, b.step);
    QCOMPARE(a.samples, b.samples);
    const double difference = relativeDifference(a.value, b.value);
    worst = std::max(worst, difference);
    // An accuracy may move by one row's prediction when a logit tie breaks differently.
    QVERIFY2(difference < 0.01, qPrintable(QString("%1 at step %2: %3 vs %4")
                                               .arg(a.name.c_str())
                                               .arg(a.step)
                                               .arg(a.value)
                                               .arg(b.value)));
  }
  for (auto [a, b] : {std::pair{group.summary.test_loss, single.summary.test_loss},
                      std::pair{group.summary.best_val_loss, single.summary.best_val_loss},
                      std::pair{group.summary.train_loss, single.summary.train_loss}})
    QVERIFY2(relativeDifference(a, b) < kTolerance, qPrintable(QString("%1 vs %2").arg(a).arg(b)));
  const double weights = largestDifference(group.final, single.final);
  QVERIFY2(weights < kTolerance, qPrintable(QString("weights differ by %1").arg(weights)));
  qInfo("trial %d: weights within %.2g, points within %.2g of the trial alone", group.summary.index,
        weights, worst);
}

// The trial's steps again with every tensor in float64 and autograd: the exact values that both
// float32 paths approximate.
ModelState float64Twin(const TrialSpec& trial, const ModelState& initial) {
  const DeviceData& data = smallData().tensors;
  torch::nn::Sequential twin = buildTorchModel(
      describeModel(trial.spec.model, static_cast<int>(data.train.features.size(1)), data.classes));
  twin->to(at::kDouble);
  restoreState(*twin, initial);
  const TrainingSpec& training = trial.spec.training;
  FlatOptimizer optimizer(training, twin->parameters());
  at::Generator shuffle = at::make_generator<at::CPUGeneratorImpl>(training.seed);
  const int64_t rows = data.train.rows();
  for (int epoch = 0; epoch < training.max_epochs; ++epoch) {
    optimizer.setLearningRate(learningRateAtEpoch(training, epoch));
    twin->train();
    const at::Tensor order = at::randperm(rows, shuffle);
    for (int64_t begin = 0; begin + 2 <= rows; begin += training.batch_size) {
      const at::Tensor picked =
          order.narrow(0, begin, std::min<int64_t>(training.batch_size, rows - begin));
      const at::Tensor logits =
          twin->forward(data.train.features.index_select(0, picked).to(at::kDouble));
      const at::Tensor loss =
          torch::nn::functional::cross_entropy(logits, data.train.labels.index_select(0, picked));
      optimizer.zeroGrad();
      loss.backward();
      optimizer.step();
    }
  }
  return snapshotState(*twin);
}

}  // namespace

class tst_trial_group : public QObject {
  Q_OBJECT

 private Q_SLOTS:
  void groupedTrialEqualsTrialAlone_data() {
    QTest::addColumn<QString>("model");
    QTest::addColumn<int>("optimizer");
    QTest::newRow("jsc-tiny adam") << "jsc-tiny" << static_cast<int>(Optimizer::Adam);
    QTest::newRow("jsc-tiny adamw") << "jsc-tiny" << static_cast<int>(Optimizer::AdamW);
    QTest::newRow("jsc-tiny sgd") << "jsc-tiny" << static_cast<int>(Optimizer::Sgd);
    QTest::newRow("jsc-s sgd") << "jsc-s" << static_cast<int>(Optimizer::Sgd);
    QTest::newRow("jsc-tiny-x10 sgd") << "jsc-tiny-x10" << static_cast<int>(Optimizer::Sgd);
    QTest::newRow("mlp-gelu sgd") << "mlp-gelu" << static_cast<int>(Optimizer::Sgd);
  }

  void groupedTrialEqualsTrialAlone() {
    QFETCH(QString, model);
    QFETCH(int, optimizer);
    const auto kind = static_cast<Optimizer>(optimizer);
    // Different seeds, learning rates, weight decays and epochs; the third stops early.
    std::vector<TrialSpec> trials = {
        trialOf(0, model, kind, 0, 1e-3, 0.0, 3),
        trialOf(1, model, kind, 5, 1e-2, 1e-3, 2),
        trialOf(2, model, kind, 9, 3e-3, 1e-2, 4),
    };
    EarlyStoppingSpec& early = trials[2].spec.training.early_stopping;
    early.enabled = true;
    early.patience = 1;
    early.min_delta = 10;  // no epoch counts as an improvement: stops after its second epoch
    trials[2].spec.training.scheduler.kind = SchedulerKind::Step;
    trials[2].spec.training.scheduler.step_size = 1;
    std::vector<size_t> finishOrder;
    const std::vector<TrialOutcome> group = grouped(trials, -1, &finishOrder);
    QCOMPARE(group[2].summary.epochs_completed, 2);
    QVERIFY(QString::fromStdString(group[2].summary.message).contains("early stopping"));
    QCOMPARE(group[0].summary.epochs_completed, 3);
    // Each trial leaves the group as it ends; the others go on.
    QCOMPARE(finishOrder.back(), size_t{0});
    for (size_t i = 0; i < trials.size(); ++i) compareWithAlone(group[i], alone(trials[i]));
  }

  void sameSeedSameCurvesRunToRun() {
    const std::vector<TrialSpec> trials = {trialOf(0, "jsc-tiny", Optimizer::Adam, 3, 1e-3, 0, 2),
                                           trialOf(1, "jsc-tiny", Optimizer::Adam, 4, 1e-2, 0, 2)};
    const std::vector<TrialOutcome> first = grouped(trials), second = grouped(trials);
    for (size_t i = 0; i < trials.size(); ++i) {
      QCOMPARE(largestDifference(first[i].final, second[i].final), 0.0);
      QCOMPARE(first[i].points.size(), second[i].points.size());
      for (size_t p = 0; p < first[i].points.size(); ++p)
        QCOMPARE(first[i].points[p].value, second[i].points[p].value);
    }
  }

  // The runner forms groups from the trials it has to train, so a resumed or partly rerun study
  // groups a trial with other companions than the uninterrupted run did (or with none). Its
  // numbers must not notice: same bits in any group, Adam included, on models with and without
  // hidden batch norm.
  void aTrialsNumbersDoNotDependOnItsCompanions_data() {
    QTest::addColumn<QString>("model");
    QTest::newRow("jsc-tiny") << "jsc-tiny";
    QTest::newRow("jsc-tiny-x10") << "jsc-tiny-x10";
  }
  void aTrialsNumbersDoNotDependOnItsCompanions() {
    QFETCH(QString, model);
    const TrialSpec watched = trialOf(1, model, Optimizer::Adam, 7, 3e-3, 1e-4, 2);
    const std::vector<TrialOutcome> withTwo =
        grouped({trialOf(0, model, Optimizer::Adam, 1, 1e-2, 0, 3), watched,
                 trialOf(2, model, Optimizer::Adam, 2, 1e-3, 0, 1)});
    const std::vector<TrialOutcome> byItself = grouped({watched});
    const TrialOutcome& a = withTwo[1];
    const TrialOutcome& b = byItself[0];
    QCOMPARE(largestDifference(a.final, b.final), 0.0);
    QCOMPARE(a.points.size(), b.points.size());
    for (size_t p = 0; p < a.points.size(); ++p) QCOMPARE(a.points[p].value, b.points[p].value);
    QCOMPARE(a.summary.test_acc, b.summary.test_acc);
    QCOMPARE(a.summary.test_loss, b.summary.test_loss);
  }

  void stoppingOneTrialLeavesTheOthers() {
    const std::vector<TrialSpec> trials = {trialOf(0, "jsc-tiny", Optimizer::Adam, 1, 1e-3, 0, 2),
                                           trialOf(1, "jsc-tiny", Optimizer::Adam, 2, 1e-3, 0, 2),
                                           trialOf(2, "jsc-tiny", Optimizer::Adam, 3, 1e-3, 0, 2)};
    const std::vector<TrialOutcome> group = grouped(trials, 1);
    QCOMPARE(group[1].summary.status, TrialStatus::Stopped);
    QCOMPARE(group[1].summary.message, std::string("stopped at step 10"));
    compareWithAlone(group[1], alone(trials[1], true));
    for (size_t i : {0, 2}) {
      QCOMPARE(group[i].summary.status, TrialStatus::Finished);
      compareWithAlone(group[i], alone(trials[i]));
    }
  }

  void groupedAndAloneBothMatchTheFloat64Twin_data() {
    QTest::addColumn<QString>("model");
    QTest::addColumn<int>("optimizer");
    QTest::newRow("jsc-tiny adam") << "jsc-tiny" << static_cast<int>(Optimizer::Adam);
    QTest::newRow("jsc-tiny-x10 adamw") << "jsc-tiny-x10" << static_cast<int>(Optimizer::AdamW);
    QTest::newRow("jsc-s sgd") << "jsc-s" << static_cast<int>(Optimizer::Sgd);
    QTest::newRow("jsc-s adam") << "jsc-s" << static_cast<int>(Optimizer::Adam);
    QTest::newRow("mlp-gelu adam") << "mlp-gelu" << static_cast<int>(Optimizer::Adam);
  }

  void groupedAndAloneBothMatchTheFloat64Twin() {
    QFETCH(QString, model);
    QFETCH(int, optimizer);
    const auto kind = static_cast<Optimizer>(optimizer);
    const std::vector<TrialSpec> trials = {trialOf(0, model, kind, 0, 1e-3, 1e-3, 1),
                                           trialOf(1, model, kind, 8, 1e-2, 0, 1)};
    const std::vector<TrialOutcome> group = grouped(trials);
    for (size_t i = 0; i < trials.size(); ++i) {
      const ModelState exact = float64Twin(trials[i], group[i].initial);
      const double groupError = largestDifference(group[i].final, exact);
      const double aloneError = largestDifference(alone(trials[i]).final, exact);
      qInfo("trial %zu: grouped %.2g, alone %.2g from float64", i, groupError, aloneError);
      // Close to the exact values, or, where the model magnifies float32 rounding (Adam on
      // jsc-tiny-x10: its batch norms after hidden layers; ~2e-2 after 56 steps alone), no
      // further from them than the same trial alone.
      QVERIFY2(groupError < 1e-4 || groupError < 4 * aloneError,
               qPrintable(QString("%1 vs %2").arg(groupError).arg(aloneError)));
    }
  }

  void trialsThatCannotShareAreRefused() {
    const std::vector<TrialSpec> trials = {trialOf(0, "jsc-tiny", Optimizer::Adam, 0, 1e-3, 0, 1),
                                           trialOf(1, "jsc-s", Optimizer::Adam, 0, 1e-3, 0, 1)};
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, grouped(trials));
  }
};

QTEST_GUILESS_MAIN(tst_trial_group)
#include "tst_trial_group.moc"
