// Sweep insight: swept keys and their axes, results grouped by value and the two-key heatmap,
// checked against a hand-built run whose means and standard deviations are worked out here.
#include <QtTest>

#include <cmath>

#include "sweeplab/errors.h"
#include "sweeplab/sweep_insight.h"

using namespace sweeplab;

namespace {

using Swept = std::vector<std::pair<std::string, std::string>>;

TrialSummary trial(const Swept& swept, int seed, double testAcc, double wall,
                   TrialStatus status = TrialStatus::Finished) {
  TrialSummary t;
  t.swept = swept;
  t.seed = seed;
  t.repeat = seed;
  t.status = status;
  t.test_acc = testAcc;
  t.test_loss = 1 - testAcc;
  t.best_val_acc = testAcc + 0.01;
  t.val_acc = testAcc + 0.005;
  t.wall_seconds = wall;
  t.epochs_completed = 4;
  t.steps = 400;
  return t;
}

// Batch size x learning rate, two seeds each, written in the file's order: batch sizes 256 then
// 32 (sorted on the axis), learning rates 1e-3 then 1e-1. batch 32 x lr 1e-1 ran one finished
// seed and one diverged one; batch 256 x lr 1e-1 only failed trials (an empty cell).
RunSummary gridWithRepeats() {
  RunSummary run;
  const auto add = [&](const std::string& batch, const std::string& lr, int seed, double acc,
                       double wall, TrialStatus status = TrialStatus::Finished) {
    TrialSummary t = trial({{"training.batch_size", batch}, {"training.learning_rate", lr}}, seed,
                           acc, wall, status);
    t.index = static_cast<int>(run.trials.size());
    run.trials.push_back(t);
  };
  add("256", "0.001", 0, 0.60, 10);
  add("256", "0.001", 1, 0.64, 12);
  add("256", "0.1", 0, kNoValue, 3, TrialStatus::Diverged);
  add("256", "0.1", 1, kNoValue, 3, TrialStatus::Failed);
  add("32", "0.001", 0, 0.70, 40);
  add("32", "0.001", 1, 0.72, 44);
  add("32", "0.1", 0, 0.50, 30);
  add("32", "0.1", 1, 0.20, 30, TrialStatus::Diverged);
  return run;
}

// Swept with the shorthand key "model", which names the setting model.name.
RunSummary modelStudy() {
  RunSummary run;
  run.trials = {trial({{"model", "jsc-tiny-x10"}}, 0, 0.73, 20),
                trial({{"model", "jsc-tiny"}}, 0, 0.71, 5)};
  return run;
}

}  // namespace

class tst_sweep_insight : public QObject {
  Q_OBJECT

 private Q_SLOTS:
  void sweptKeysSortNumbersAndKeepCategoriesInFileOrder() {
    const std::vector<SweptKey> keys = sweptKeys(gridWithRepeats());
    QCOMPARE(keys.size(), size_t(2));
    QCOMPARE(keys[0].key, std::string("training.batch_size"));
    QVERIFY(keys[0].numeric);
    QCOMPARE(keys[0].values, (std::vector<std::string>{"32", "256"}));
    QVERIFY(!keys[0].log_scale);  // 8x: linear
    QCOMPARE(keys[1].key, std::string("training.learning_rate"));
    QVERIFY(keys[1].numeric);
    QCOMPARE(keys[1].values, (std::vector<std::string>{"0.001", "0.1"}));
    QVERIFY(keys[1].log_scale);  // a learning rate, whatever its span

    const std::vector<SweptKey> models = sweptKeys(modelStudy());
    QCOMPARE(models.size(), size_t(1));
    QCOMPARE(models[0].key, std::string("model.name"));
    QVERIFY(!models[0].numeric);
    QVERIFY(!models[0].log_scale);
    QCOMPARE(models[0].values, (std::vector<std::string>{"jsc-tiny-x10", "jsc-tiny"}));
  }

