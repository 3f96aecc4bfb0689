// Importance by fANOVA: the variance decomposition of hand-built trees worked out by hand, the
// forest's fit, and the ranking of synthetic result tables whose structure is known.
#include <QtTest>

#include <cmath>
#include <random>

#include "results/fanova_tree.h"
#include "results/regression_forest.h"
#include "sweeplab/errors.h"
#include "sweeplab/sweep_insight.h"

using namespace sweeplab;
using forest::FanovaTree;
using forest::RegressionTree;

namespace {

constexpr double kTolerance = 1e-12;

double importanceOf(const std::vector<KeyImportance>& importances, const std::string& key) {
  for (const KeyImportance& importance : importances)
    if (importance.key == key) return importance.importance;
  return std::nan("");
}

double sumOf(const std::vector<KeyImportance>& importances) {
  double sum = 0;
  for (const KeyImportance& importance : importances) sum += importance.importance;
  return sum;
}

// A 5 x 5 grid of keys a and b (values 0..4) with three seeds per point; the result is
// `f(a, b)` plus seed noise of standard deviation `noise`.
template <typename F>
ImportanceTable gridTable(F f, double noise, unsigned seed = 7) {
  ImportanceTable table;
  table.keys = {"a", "b"};
  table.categorical = {false, false};
  std::mt19937 random(seed);
  std::normal_distribution<double> gauss(0.0, noise);
  for (int a = 0; a < 5; ++a)
    for (int b = 0; b < 5; ++b)
      for (int s = 0; s < 3; ++s) {
        table.rows.push_back({double(a), double(b)});
        table.results.push_back(f(a, b) + gauss(random));
      }
  return table;
}

}  // namespace

class tst_importance : public QObject {
  Q_OBJECT

 private Q_SLOTS:
  void treeVarianceWeighsBoxesByVolume() {
    // x0 <= 0.25 -> 0, else 1, over [0, 1] x [0, 1]: mean 0.75, variance 0.25*0.75 = 0.1875.
    RegressionTree tree = {{0, 0.25, 1, 2, 0.5}, {-1, 0, -1, -1, 0.0}, {-1, 0, -1, -1, 1.0}};
    const FanovaTree fanova(tree, {{0.0, 1.0}, {0.0, 1.0}});
    QVERIFY(std::abs(fanova.variance() - 0.1875) < kTolerance);
    QVERIFY(std::abs(fanova.marginalVariance({0}) - 0.1875) < kTolerance);
    QVERIFY(std::abs(fanova.marginalVariance({1})) < kTolerance);
    QVERIFY(std::abs(fanova.marginalVariance({0, 1}) - 0.1875) < kTolerance);
  }

  void pureInteractionHasNoMainEffect() {
    // XOR of x0 > 5 and x1 > 0.5 over [0, 10] x [0, 1]: all variance is the interaction.
    RegressionTree tree = {{0, 5.0, 1, 4, 0.5},  {1, 0.5, 2, 3, 0.5}, {-1, 0, -1, -1, 0.0},
                           {-1, 0, -1, -1, 1.0}, {1, 0.5, 5, 6, 0.5}, {-1, 0, -1, -1, 1.0},
                           {-1, 0, -1, -1, 0.0}};
    const FanovaTree fanova(tree, {{0.0, 10.0}, {0.0, 1.0}});
    QVERIFY(std::abs(fanova.variance() - 0.25) < kTolerance);
    QVERIFY(std::abs(fanova.marginalVariance({0})) < kTolerance);
    QVERIFY(std::abs(fanova.marginalVariance({1})) < kTolerance);
    QVERIFY(std::abs(fanova.marginalVariance({0, 1}) - 0.25) < kTolerance);
  }

