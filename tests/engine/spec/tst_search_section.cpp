// The experiment file's search and pruning sections and the distributions under `sweep:`: their
// defaults, every form read and written back, and every contradiction reported at its line and
// column with the key and what to do.
#include <QtTest>

#include "sweeplab/errors.h"
#include "sweeplab/experiment_io.h"
#include "sweeplab/experiment_search.h"
#include "sweeplab/trial.h"

using namespace sweeplab;

namespace {

const char* const kSearched =
    "name: searched\n"
    "model:\n"
    "  name: mlp\n"
    "  hidden: [32]\n"
    "training:\n"
    "  max_epochs: 9\n"
    "search:\n"
    "  method: random\n"
    "  trials: 12\n"
    "  seed: 7\n"
    "  objective:\n"
    "    metric: val_loss\n"
    "    direction: maximize\n"
    "pruning:\n"
    "  method: asha\n"
    "  metric: val_acc\n"
    "  min_epochs: 2\n"
    "  reduction_factor: 4\n"
    "sweep:\n"
    "  training.learning_rate: {log_uniform: [1e-5, 1e-1]}\n"
    "  training.weight_decay: {uniform: [0, 0.01], q: 0.001}\n"
    "  training.batch_size: {int_log_uniform: [32, 512]}\n"
    "  training.max_epochs: {int_uniform: [3, 9], step: 3}\n"
    "  model.hidden: {choice: [[64, 32], [16]]}\n"
    "  training.optimizer: [adam, sgd]\n";  // 21

}  // namespace

class tst_search_section : public QObject {
  Q_OBJECT

 private Q_SLOTS:
  void defaultsAreTheGrid();
  void readsEveryForm();
  void shortFormsRead();
  void directionFollowsTheMetric();
  void writesAndReadsBackEqual();
  void rewriteKeepsTheFileAndReadsBackEqual();
  void pruningSettingsMapToThePruner();
  void reportsContradictions_data();
  void reportsContradictions();
};

void tst_search_section::defaultsAreTheGrid() {
  const ExperimentSpec spec = loadExperimentText("name: x\n", "x.yaml");
  QCOMPARE(spec.search.method, SearchMethod::Grid);
  QCOMPARE(spec.search.trials, 0);
  QVERIFY(!spec.search.seed);
  QCOMPARE(spec.search.metric, std::string("best_val_acc"));
  QCOMPARE(objectiveDirection(spec), search::Direction::Maximize);
  QCOMPARE(spec.pruning.method, PruningMethod::None);
  QCOMPARE(spec.pruning.metric, std::string("val_loss"));
  QCOMPARE(spec.pruning.reduction_factor, 3);
  QCOMPARE(spec.pruning.warmup_trials, 5);
  QCOMPARE(spec.pruning.min_epochs, 1);
  // Nothing of either section is written for a file that does not use them.
  const std::string text = rewriteExperimentYaml(spec, "name: x\n");
  QCOMPARE(text, std::string("name: x\n"));
}

void tst_search_section::readsEveryForm() {
  const ExperimentSpec spec = loadExperimentText(kSearched, "s.yaml");
  QCOMPARE(spec.search.method, SearchMethod::Random);
  QCOMPARE(spec.search.trials, 12);
  QCOMPARE(*spec.search.seed, 7);
  QCOMPARE(searchSeed(spec), std::uint64_t{7});
  QCOMPARE(spec.search.metric, std::string("val_loss"));
  QCOMPARE(objectiveDirection(spec), search::Direction::Maximize);
  QCOMPARE(spec.pruning.method, PruningMethod::Asha);
  QCOMPARE(spec.sweep.size(), size_t{6});
  QCOMPARE(spec.sweep[0].kind, SweepKind::LogUniform);
  QCOMPARE(spec.sweep[0].low, 1e-5);
  QCOMPARE(spec.sweep[0].high, 1e-1);
  QCOMPARE(spec.sweep[1].kind, SweepKind::Uniform);
  QCOMPARE(*spec.sweep[1].step, 0.001);  // q is step's other name
  QCOMPARE(spec.sweep[2].kind, SweepKind::IntLogUniform);
  QCOMPARE(spec.sweep[3].kind, SweepKind::IntUniform);
  QCOMPARE(*spec.sweep[3].step, 3.0);
  QCOMPARE(spec.sweep[4].kind, SweepKind::Choice);
  QCOMPARE(spec.sweep[4].values, (std::vector<std::string>{"[64, 32]", "[16]"}));
  QCOMPARE(spec.sweep[5].kind, SweepKind::Values);
  QCOMPARE(trialCount(spec), 12LL);

  const search::SearchSpace space = searchSpaceOf(spec);
  QCOMPARE(space.size(), size_t{6});
  QCOMPARE(space[0].distribution.kind(), search::DistributionKind::LogUniform);
  QCOMPARE(space[5].distribution.kind(), search::DistributionKind::Choice);  // a list
}