  void logScaleForValuesSpanningMoreThanTwoDecades() {
    RunSummary run;
    run.trials = {trial({{"training.max_epochs", "1"}}, 0, 0.5, 1),
                  trial({{"training.max_epochs", "1000"}}, 0, 0.5, 1)};
    QVERIFY(sweptKeys(run)[0].log_scale);
    run.trials[1].swept = {{"training.max_epochs", "100"}};  // exactly two decades: linear
    QVERIFY(!sweptKeys(run)[0].log_scale);
    run.trials[0].swept = {{"training.weight_decay", "0"}};  // a zero rules out a log axis
    run.trials[1].swept = {{"training.weight_decay", "0.01"}};
    QVERIFY(!sweptKeys(run)[0].log_scale);
  }

  void seedsAreRepeatsNotKeys() {
    RunSummary run;
    run.trials = {trial({{"training.seed", "1"}}, 1, 0.5, 1),
                  trial({{"training.seed", "2"}}, 2, 0.6, 1)};
    QVERIFY(sweptKeys(run).empty());
    QVERIFY(isFullGrid(run));  // one grid point, several seeds
  }

  void gridDetection() {
    RunSummary run = gridWithRepeats();
    QVERIFY(isFullGrid(run));
    // Without batch 256 x lr 0.1 the trials no longer cover every combination.
    run.trials.erase(run.trials.begin() + 2, run.trials.begin() + 4);
    QVERIFY(!isFullGrid(run));
    QVERIFY(!isFullGrid(RunSummary{}));
  }

  void groupByValueMeansAndStds() {
    const RunSummary run = gridWithRepeats();
    const std::vector<ValueGroup> groups =
        groupByValue(run, "training.batch_size", InsightResult::TestAcc);
    QCOMPARE(groups.size(), size_t(2));
    // batch 32: 0.70, 0.72, 0.50 finished (the diverged seed does not count).
    QCOMPARE(groups[0].value, std::string("32"));
    QCOMPARE(groups[0].number, 32.0);
    QCOMPARE(groups[0].trials, (std::vector<int>{4, 5, 6}));
    QCOMPARE(groups[0].results, (std::vector<double>{0.70, 0.72, 0.50}));
    QCOMPARE(groups[0].result.n, 3);
    QVERIFY(std::abs(groups[0].result.mean - 0.64) < 1e-12);
    // sample std of {0.70, 0.72, 0.50}: deviations 0.06, 0.08, -0.14 -> sqrt(0.0296 / 2)
    QVERIFY(std::abs(groups[0].result.std - std::sqrt(0.0296 / 2)) < 1e-12);
    QCOMPARE(groups[0].wall_seconds.n, 3);
    QVERIFY(std::abs(groups[0].wall_seconds.mean - 38) < 1e-12);
    // batch 256: the two lr 1e-3 seeds only.
    QCOMPARE(groups[1].trials, (std::vector<int>{0, 1}));
    QVERIFY(std::abs(groups[1].result.mean - 0.62) < 1e-12);
    QVERIFY(std::abs(groups[1].result.std - std::sqrt(0.0008)) < 1e-12);
    QVERIFY(std::abs(groups[1].wall_seconds.mean - 11) < 1e-12);
  }

  void groupByValueKeepsValuesNoTrialReached() {
    RunSummary run = gridWithRepeats();
    for (TrialSummary& t : run.trials)
      if (t.swept[0].second == "256") t.status = TrialStatus::Stopped;
    const std::vector<ValueGroup> groups = groupByValue(run, "batch_size", InsightResult::TestAcc);
    QCOMPARE(groups.size(), size_t(2));
    QCOMPARE(groups[1].value, std::string("256"));
    QCOMPARE(groups[1].result.n, 0);
    QVERIFY(groups[1].trials.empty());
    QVERIFY(std::isnan(groups[1].result.mean));
  }