  void additiveEffectsSplitTheVariance() {
    // y = 2 [x0 > 0.5] + [x1 > 0.5]: main-effect variances 1 and 0.25, total 1.25.
    RegressionTree tree = {{0, 0.5, 1, 4, 1.5},  {1, 0.5, 2, 3, 0.5}, {-1, 0, -1, -1, 0.0},
                           {-1, 0, -1, -1, 1.0}, {1, 0.5, 5, 6, 2.5}, {-1, 0, -1, -1, 2.0},
                           {-1, 0, -1, -1, 3.0}};
    const FanovaTree fanova(tree, {{0.0, 1.0}, {0.0, 1.0}});
    QVERIFY(std::abs(fanova.variance() - 1.25) < kTolerance);
    QVERIFY(std::abs(fanova.marginalVariance({0}) - 1.0) < kTolerance);
    QVERIFY(std::abs(fanova.marginalVariance({1}) - 0.25) < kTolerance);
  }

  void treeWithoutBootstrapFitsDistinctPoints() {
    const std::vector<std::vector<double>> rows = {{0, 0}, {0, 1}, {1, 0}, {1, 1}, {2, 1}};
    const std::vector<double> results = {1, 2, 3, 4, 5};
    forest::ForestOptions options;
    options.trees = 1;
    options.bootstrap = false;
    const std::vector<RegressionTree> trees = forest::fitForest(rows, results, options);
    QCOMPARE(trees.size(), size_t(1));
    for (size_t i = 0; i < rows.size(); ++i)
      QCOMPARE(forest::predict(trees[0], rows[i]), results[i]);
  }

  void seedRepeatsOfOnePointAreNotSplit() {
    // Three seeds of one grid point: nothing tells them apart, so the tree stays one leaf.
    const std::vector<std::vector<double>> rows = {{1, 2}, {1, 2}, {1, 2}};
    forest::ForestOptions options;
    options.trees = 4;
    for (const RegressionTree& tree : forest::fitForest(rows, {0.1, 0.5, 0.9}, options))
      QCOMPARE(tree.size(), size_t(1));
  }

  void oneKeyDrivesTheResult() {
    const ImportanceTable table = gridTable([](int a, int) { return 0.1 * a; }, 0.01);
    const std::vector<KeyImportance> importances = fanovaImportance(table);
    QVERIFY(std::abs(sumOf(importances) - 1) < 1e-9);
    QVERIFY2(importanceOf(importances, "a") > 0.9,
             qPrintable(QString::number(importanceOf(importances, "a"))));
    QVERIFY(importanceOf(importances, "b") < 0.1);
  }

  void interactionRanksBothKeysAboveNoise() {
    ImportanceTable table =
        gridTable([](int a, int b) { return a >= 3 && b >= 3 ? 1.0 : 0.0; }, 0.05);
    table.keys.push_back("c");  // a third key the result ignores
    table.categorical.push_back(false);
    std::mt19937 random(3);
    for (std::vector<double>& row : table.rows) row.push_back(double(random() % 4));
    const std::vector<KeyImportance> importances = fanovaImportance(table);
    QVERIFY(std::abs(sumOf(importances) - 1) < 1e-9);
    const double a = importanceOf(importances, "a"), b = importanceOf(importances, "b");
    const double c = importanceOf(importances, "c");
    QVERIFY2(a > 3 * c && b > 3 * c, qPrintable(QString("a %1 b %2 c %3").arg(a).arg(b).arg(c)));
    QVERIFY(std::abs(a - b) < 0.2);  // symmetric in a and b
  }

  void categoryDrivesTheResult() {
    ImportanceTable table;
    table.keys = {"model.name", "training.learning_rate"};
    table.categorical = {true, false};
    std::mt19937 random(11);
    std::normal_distribution<double> gauss(0.0, 0.01);
    const double modelEffect[] = {0.2, 0.7, 0.4};  // no order between the models
    for (int model = 0; model < 3; ++model)
      for (int lr = -5; lr <= -1; ++lr)
        for (int s = 0; s < 2; ++s) {
          table.rows.push_back({double(model), double(lr)});
          table.results.push_back(modelEffect[model] + gauss(random));
        }
    const std::vector<KeyImportance> importances = fanovaImportance(table);
    QVERIFY(importanceOf(importances, "model.name") > 0.9);
    QVERIFY(std::abs(sumOf(importances) - 1) < 1e-9);
  }