void tst_search_section::shortFormsRead() {
  const ExperimentSpec spec = loadExperimentText(
      "name: x\nsearch:\n  method: tpe\n  trials: 4\n  objective: val_loss\npruning: median\n"
      "sweep:\n  training.batch_size: [32, 64]\n",
      "x.yaml");
  QCOMPARE(spec.search.method, SearchMethod::Tpe);
  QCOMPARE(spec.search.metric, std::string("val_loss"));
  QCOMPARE(objectiveDirection(spec), search::Direction::Minimize);
  QCOMPARE(spec.pruning.method, PruningMethod::Median);
}

void tst_search_section::directionFollowsTheMetric() {
  ExperimentSpec spec;
  for (const char* metric : {"best_val_acc", "val_acc", "test_acc"}) {
    spec.search.metric = metric;
    QCOMPARE(objectiveDirection(spec), search::Direction::Maximize);
  }
  for (const char* metric : {"best_val_loss", "val_loss", "test_loss"}) {
    spec.search.metric = metric;
    QCOMPARE(objectiveDirection(spec), search::Direction::Minimize);
  }
  spec.search.direction = "maximize";
  QCOMPARE(objectiveDirection(spec), search::Direction::Maximize);
}

void tst_search_section::writesAndReadsBackEqual() {
  const ExperimentSpec spec = loadExperimentText(kSearched, "s.yaml");
  const std::string written = saveExperimentYaml(spec);
  const ExperimentSpec again = loadExperimentText(written, "again.yaml");
  QVERIFY2(again == spec, written.c_str());
  QVERIFY(written.find("training.learning_rate: {log_uniform: [1e-05, 0.1]}") != std::string::npos);
  QVERIFY(written.find("training.max_epochs: {int_uniform: [3, 9], step: 3}") != std::string::npos);
  QVERIFY(written.find("model.hidden: {choice: [[64, 32], [16]]}") != std::string::npos);
}

void tst_search_section::rewriteKeepsTheFileAndReadsBackEqual() {
  const std::string text = std::string("# a searched study\n") + kSearched;
  const ExperimentSpec spec = loadExperimentText(text, "s.yaml");
  QCOMPARE(rewriteExperimentYaml(spec, text), text);

  ExperimentSpec edited = spec;
  edited.search.trials = 30;
  edited.sweep[0].high = 0.01;
  const std::string rewritten = rewriteExperimentYaml(edited, text);
  QVERIFY(rewritten.find("trials: 30") != std::string::npos);
  QVERIFY(rewritten.find("{log_uniform: [1e-05, 0.01]}") != std::string::npos);
  QVERIFY(rewritten.find("{uniform: [0, 0.01], q: 0.001}") != std::string::npos);  // as written
  QVERIFY(loadExperimentText(rewritten, "r.yaml") == edited);
}

void tst_search_section::pruningSettingsMapToThePruner() {
  ExperimentSpec spec = loadExperimentText(kSearched, "s.yaml");
  pruning::PruningSettings asha = pruningSettingsOf(spec);
  QCOMPARE(asha.method, pruning::PruningMethod::asha);
  QCOMPARE(asha.metric, std::string("val_acc"));
  QCOMPARE(asha.direction, pruning::Direction::maximize);
  QCOMPARE(asha.asha.min_epochs, 2);
  QCOMPARE(asha.asha.reduction_factor, 4);
  QVERIFY(pruning::makePruner(asha));

  spec.pruning = PruningSpec{};
  spec.pruning.method = PruningMethod::Median;
  spec.pruning.min_epochs = 3;
  spec.pruning.warmup_trials = 2;
  const pruning::PruningSettings median = pruningSettingsOf(spec);
  QCOMPARE(median.method, pruning::PruningMethod::median);
  QCOMPARE(median.direction, pruning::Direction::minimize);  // val_loss
  QCOMPARE(median.median.warmup_epochs, 2);                  // first check at epoch min_epochs
  QCOMPARE(median.median.startup_trials, 2);
  QVERIFY(pruning::makePruner(median));
}

