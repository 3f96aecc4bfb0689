// ASHA on scripted curves: each decision was worked out by hand (in the comments) and agrees
// with Optuna 3.1's SuccessiveHalvingPruner(min_resource, reduction_factor, 0) fed the same
// reports (step = epoch).
#include <QtTest>

#include <climits>
#include <cmath>
#include <string>

#include "sweeplab/pruning/asha_pruner.h"

using namespace sweeplab::pruning;

namespace {

const double kNan = std::nan("");

bool contains(const std::string& text, const char* part) {
  return text.find(part) != std::string::npos;
}

}  // namespace

class tst_asha_pruner : public QObject {
  Q_OBJECT

 private Q_SLOTS:
  void rungsAreMinEpochsTimesPowersOfTheFactor() {
    const AshaPruner defaults(Direction::maximize, "val_acc");
    QCOMPARE(defaults.settings().min_epochs, 1);
    QCOMPARE(defaults.settings().reduction_factor, 3);
    QCOMPARE(defaults.settings().min_early_stopping_rate, 0);
    QCOMPARE(defaults.rungEpoch(0), 1);
    QCOMPARE(defaults.rungEpoch(1), 3);
    QCOMPARE(defaults.rungEpoch(2), 9);
    const AshaPruner shifted(Direction::maximize, "val_acc", {2, 4, 1});
    QCOMPARE(shifted.rungEpoch(0), 8);  // 2 * 4^1
    QCOMPARE(shifted.rungEpoch(1), 32);
    QCOMPARE(shifted.rungEpoch(40), INT_MAX);  // beyond an int: never reached
  }

  // No decision between rungs: with rungs at 8 and 32, a terrible trial goes on to epoch 8.
  void nothingIsDecidedBeforeTheFirstRung() {
    AshaPruner pruner(Direction::maximize, "val_acc", {2, 4, 1});
    for (int e = 1; e <= 8; ++e) pruner.report(0, e, 0.9);
    for (int e = 1; e < 8; ++e) {
      const PruneDecision d = pruner.report(1, e, 0.1);
      QVERIFY(!d.prune);
      QVERIFY(contains(d.reason, "next rung at epoch 8"));
    }
    QVERIFY(pruner.report(1, 8, 0.1).prune);
  }

  // The scenario of docs/search.md ("Pruning"): reduction factor 3, rungs at epochs 1, 3, 9.
  // Trials report epoch by epoch in the order written; n is the number of values at the rung
  // with the new one, and the best max(floor(n / 3), 1) continue.
  void scriptedCurvesMaximize() {
    AshaPruner pruner(Direction::maximize, "val_acc");
    // Rung 0 (epoch 1).
    QVERIFY(!pruner.report(0, 1, 0.50).prune);    // n=1 keep 1: {0.50} best
    PruneDecision d = pruner.report(1, 1, 0.40);  // n=2 keep 1: best 0.50
    QVERIFY(d.prune);
    QCOMPARE(d.reason, std::string("epoch 1 (rung 0): val_acc 0.4 is not among the best 1 of 2 "
                                   "trials at this rung (best val_acc 0.5)"));
    QVERIFY(!pruner.report(2, 1, 0.60).prune);  // n=3 keep 1: 0.60 is the best
    QVERIFY(pruner.report(3, 1, 0.55).prune);   // n=4 keep 1: best 0.60
    QVERIFY(pruner.report(4, 1, 0.58).prune);   // n=5 keep 1: best 0.60
    d = pruner.report(5, 1, 0.52);              // n=6 keep 2: cut-off 0.58 (T4, pruned, counts)
    QVERIFY(d.prune);
    QVERIFY(contains(d.reason, "best 2 of 6 trials at this rung (cut-off val_acc 0.58)"));
    d = pruner.report(6, 1, 0.59);  // n=7 keep 2: {0.60, 0.59} -> 0.59 continues
    QVERIFY(!d.prune);
    QVERIFY(contains(d.reason, "val_acc 0.59 is among the best 2 of 7"));
    // Epoch 2: between rungs.
    QVERIFY(!pruner.report(0, 2, 0.10).prune);
    QVERIFY(!pruner.report(2, 2, 0.62).prune);
    QVERIFY(!pruner.report(6, 2, 0.61).prune);
    // Rung 1 (epoch 3), values of the three survivors.
    QVERIFY(!pruner.report(0, 3, 0.58).prune);  // n=1: continues
    QVERIFY(!pruner.report(2, 3, 0.66).prune);  // n=2 keep 1: 0.66 is the best
    QVERIFY(pruner.report(6, 3, 0.60).prune);   // n=3 keep 1: best 0.66
    // Later trials at rung 0: a tie with the cut-off continues; a NaN is pruned and not counted.
    QVERIFY(!pruner.report(7, 1, 0.60).prune);  // n=8 keep 2: {0.60, 0.60}: tie continues
    d = pruner.report(8, 1, kNan);
    QVERIFY(d.prune);
    QVERIFY(contains(d.reason, "val_acc is NaN"));
    d = pruner.report(9, 1, 0.595);  // n=9 (not 10) keep 3: {0.60, 0.60, 0.595}
    QVERIFY(!d.prune);
    QVERIFY(contains(d.reason, "best 3 of 9 trials"));
    QVERIFY(!contains(d.reason, "next rung"));
  }

  // Minimize with val_loss = 1 - val_acc of the maximize scenario: the same decisions.
  void scriptedCurvesMinimize() {
    AshaPruner pruner(Direction::minimize, "val_loss");
    QVERIFY(!pruner.report(0, 1, 0.50).prune);
    QVERIFY(pruner.report(1, 1, 0.60).prune);  // n=2 keep 1: 0.60 is worse than 0.50
    QVERIFY(!pruner.report(2, 1, 0.40).prune);
    QVERIFY(pruner.report(3, 1, 0.45).prune);
    QVERIFY(pruner.report(4, 1, 0.42).prune);
    QVERIFY(pruner.report(5, 1, 0.48).prune);  // keep 2: cut-off 0.42
    QVERIFY(!pruner.report(6, 1, 0.41).prune);
    // The same values read as accuracies (maximize) decide the other way for T1 and T2.
    AshaPruner flipped(Direction::maximize, "val_acc");
    QVERIFY(!flipped.report(0, 1, 0.50).prune);
    QVERIFY(!flipped.report(1, 1, 0.60).prune);
    QVERIFY(flipped.report(2, 1, 0.40).prune);
  }

  // A trial that fails after a rung keeps its value there; it still raises the bar.
  void endedTrialsStayAtTheirRungs() {
    AshaPruner pruner(Direction::maximize, "val_acc", {1, 2, 0});
    pruner.report(0, 1, 0.9);
    pruner.finish(0, TrialOutcome::failed);
    QVERIFY(pruner.report(1, 1, 0.8).prune);  // n=2 keep 1: best 0.9 (the failed trial)
  }

  void badSettingsAreRejected() {
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument,
                             AshaPruner(Direction::maximize, "m", {0, 3, 0}));
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument,
                             AshaPruner(Direction::maximize, "m", {1, 1, 0}));
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument,
                             AshaPruner(Direction::maximize, "m", {1, 3, -1}));
  }
};

QTEST_APPLESS_MAIN(tst_asha_pruner)
#include "tst_asha_pruner.moc"