  void groupByCategoryHasNoNumber() {
    const std::vector<ValueGroup> groups =
        groupByValue(modelStudy(), "model.name", InsightResult::WallSeconds);
    QCOMPARE(groups[0].value, std::string("jsc-tiny-x10"));
    QVERIFY(std::isnan(groups[0].number));
    QCOMPARE(groups[0].result.mean, 20.0);
    QCOMPARE(groups[0].result.n, 1);
    QVERIFY(std::isnan(groups[0].result.std));  // one value: no spread
    QCOMPARE(groups[1].result.mean, 5.0);
  }

  void unknownKeyNamesTheSweptOnes() {
    try {
      groupByValue(gridWithRepeats(), "optimizer", InsightResult::TestAcc);
      QFAIL("expected InputError");
    } catch (const InputError& error) {
      const std::string message = error.what();
      QVERIFY2(message.find("'optimizer'") != std::string::npos, error.what());
      QVERIFY2(message.find("training.batch_size, training.learning_rate") != std::string::npos,
               error.what());
    }
  }

  void heatmapCells() {
    const Heatmap map =
        heatmap(gridWithRepeats(), "learning_rate", "training.batch_size", InsightResult::TestAcc);
    QCOMPARE(map.x_key.key, std::string("training.learning_rate"));
    QCOMPARE(map.y_key.key, std::string("training.batch_size"));
    QCOMPARE(map.cells.size(), size_t(4));
    // cells[y * 2 + x]; y = batch (32, 256), x = lr (0.001, 0.1).
    const HeatmapCell& small = map.cells[0];
    QCOMPARE(small.x, 0);
    QCOMPARE(small.y, 0);
    QCOMPARE(small.trials, (std::vector<int>{4, 5}));
    QVERIFY(std::abs(small.result.mean - 0.71) < 1e-12);
    QVERIFY(std::abs(small.result.std - std::sqrt(0.0002)) < 1e-12);
    QCOMPARE(map.cells[1].trials, (std::vector<int>{6}));  // one seed diverged
    QCOMPARE(map.cells[1].result.mean, 0.50);
    QCOMPARE(map.cells[2].trials, (std::vector<int>{0, 1}));
    QCOMPARE(map.cells[3].x, 1);
    QCOMPARE(map.cells[3].y, 1);
    QCOMPARE(map.cells[3].result.n, 0);  // not run to the end: an empty cell
    QVERIFY(map.cells[3].trials.empty());
  }

  void heatmapNeedsTwoKeys() {
    QVERIFY_THROWS_EXCEPTION(InputError, heatmap(gridWithRepeats(), "batch_size",
                                                 "training.batch_size", InsightResult::TestAcc));
  }

  void resultKeysRoundTrip() {
    for (InsightResult result : allInsightResults())
      QCOMPARE(insightResultFromKey(insightResultKey(result)), result);
    QCOMPARE(allInsightResults().size(), size_t(7));
    QVERIFY(higherIsBetter(InsightResult::BestValAcc));
    QVERIFY(!higherIsBetter(InsightResult::TestLoss));
    QVERIFY_THROWS_EXCEPTION(InputError, insightResultFromKey("accuracy"));
  }

  void resultValues() {
    TrialSummary t = trial({}, 0, 0.7, 20);
    QCOMPARE(insightResultValue(t, InsightResult::SecondsPerEpoch), 5.0);
    QCOMPARE(insightResultValue(t, InsightResult::Steps), 400.0);
    QCOMPARE(insightResultValue(t, InsightResult::FinalValAcc), 0.705);
    t.epochs_completed = 0;
    QVERIFY(std::isnan(insightResultValue(t, InsightResult::SecondsPerEpoch)));
    t.wall_seconds = 0;
    QVERIFY(std::isnan(insightResultValue(t, InsightResult::WallSeconds)));
  }
};

QTEST_GUILESS_MAIN(tst_sweep_insight)
#include "tst_sweep_insight.moc"