void tst_search_section::reportsContradictions_data() {
  QTest::addColumn<QString>("yaml");
  QTest::addColumn<int>("line");
  QTest::addColumn<int>("column");
  QTest::addColumn<QString>("key");
  QTest::addColumn<QString>("problem");

  const QString random = "search: {method: random, trials: 5}\n";
  QTest::newRow("grid with a distribution")
      << "sweep:\n  training.learning_rate: {log_uniform: [1e-5, 0.1]}\n"
      << 2 << 3 << "training.learning_rate"
      << "only by random or tpe search; the grid needs a list";
  QTest::newRow("random without trials")
      << "search:\n  method: random\nsweep:\n  training.batch_size: [32, 64]\n"
      << 2 << 11 << "search.trials"
      << "give trials: N (1 or more)";
  QTest::newRow("tpe with zero trials")
      << "search:\n  method: tpe\n  trials: 0\nsweep:\n  training.batch_size: [32]\n"
      << 3 << 11 << "search.trials"
      << "tpe search draws search.trials points";
  QTest::newRow("grid with trials") << "search:\n  trials: 10\n"
                                    << 2 << 11 << "search.trials"
                                    << "only random and tpe search draw a number of trials";
  QTest::newRow("random without a sweep") << "search:\n  method: random\n  trials: 3\n"
                                          << 2 << 11 << "search.method"
                                          << "nothing is swept";
  QTest::newRow("reversed range")
      << random + "sweep:\n  training.learning_rate: {log_uniform: [0.1, 1e-5]}\n"
      << 3 << 42 << "training.learning_rate"
      << "the range is empty";
  QTest::newRow("empty range") << random +
                                      "sweep:\n  training.weight_decay: {uniform: [0.1, 0.1]}\n"
                               << 3 << 37 << "training.weight_decay"
                               << "for one value, write it as a list";
  QTest::newRow("log range from zero")
      << random + "sweep:\n  training.weight_decay: {log_uniform: [0, 0.1]}\n"
      << 3 << 41 << "training.weight_decay"
      << "the low bound must be above 0";
  QTest::newRow("int range with fractions")
      << random + "sweep:\n  training.batch_size: {int_uniform: [16.5, 64]}\n"
      << 3 << 39 << "training.batch_size"
      << "int_uniform takes whole bounds, got 16.5";
  QTest::newRow("fractions for an integer key")
      << random + "sweep:\n  training.batch_size: {uniform: [16, 64]}\n"
      << 3 << 3 << "training.batch_size"
      << "takes whole numbers, but uniform draws fractions";
  QTest::newRow("range for a name") << random + "sweep:\n  training.optimizer: {uniform: [0, 1]}\n"
                                    << 3 << 3 << "training.optimizer"
                                    << "not numbers from a range";
  QTest::newRow("choice with no values") << random + "sweep:\n  model.name: {choice: []}\n"
                                         << 3 << 3 << "model.name"
                                         << "choice needs at least one value";
  QTest::newRow("unknown distribution")
      << random + "sweep:\n  training.learning_rate: {loguniform: [1e-5, 0.1]}\n"
      << 3 << 28 << "training.learning_rate"
      << "(did you mean 'log_uniform'?)";
  QTest::newRow("one bound") << random + "sweep:\n  training.learning_rate: {log_uniform: [1e-5]}\n"
                             << 3 << 41 << "training.learning_rate"
                             << "takes two bounds [low, high]";
  QTest::newRow("step on a log range")
      << random + "sweep:\n  training.learning_rate: {log_uniform: [1e-5, 0.1], step: 0.01}\n"
      << 3 << 54 << "training.learning_rate"
      << "a log scale has no even steps";
  QTest::newRow("step not dividing the range")
      << random + "sweep:\n  training.batch_size: {int_uniform: [32, 100], step: 32}\n"
      << 3 << 39 << "training.batch_size"
      << "use a high bound of 96";
  QTest::newRow("range outside the key's limits")
      << random + "sweep:\n  training.batch_size: {int_uniform: [0, 64]}\n"
      << 3 << 39 << "training.batch_size"
      << "expected a positive integer, got '0'";
  QTest::newRow("pruning on the test metric") << "pruning:\n  method: median\n  metric: test_acc\n"
                                              << 3 << 11 << "pruning.metric"
                                              << "pruning decides at epoch ends";
  QTest::newRow("pruning setting without a method")
      << "pruning:\n  min_epochs: 3\n"
      << 2 << 15 << "pruning.min_epochs"
      << "only used when pruning.method is median or asha";
  QTest::newRow("asha setting for median") << "pruning:\n  method: median\n  reduction_factor: 4\n"
                                           << 3 << 21 << "pruning.reduction_factor"
                                           << "only used when pruning.method is asha";
  QTest::newRow("first rung beyond the last epoch")
      << "training:\n  max_epochs: 5\npruning:\n  method: asha\n  min_epochs: 6\n"
      << 5 << 15 << "pruning.min_epochs"
      << "no trial would ever be pruned";
  QTest::newRow("unknown search method") << "search:\n  method: bayes\n"
                                         << 2 << 11 << "search.method"
                                         << "one of grid, random, tpe";
}

void tst_search_section::reportsContradictions() {
  QFETCH(QString, yaml);
  QFETCH(int, line);
  QFETCH(int, column);
  QFETCH(QString, key);
  QFETCH(QString, problem);
  try {
    loadExperimentText("name: bad\n" + yaml.toStdString(), "bad.yaml");
    QFAIL("expected a SpecError");
  } catch (const SpecError& error) {
    QVERIFY2(QString::fromStdString(error.problem()).contains(problem), error.what());
    QCOMPARE(QString::fromStdString(error.key()), key);
    QCOMPARE(error.line(), line + 1);  // "name: bad" comes first
    QCOMPARE(error.column(), column);
  }
}

QTEST_APPLESS_MAIN(tst_search_section)
#include "tst_search_section.moc"
