// The median rule on scripted curves: each decision was worked out by hand (in the comments)
// and agrees with Optuna 3.1's MedianPruner fed the same reports (step = epoch - 1).
#include <QtTest>

#include <cmath>
#include <string>

#include "sweeplab/pruning/median_pruner.h"

using namespace sweeplab::pruning;

namespace {

const double kNan = std::nan("");

// Runs a whole trial that is never pruned (used for the reference trials) and completes it.
void complete(Pruner& pruner, int trial, const std::vector<double>& values) {
  for (size_t i = 0; i < values.size(); ++i) {
    pruner.report(trial, static_cast<int>(i) + 1, values[i]);
  }
  pruner.finish(trial, TrialOutcome::completed);
}

bool contains(const std::string& text, const char* part) {
  return text.find(part) != std::string::npos;
}

}  // namespace

class tst_median_pruner : public QObject {
  Q_OBJECT

 private Q_SLOTS:
  // Start-up 2, warm-up 1: the scenario of docs/search.md ("Pruning").
  //   T0 0.50 0.60 0.70  completed     T1 0.40 0.50 0.80  completed
  // Medians of the completed trials: epoch 2 (0.60 + 0.50) / 2 = 0.55, epoch 3 0.75.
  void scriptedCurvesMaximize() {
    MedianPruner pruner(Direction::maximize, "val_acc", {2, 1, 1, 1});
    // While fewer than two trials have completed, nothing is pruned, however bad.
    PruneDecision d = pruner.report(0, 1, 0.50);
    QVERIFY(!d.prune);
    QVERIFY(contains(d.reason, "start-up (0 of 2"));
    pruner.report(0, 2, 0.60);
    pruner.report(0, 3, 0.70);
    pruner.finish(0, TrialOutcome::completed);
    d = pruner.report(1, 1, 0.40);
    QVERIFY(!d.prune);
    QVERIFY(contains(d.reason, "start-up (1 of 2"));
    pruner.report(1, 2, 0.50);
    pruner.report(1, 3, 0.80);
    pruner.finish(1, TrialOutcome::completed);

    // T2 and T3 interleaved. Epoch 1 is warm-up: T2's 0.30 is far below both, yet continues.
    d = pruner.report(2, 1, 0.30);
    QVERIFY(!d.prune);
    QVERIFY(contains(d.reason, "warm-up"));
    QVERIFY(!pruner.report(3, 1, 0.45).prune);
    // T2 epoch 2: best so far max(0.30, 0.52) = 0.52 < median 0.55: pruned.
    d = pruner.report(2, 2, 0.52);
    QVERIFY(d.prune);
    QCOMPARE(d.reason,
             std::string("epoch 2: best val_acc 0.52 so far is worse than the median val_acc "
                         "0.55 of 2 completed trials at this epoch"));
    pruner.finish(2, TrialOutcome::pruned);
    // T3 epoch 2: best 0.78 >= 0.55: continues.
    QVERIFY(!pruner.report(3, 2, 0.78).prune);
    // T3 epoch 3: its latest 0.60 is below the median 0.75, but its best 0.78 is not: continues.
    QVERIFY(!pruner.report(3, 3, 0.60).prune);
    pruner.finish(3, TrialOutcome::completed);

    // Three completed trials now (T2 was pruned and is no reference). Medians: epoch 2 of
    // {0.60, 0.50, 0.78} = 0.60; epoch 3 of {0.70, 0.80, 0.60} = 0.70.
    // T4's 0.90 in warm-up counts towards its best: at epoch 2, 0.90 >= 0.60 continues.
    QVERIFY(!pruner.report(4, 1, 0.90).prune);
    QVERIFY(!pruner.report(4, 2, 0.50).prune);
    // T5: best max(0.20, 0.55) = 0.55 < 0.60: pruned.
    QVERIFY(!pruner.report(5, 1, 0.20).prune);
    d = pruner.report(5, 2, 0.55);
    QVERIFY(d.prune);
    QVERIFY(contains(d.reason, "median val_acc 0.6 of 3 completed trials"));
    // T4 epoch 3: best 0.90 >= 0.70: continues. Epoch 4: no completed trial reached it.
    QVERIFY(!pruner.report(4, 3, 0.30).prune);
    d = pruner.report(4, 4, 0.10);
    QVERIFY(!d.prune);
    QVERIFY(contains(d.reason, "0 completed trials reached this epoch, 1 needed"));
  }

