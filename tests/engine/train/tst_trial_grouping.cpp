// Which trials may share a group and how large groups get (trial_grouping.h), and which loop
// trains a trial alone and why (training_loop_choice.h).
#include <QtTest>

#include <set>

#include "sweeplab/dataset.h"
#include "train/torch_model.h"
#include "train/training_loop_choice.h"
#include "train/trial_grouping.h"

using namespace sweeplab;

namespace {

TrialSpec trialOf(int index, const std::function<void(ExperimentSpec&)>& change = {}) {
  TrialSpec trial;
  trial.index = index;
  trial.spec.device = "cpu";
  trial.spec.model.name = "jsc-tiny";
  if (change) change(trial.spec);
  return trial;
}

std::vector<TrialSpec> seeds(int count, const std::function<void(ExperimentSpec&)>& change = {}) {
  std::vector<TrialSpec> trials;
  for (int i = 0; i < count; ++i)
    trials.push_back(trialOf(i, [&](ExperimentSpec& spec) {
      spec.training.seed = i;
      if (change) change(spec);
    }));
  return trials;
}

GroupingLimits fullSizeLimits(int workers) {
  GroupingLimits limits;
  limits.workers = workers;
  limits.train_rows = 597600;
  return limits;
}

void checkPartition(const std::vector<std::vector<int>>& groups, int count) {
  std::multiset<int> seen;
  for (const auto& group : groups) seen.insert(group.begin(), group.end());
  QCOMPARE(static_cast<int>(seen.size()), count);
  for (int i = 0; i < count; ++i) QCOMPARE(static_cast<int>(seen.count(i)), 1);
}

}  // namespace

class tst_trial_grouping : public QObject {
  Q_OBJECT

 private Q_SLOTS:
  void whatEachTrialKeepsItsOwnMayDiffer() {
    const TrialSpec base = trialOf(0);
    const std::vector<std::function<void(ExperimentSpec&)>> own = {
        [](ExperimentSpec& s) { s.training.learning_rate = 0.1; },
        [](ExperimentSpec& s) { s.training.weight_decay = 1e-4; },
        [](ExperimentSpec& s) { s.training.seed = 7; },
        [](ExperimentSpec& s) { s.training.max_epochs = 100; },
        [](ExperimentSpec& s) { s.training.scheduler.kind = SchedulerKind::Constant; },
        [](ExperimentSpec& s) { s.training.early_stopping.enabled = true; },
        [](ExperimentSpec& s) { s.training.log_every_n_steps = 7; },
        [](ExperimentSpec& s) { s.training.test_checkpoint = TestCheckpoint::Last; },
    };
    for (const auto& change : own)
      QCOMPARE(QString::fromStdString(groupingConflict(base, trialOf(1, change))), QString());
  }

  void whatTheGroupSharesMayNot_data() {
    QTest::addColumn<int>("which");
    QTest::addColumn<QString>("reason");
    QTest::newRow("model") << 0 << "different models";
    QTest::newRow("same-name-other-layers") << 1 << "different models";
    QTest::newRow("batch") << 2 << "different batch sizes";
    QTest::newRow("optimizer") << 3 << "different optimizers";
    QTest::newRow("dataset") << 4 << "different datasets";
    QTest::newRow("device") << 5 << "groups train on the CPU";
    QTest::newRow("dropout") << 6 << "Dropout";
  }

  void whatTheGroupSharesMayNot() {
    QFETCH(int, which);
    QFETCH(QString, reason);
    const std::vector<std::function<void(ExperimentSpec&)>> changes = {
        [](ExperimentSpec& s) { s.model.name = "jsc-s"; },
        [](ExperimentSpec& s) {
          s.model.name = "mlp";
          s.model.hidden = {8};
        },
        [](ExperimentSpec& s) { s.training.batch_size = 256; },
        [](ExperimentSpec& s) { s.training.optimizer = Optimizer::Sgd; },
        [](ExperimentSpec& s) { s.dataset.samples = 1234; },
        [](ExperimentSpec& s) { s.device = "cuda"; },
        [](ExperimentSpec& s) {
          s.model.name = "mlp";
          s.model.hidden = {8};
          s.model.dropout = 0.2;
        },
    };
    const std::string conflict = groupingConflict(trialOf(0), trialOf(1, changes[which]));
    QVERIFY2(QString::fromStdString(conflict).contains(reason), conflict.c_str());
  }

  void learningRateStudyFillsBothCores() {
    std::vector<TrialSpec> trials;
    for (int i = 0; i < 5; ++i)
      trials.push_back(trialOf(
          i, [&](ExperimentSpec& s) { s.training.learning_rate = std::pow(10.0, -1 - i); }));
    const auto groups = formTrialGroups(trials, fullSizeLimits(2));
    QCOMPARE(groups, (std::vector<std::vector<int>>{{0, 2, 4}, {1, 3}}));
  }

  void hundredSeedsMakeOneGroupPerCore() {
    const auto groups = formTrialGroups(seeds(100), fullSizeLimits(2));
    QCOMPARE(static_cast<int>(groups.size()), 2);
    QCOMPARE(static_cast<int>(groups[0].size()), 50);
    checkPartition(groups, 100);
  }