  void sameSeedSameImportances() {
    const ImportanceTable table = gridTable([](int a, int b) { return 0.1 * a + 0.05 * b; }, 0.05);
    ImportanceOptions options;
    options.seed = 42;
    const std::vector<KeyImportance> first = fanovaImportance(table, options);
    const std::vector<KeyImportance> second = fanovaImportance(table, options);
    for (size_t i = 0; i < first.size(); ++i) QCOMPARE(first[i].importance, second[i].importance);
    options.seed = 43;  // another bootstrap: close, not identical
    const std::vector<KeyImportance> other = fanovaImportance(table, options);
    QVERIFY(other[0].importance != first[0].importance);
    QVERIFY(std::abs(other[0].importance - first[0].importance) < 0.1);
  }

  void constantResultOrKeyExplainsNothing() {
    ImportanceTable table = gridTable([](int, int) { return 0.5; }, 0.0);
    for (const KeyImportance& importance : fanovaImportance(table))
      QCOMPARE(importance.importance, 0.0);
    table = gridTable([](int a, int) { return 0.1 * a; }, 0.01);
    for (std::vector<double>& row : table.rows) row[1] = 3;  // b took one value only
    const std::vector<KeyImportance> importances = fanovaImportance(table);
    QCOMPARE(importanceOf(importances, "b"), 0.0);
    QVERIFY(std::abs(importanceOf(importances, "a") - 1) < 1e-12);
  }

  void badTablesAreRejected() {
    ImportanceTable table = gridTable([](int a, int) { return a; }, 0.0);
    table.rows[4].pop_back();
    QVERIFY_THROWS_EXCEPTION(InputError, fanovaImportance(table));
    table = gridTable([](int a, int) { return a; }, 0.0);
    table.results[2] = std::nan("");
    QVERIFY_THROWS_EXCEPTION(InputError, fanovaImportance(table));
  }

  void runSummaryImportanceUsesLogOfLearningRate() {
    // Learning rates 1e-5 .. 1e-1 drive the result by their decade; batch size is noise.
    RunSummary run;
    std::mt19937 random(5);
    std::normal_distribution<double> gauss(0.0, 0.005);
    const char* rates[] = {"1e-05", "0.0001", "0.001", "0.01", "0.1"};
    for (const char* batch : {"32", "64", "128", "256", "512"})
      for (int r = 0; r < 5; ++r) {
        TrialSummary t;
        t.index = static_cast<int>(run.trials.size());
        t.swept = {{"training.batch_size", batch}, {"training.learning_rate", rates[r]}};
        t.status = TrialStatus::Finished;
        t.test_acc = 0.5 + 0.05 * r + gauss(random);
        run.trials.push_back(t);
      }
    run.trials[3].status = TrialStatus::Diverged;  // left out of the table
    const ImportanceTable table = importanceTable(run, InsightResult::TestAcc);
    QCOMPARE(table.rows.size(), size_t(24));
    QCOMPARE(table.keys,
             (std::vector<std::string>{"training.batch_size", "training.learning_rate"}));
    QCOMPARE(table.rows[0][1], -5.0);  // log10 of 1e-05
    QCOMPARE(table.rows[0][0], 32.0);

    const std::vector<KeyImportance> importances = keyImportance(run, InsightResult::TestAcc);
    QCOMPARE(importances[0].key, std::string("training.learning_rate"));  // sorted
    QVERIFY(importances[0].importance > 0.9);
  }
};

QTEST_GUILESS_MAIN(tst_importance)
#include "tst_importance.moc"