  // The same reports with minimize: the best so far is now the smallest value, and a trial is
  // pruned when it is above the median.
  void scriptedCurvesMinimize() {
    MedianPruner pruner(Direction::minimize, "val_loss", {2, 1, 1, 1});
    complete(pruner, 0, {0.50, 0.60, 0.70});
    complete(pruner, 1, {0.40, 0.50, 0.80});
    // T2 epoch 2: best min(0.30, 0.52) = 0.30 <= median 0.55: continues (pruned when maximizing).
    QVERIFY(!pruner.report(2, 1, 0.30).prune);
    QVERIFY(!pruner.report(2, 2, 0.52).prune);
    // T3 epoch 2: best min(0.58, 0.62) = 0.58 > 0.55: pruned.
    QVERIFY(!pruner.report(3, 1, 0.62).prune);
    const PruneDecision d = pruner.report(3, 2, 0.58);
    QVERIFY(d.prune);
    QVERIFY(contains(d.reason, "best val_loss 0.58 so far is worse than the median val_loss 0.55"));
  }

  // A value equal to the median continues: only a worse one is pruned.
  void tieWithTheMedianContinues() {
    MedianPruner pruner(Direction::maximize, "val_acc", {1, 0, 1, 1});
    complete(pruner, 0, {0.5});
    QVERIFY(!pruner.report(1, 1, 0.5).prune);
    QVERIFY(pruner.report(2, 1, 0.49).prune);
  }

  // Optuna's defaults: five completed trials before the first decision, checks from epoch 1.
  void defaultStartupIsFiveTrials() {
    MedianPruner pruner(Direction::maximize, "val_acc");
    QCOMPARE(pruner.settings().startup_trials, 5);
    QCOMPARE(pruner.settings().warmup_epochs, 0);
    QCOMPARE(pruner.settings().interval_epochs, 1);
    QCOMPARE(pruner.settings().min_trials, 1);
    for (int t = 0; t < 4; ++t) complete(pruner, t, {0.8});
    QVERIFY(!pruner.report(10, 1, 0.1).prune);  // 4 of 5 completed
    complete(pruner, 4, {0.8});
    QVERIFY(pruner.report(11, 1, 0.1).prune);  // 5 completed, median 0.8, at epoch 1
  }

  // Warm-up 1, interval 2: checks at epochs 2, 4, 6; at 3 and 5 a bad trial goes on.
  void intervalSkipsEpochsBetweenChecks() {
    MedianPruner pruner(Direction::maximize, "val_acc", {1, 1, 2, 1});
    complete(pruner, 0, {0.9, 0.9, 0.9, 0.9, 0.9});
    // T1's 0.95 in warm-up stays its best: at the check at epoch 2, 0.95 >= 0.9 continues.
    QVERIFY(!pruner.report(1, 1, 0.95).prune);
    QVERIFY(!pruner.report(1, 2, 0.1).prune);
    // T2: 0.1 throughout. Epoch 1 warm-up; epoch 2 checked and pruned...
    QVERIFY(!pruner.report(2, 1, 0.1).prune);
    QVERIFY(pruner.report(2, 2, 0.1).prune);
    // ...and were it to go on, epoch 3 is not a check, epoch 4 is.
    const PruneDecision skipped = pruner.report(2, 3, 0.1);
    QVERIFY(!skipped.prune);
    QVERIFY(contains(skipped.reason, "checks every 2 epochs from epoch 2"));
    QVERIFY(pruner.report(2, 4, 0.1).prune);
    QVERIFY(!pruner.report(2, 5, 0.1).prune);
  }

  // Trials that completed with fewer epochs (an early stop) are no reference past their end;
  // min_trials counts those that reached the epoch.
  void minTrialsCountsTrialsThatReachedTheEpoch() {
    MedianPruner pruner(Direction::maximize, "val_acc", {1, 0, 1, 2});
    complete(pruner, 0, {0.6, 0.7});
    complete(pruner, 1, {0.5});
    // Epoch 1: two completed trials reached it, median 0.55; 0.50 is pruned.
    QVERIFY(pruner.report(2, 1, 0.50).prune);
    // Epoch 2: only T0 reached it (1 < 2 needed): no decision.
    QVERIFY(!pruner.report(3, 1, 0.56).prune);
    const PruneDecision d = pruner.report(3, 2, 0.0);
    QVERIFY(!d.prune);
    QVERIFY(contains(d.reason, "1 completed trials reached this epoch, 2 needed"));
  }