  void anEpochStudysLongestTrialTrainsWithFewOthers() {
    std::vector<TrialSpec> trials;
    for (int epochs : {10, 20, 50, 100})
      trials.push_back(trialOf(static_cast<int>(trials.size()),
                               [&](ExperimentSpec& s) { s.training.max_epochs = epochs; }));
    const auto groups = formTrialGroups(trials, fullSizeLimits(2));
    QCOMPARE(groups, (std::vector<std::vector<int>>{{0, 1, 2}, {3}}));
  }

  void incompatibleTrialsNeverShareAndGridOrderStays() {
    std::vector<TrialSpec> trials = seeds(6, [](ExperimentSpec& s) { s.training.batch_size = 64; });
    for (int i : {1, 3, 5}) trials[i].spec.training.batch_size = 256;
    trials.push_back(trialOf(6, [](ExperimentSpec& s) {
      s.model.name = "mlp";
      s.model.hidden = {8};
      s.model.dropout = 0.5;
    }));
    const auto groups = formTrialGroups(trials, fullSizeLimits(1));
    QCOMPARE(groups, (std::vector<std::vector<int>>{{0, 2, 4}, {1, 3, 5}, {6}}));
  }

  // A random search's trials fall into many small classes (batch size x widths); the classes
  // fill the cores between them, so each stays one group instead of one per core.
  void manyClassesShareTheCoresAndStayWhole() {
    std::vector<TrialSpec> trials = seeds(6, [](ExperimentSpec& s) { s.training.batch_size = 64; });
    for (int i : {1, 3, 5}) trials[i].spec.training.batch_size = 256;
    const auto groups = formTrialGroups(trials, fullSizeLimits(2));
    QCOMPARE(groups, (std::vector<std::vector<int>>{{0, 2, 4}, {1, 3, 5}}));
    // One class with most of the work still gets both cores.
    std::vector<TrialSpec> mostlyOne = seeds(7);
    mostlyOne[6].spec.training.batch_size = 256;
    QCOMPARE(static_cast<int>(formTrialGroups(mostlyOne, fullSizeLimits(2)).size()), 3);
  }

  void memoryAndCacheBoundTheGroupSize() {
    GroupingLimits limits = fullSizeLimits(1);
    // Each trial keeps a 4.8 MB permutation of the full-size training rows.
    limits.memory_bytes = 48 << 20;
    QCOMPARE(groupSizeLimit(trialOf(0), limits), 10);
    const auto groups = formTrialGroups(seeds(25), limits);
    QCOMPARE(static_cast<int>(groups.size()), 3);
    checkPartition(groups, 25);
    // jsc-s has ~4,000 parameters: 64 kB of state per trial, so fewer of them fit the cache.
    limits.memory_bytes = int64_t{1} << 30;
    const TrialSpec large = trialOf(0, [](ExperimentSpec& s) { s.model.name = "jsc-s"; });
    QVERIFY(groupSizeLimit(large, limits) < groupSizeLimit(trialOf(0), limits));
    QVERIFY(groupSizeLimit(large, limits) >= 1);
    limits.max_group_size = 4;
    QCOMPARE(groupSizeLimit(trialOf(0), limits), 4);
  }

  void eachTrialAloneSaysWhichLoopAndWhy() {
    DatasetSpec dataset;
    dataset.samples = 2000;
    const std::shared_ptr<const PreparedDataset> prepared = prepareDataset(dataset);
    const DeviceData data = makeDeviceData(prepared, at::kCPU);
    TrainingSpec training;
    const auto choose = [&](const ModelSpec& modelSpec, bool resident) {
      LoopSetup setup;
      setup.model = buildTorchModel(describeModel(modelSpec, 16, data.classes));
      setup.train = &data.train;
      setup.training = &training;
      setup.resident_loop = resident;
      const LoopChoice choice = chooseTrainingLoop(setup);
      return qMakePair(QString(choice.loop->name()), QString::fromStdString(choice.reason));
    };
    ModelSpec tiny;
    QCOMPARE(choose(tiny, false).first, QString("cpu-kernel"));
    QCOMPARE(choose(tiny, true).first, QString("resident"));
    ModelSpec dropout;
    dropout.name = "mlp";
    dropout.hidden = {8};
    dropout.dropout = 0.3;
    QCOMPARE(choose(dropout, false).first, QString("chunked-autograd"));
    QVERIFY(choose(dropout, false).second.contains("Dropout"));
    qputenv("SWEEPLAB_CPU_KERNEL", "0");
    const auto off = choose(tiny, false);
    qunsetenv("SWEEPLAB_CPU_KERNEL");
    QCOMPARE(off.first, QString("chunked-autograd"));
    QVERIFY(off.second.contains("SWEEPLAB_CPU_KERNEL=0"));
  }
};

QTEST_GUILESS_MAIN(tst_trial_grouping)
#include "tst_trial_grouping.moc"
