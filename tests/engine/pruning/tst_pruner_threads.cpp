// Trials train in parallel, so one pruner takes reports from several threads at once. Each
// thread runs its own trials to the end (or until pruned); afterwards the pruner must have
// counted every report, which a data race would lose (and the ASan/UBSan build would report).
// Also: the calls a runner can get wrong are refused, not silently absorbed.
#include <QtTest>

#include <atomic>
#include <cmath>
#include <thread>

#include "sweeplab/pruning/make_pruner.h"

using namespace sweeplab::pruning;

namespace {

constexpr int kThreads = 8;
constexpr int kTrialsPerThread = 40;
constexpr int kEpochs = 9;

double curve(int trial, int epoch) {
  const double ceiling = 0.5 + 0.4 * ((trial * 37) % 101) / 101.0;
  return ceiling * (1 - std::exp(-0.5 * epoch));
}

// Runs every thread's trials; returns how many were pruned.
int runInParallel(Pruner& pruner) {
  std::atomic<int> pruned{0};
  std::vector<std::thread> threads;
  for (int w = 0; w < kThreads; ++w) {
    threads.emplace_back([&pruner, &pruned, w] {
      for (int i = 0; i < kTrialsPerThread; ++i) {
        const int trial = w * kTrialsPerThread + i;
        TrialOutcome outcome = TrialOutcome::completed;
        for (int e = 1; e <= kEpochs; ++e) {
          if (pruner.report(trial, e, curve(trial, e)).prune) {
            outcome = TrialOutcome::pruned;
            ++pruned;
            break;
          }
        }
        pruner.finish(trial, outcome);
      }
    });
  }
  for (std::thread& t : threads) t.join();
  return pruned;
}

}  // namespace

class tst_pruner_threads : public QObject {
  Q_OBJECT

 private Q_SLOTS:
  // Every trial reaches rung 0 (epoch 1), so a new trial there is judged among all of them.
  void ashaCountsEveryReportFromEveryThread() {
    AshaPruner pruner(Direction::maximize, "val_acc");
    const int pruned = runInParallel(pruner);
    QVERIFY(pruned > 0);
    const int trials = kThreads * kTrialsPerThread;
    const PruneDecision d = pruner.report(trials, 1, 2.0);
    QVERIFY(!d.prune);
    const std::string expected = "of " + std::to_string(trials + 1) + " trials at this rung";
    QVERIFY2(d.reason.find(expected) != std::string::npos, d.reason.c_str());
  }

  // The median's reference at epoch 1 holds every completed trial.
  void medianCountsEveryCompletedTrial() {
    MedianPruner pruner(Direction::maximize, "val_acc", {5, 0, 1, 1});
    const int pruned = runInParallel(pruner);
    QVERIFY(pruned > 0);
    const int completed = kThreads * kTrialsPerThread - pruned;
    const PruneDecision d = pruner.report(100000, 1, 2.0);
    const std::string expected = "of " + std::to_string(completed) + " completed trials";
    QVERIFY2(d.reason.find(expected) != std::string::npos, d.reason.c_str());
  }

  void misuseIsRefused() {
    const auto pruner = makePruner({});
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, pruner->report(0, 2, 0.5));  // skips 1
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, pruner->report(-1, 1, 0.5));
    pruner->report(0, 1, 0.5);
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, pruner->report(0, 1, 0.5));  // twice
    pruner->report(0, 2, 0.5);
    pruner->finish(0, TrialOutcome::completed);
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, pruner->report(0, 3, 0.5));
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, pruner->finish(0, TrialOutcome::pruned));
    pruner->finish(1, TrialOutcome::failed);  // ended before its first epoch: fine
    // A refused first report leaves no trace: the trial can still start at epoch 1.
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, pruner->report(2, 3, 0.5));
    QVERIFY(!pruner->report(2, 1, 0.5).prune);
  }

  void noPrunerNeverPrunes() {
    PruningSettings settings;
    QCOMPARE(std::string(toString(settings.method)), std::string("none"));
    const auto pruner = makePruner(settings);
    QVERIFY(runInParallel(*pruner) == 0);
  }
};

QTEST_APPLESS_MAIN(tst_pruner_threads)
#include "tst_pruner_threads.moc"