  // Pruned and failed trials are no reference, nor are running ones: their high values do not
  // raise the median.
  void onlyCompletedTrialsAreTheReference() {
    MedianPruner pruner(Direction::maximize, "val_acc", {1, 0, 1, 1});
    complete(pruner, 0, {0.5});
    pruner.report(1, 1, 0.99);
    pruner.finish(1, TrialOutcome::pruned);
    pruner.report(2, 1, 0.98);
    pruner.finish(2, TrialOutcome::failed);
    pruner.report(3, 1, 0.97);  // still running
    // The median is T0's 0.5 alone.
    QVERIFY(!pruner.report(4, 1, 0.6).prune);
    QVERIFY(pruner.report(5, 1, 0.4).prune);
  }

  // NaN, as Optuna: a trial whose values are all NaN is pruned at its first check (not in
  // warm-up); NaN among a trial's values is skipped for its best; a completed trial's NaN at
  // the epoch counts for min_trials but not for the median; all-NaN references decide nothing.
  void nanValues() {
    MedianPruner pruner(Direction::maximize, "val_acc", {1, 1, 1, 3});
    complete(pruner, 0, {0.5, kNan, 0.5});
    complete(pruner, 1, {0.5, 0.6, kNan});
    complete(pruner, 2, {0.5, 0.4, kNan});
    // All NaN: warm-up at epoch 1, pruned at 2.
    QVERIFY(!pruner.report(3, 1, kNan).prune);
    PruneDecision d = pruner.report(3, 2, kNan);
    QVERIFY(d.prune);
    QVERIFY(contains(d.reason, "NaN at every epoch"));
    // Epoch 2 references {NaN, 0.6, 0.4}: three reached it (min_trials 3 met), median of
    // {0.6, 0.4} is 0.5. T4's best ignores its NaN: max(0.45, NaN) = 0.45 < 0.5: pruned.
    pruner.report(4, 1, 0.45);
    QVERIFY(pruner.report(4, 2, kNan).prune);
    // T5: best 0.55 >= 0.5 at epoch 2; at epoch 3 the references {0.5, NaN, NaN} leave 0.5.
    pruner.report(5, 1, 0.55);
    QVERIFY(!pruner.report(5, 2, kNan).prune);
    QVERIFY(!pruner.report(5, 3, 0.1).prune);
    // All references NaN at an epoch: no decision for a trial with a value; a trial with none
    // is still pruned, since its own best is checked before the references (as Optuna does).
    MedianPruner allNan(Direction::minimize, "val_loss", {1, 0, 1, 1});
    complete(allNan, 0, {kNan});
    d = allNan.report(1, 1, 5.0);
    QVERIFY(!d.prune);
    QVERIFY(contains(d.reason, "all NaN"));
    QVERIFY(allNan.report(2, 1, kNan).prune);
  }

  void medianLikeNumpy() {
    QCOMPARE(medianSkippingNan({3, 1, 2}), 2.0);
    QCOMPARE(medianSkippingNan({4, 1, 3, 2}), 2.5);
    QCOMPARE(medianSkippingNan({kNan, 1, 2}), 1.5);
    QVERIFY(std::isnan(medianSkippingNan({kNan, kNan})));
    QVERIFY(std::isnan(medianSkippingNan({})));
  }

  void badSettingsAreRejected() {
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument,
                             MedianPruner(Direction::maximize, "m", {-1, 0, 1, 1}));
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument,
                             MedianPruner(Direction::maximize, "m", {5, -1, 1, 1}));
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument,
                             MedianPruner(Direction::maximize, "m", {5, 0, 0, 1}));
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument,
                             MedianPruner(Direction::maximize, "m", {5, 0, 1, 0}));
  }
};

QTEST_APPLESS_MAIN(tst_median_pruner)
#include "tst_median_pruner.moc"
