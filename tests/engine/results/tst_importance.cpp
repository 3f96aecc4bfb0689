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

// A depth-3 DecisionTreeRegressor of scikit-learn 1.2.1 (nodes in its order: feature, threshold,
// left, right, value) fitted to gridRows() -> gridResults(): x0 + x1 when x0 > 2, a little of x2,
// noise.
RegressionTree scikitLearnTree() {
  return {{0, 2.5, 1, 8, 0.57214282236315872},  {0, 1.5, 2, 5, 0.18313255526823197},
          {0, 0.5, 3, 4, 0.037410619939217495}, {-1, 0, -1, -1, -0.097715659600703011},
          {-1, 0, -1, -1, 0.17253689947913797}, {2, -4, 6, 7, 0.47457642592626098},
          {-1, 0, -1, -1, 0.37736780131303149}, {-1, 0, -1, -1, 0.5231807382328757},
          {1, 0.5, 9, 12, 1.1556582230055488},  {0, 3.5, 10, 11, 0.88139274677671142},
          {-1, 0, -1, -1, 0.6984330357752514},  {-1, 0, -1, -1, 1.0643524577781713},
          {0, 3.5, 13, 14, 1.4299236992343858}, {-1, 0, -1, -1, 1.262931496231557},
          {-1, 0, -1, -1, 1.596915902237215}};
}

std::vector<std::vector<double>> gridRows() {
  std::vector<std::vector<double>> rows;
  for (int a = 0; a < 5; ++a)
    for (int b = 0; b < 2; ++b)
      for (int c = -5; c <= -1; c += 2) rows.push_back({double(a), double(b), double(c)});
  return rows;
}

// 0.3 x0 + 0.5 x1 [x0 > 2] + 0.05 x2 + N(0, 0.05), numpy's RandomState(0).
std::vector<double> gridResults() {
  return {-0.16179738270161681,  -0.12999213958163885,  -0.0010631007947130428, -0.1379553400399271,
          -0.056622100492501645, -0.098863893993820562, 0.09750442087627946,    0.14243213958511508,
          0.24483905741032211,   0.070529925096918605,  0.15720217855804386,    0.32271367534814877,
          0.38805188625734965,   0.45608375082464137,   0.57219316163727119,    0.36668371636871333,
          0.52470395365788025,   0.53974208681170988,   0.66565338508254501,    0.70729521303491361,
          0.72235050920829591,   1.182680929772018,     1.2932218099429753,     1.3128917489796779,
          1.0634877311993804,    0.97728171627006155,   1.1522879258650722,     1.4406408074987083,
          1.6266389607179228,    1.7234679384950142};
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

  void matchesOptunaOnAScikitLearnTree() {
    // What Optuna 3.1's _FanovaTree computes for the scikit-learn tree of
    // scikitLearnTree() over the space [0, 4] x [0, 1] x [-5, -1].
    const RegressionTree tree = scikitLearnTree();
    const FanovaTree fanova(tree, {{0.0, 4.0}, {0.0, 1.0}, {-5.0, -1.0}});
    const auto close = [](double a, double b) { return std::abs(a - b) <= 1e-12 * std::abs(b); };
    QVERIFY(close(fanova.variance(), 0.24118509449776965));
    QVERIFY(close(fanova.marginalVariance({0}), 0.21140906434311513));
    QVERIFY(close(fanova.marginalVariance({1}), 0.010784307999117143));
    QVERIFY(close(fanova.marginalVariance({2}), 0.00024915717859207577));
    QVERIFY(close(fanova.marginalVariance({0, 1}), 0.24018846578340136));
    QVERIFY(close(fanova.marginalVariance({0, 2}), 0.21240569305748341));
    QVERIFY(close(fanova.marginalVariance({1, 2}), 0.011033465177709218));
    QVERIFY(close(fanova.marginalVariance({0, 1, 2}), 0.24118509449776968));
  }

  void growsTheTreeScikitLearnGrows() {
    forest::ForestOptions options;
    options.trees = 1;
    options.bootstrap = false;
    options.max_depth = 3;
    const RegressionTree grown = forest::fitForest(gridRows(), gridResults(), options)[0];
    const RegressionTree expected = scikitLearnTree();
    QCOMPARE(grown.size(), expected.size());
    for (size_t i = 0; i < grown.size(); ++i) {
      QCOMPARE(grown[i].feature, expected[i].feature);
      QCOMPARE(grown[i].threshold, expected[i].threshold);
      QCOMPARE(grown[i].left, expected[i].left);
      QCOMPARE(grown[i].right, expected[i].right);
      QVERIFY(std::abs(grown[i].value - expected[i].value) < 1e-14);
    }
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
