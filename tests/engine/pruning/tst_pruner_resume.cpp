// Resume: a pruner rebuilt from the trials that had ended makes the same decisions as the one
// that saw the whole sweep, for the median rule and ASHA, with one trial at a time and with
// interleaved trials. The reports come from a small simulated sweep: scripted curves (some NaN,
// some trials failing), workers taking trials in order, a pruned trial ending at once.
#include <QtTest>

#include <algorithm>
#include <cmath>
#include <functional>
#include <memory>
#include <random>
#include <set>

#include "sweeplab/pruning/make_pruner.h"

using namespace sweeplab::pruning;

namespace {

struct Event {
  int trial = 0;
  int epoch = 0;  // 0: the trial ends with `outcome`
  double value = 0;
  TrialOutcome outcome = TrialOutcome::completed;
};

// Curves that rise towards a ceiling drawn per trial, with noise; trial 5 is NaN from epoch 3,
// trial 9 fails after epoch 2.
std::vector<std::vector<double>> scriptedCurves(int trials, int epochs) {
  std::mt19937 random(14);
  std::vector<std::vector<double>> curves(trials);
  for (int t = 0; t < trials; ++t) {
    const double ceiling = 0.5 + 0.4 * (random() % 1000) / 1000.0;
    for (int e = 1; e <= epochs; ++e) {
      const double noise = 0.02 * ((random() % 1000) / 1000.0 - 0.5);
      curves[t].push_back(ceiling * (1 - std::exp(-0.5 * e)) + noise);
      if (t == 5 && e >= 3) curves[t].back() = std::nan("");
    }
  }
  return curves;
}

// The events a sweep with `workers` parallel slots produces: each round, every busy worker
// finishes one epoch (workers in order); a pruned trial ends there and its worker takes the next
// trial in the following round.
std::vector<Event> simulateSweep(Pruner& pruner, const std::vector<std::vector<double>>& curves,
                                 int workers) {
  std::vector<Event> events;
  std::vector<int> running(workers, -1), epoch(workers, 0);
  int next = 0;
  const int trials = static_cast<int>(curves.size());
  while (true) {
    bool busy = false;
    for (int w = 0; w < workers; ++w) {
      if (running[w] < 0 && next < trials) running[w] = next++, epoch[w] = 0;
      if (running[w] < 0) continue;
      busy = true;
      const int t = running[w];
      const int e = ++epoch[w];
      const double value = curves[t][e - 1];
      events.push_back({t, e, value});
      const bool pruned = pruner.report(t, e, value).prune;
      TrialOutcome end = TrialOutcome::completed;
      bool ends = e == static_cast<int>(curves[t].size());
      if (pruned) end = TrialOutcome::pruned, ends = true;
      if (t == 9 && e == 2) end = TrialOutcome::failed, ends = true;
      if (ends) {
        events.push_back({t, 0, 0, end});
        pruner.finish(t, end);
        running[w] = -1;
      }
    }
    if (!busy) return events;
  }
}

// Feeds events, returning each report's decision.
std::vector<bool> feed(Pruner& pruner, const std::vector<Event>& events) {
  std::vector<bool> decisions;
  for (const Event& e : events) {
    if (e.epoch == 0) {
      pruner.finish(e.trial, e.outcome);
    } else {
      decisions.push_back(pruner.report(e.trial, e.epoch, e.value).prune);
    }
  }
  return decisions;
}

// The records a run folder holds when the process stops after `cut` events: the ended trials'
// values, in an order that is not the order they ended in.
std::vector<TrialRecord> endedRecords(const std::vector<Event>& events, size_t cut) {
  std::map<int, TrialRecord> records;
  std::set<int> ended;
  for (size_t i = 0; i < cut; ++i) {
    const Event& e = events[i];
    records[e.trial].trial = e.trial;
    if (e.epoch == 0) {
      ended.insert(e.trial);
      records[e.trial].outcome = e.outcome;
    } else {
      records[e.trial].values.push_back(e.value);
    }
  }
  std::vector<TrialRecord> kept;
  for (auto& [trial, record] : records) {
    if (ended.count(trial) > 0) kept.push_back(record);
  }
  std::reverse(kept.begin(), kept.end());
  return kept;
}

std::vector<PruningSettings> rules() {
  PruningSettings median;
  median.method = PruningMethod::median;
  median.median = {3, 1, 1, 1};
  PruningSettings asha;
  asha.method = PruningMethod::asha;
  asha.asha = {1, 3, 0};
  PruningSettings ashaMinimize = asha;
  ashaMinimize.direction = Direction::minimize;
  return {median, asha, ashaMinimize};
}

}  // namespace

class tst_pruner_resume : public QObject {
  Q_OBJECT

 private Q_SLOTS:
  // One trial at a time: stopping between any two trials and resuming (the unfinished trial
  // trains again from epoch 1) repeats the uninterrupted sweep's decisions exactly.
  void sequentialResumeRepeatsTheDecisions() {
    const auto curves = scriptedCurves(20, 10);
    for (const PruningSettings& settings : rules()) {
      const auto live = makePruner(settings);
      const std::vector<Event> events = simulateSweep(*live, curves, 1);
      const std::vector<bool> liveDecisions = feed(*makePruner(settings), events);
      int resumes = 0, prunedAfterResume = 0;
      for (size_t cut = 0; cut <= events.size(); ++cut) {
        // Cut anywhere: the trial that was running starts over, so its reports before the cut
        // are replayed after it; the events from that trial's start on form the rest.
        size_t restart = cut;
        const std::vector<TrialRecord> ended = endedRecords(events, cut);
        std::set<int> endedTrials;
        for (const TrialRecord& r : ended) endedTrials.insert(r.trial);
        while (restart > 0 && endedTrials.count(events[restart - 1].trial) == 0) --restart;
        const auto resumed = makePruner(settings);
        resumed->restore(ended);
        const std::vector<Event> rest(events.begin() + restart, events.end());
        const std::vector<bool> decisions = feed(*resumed, rest);
        const size_t reportsBefore = std::count_if(events.begin(), events.begin() + restart,
                                                   [](const Event& e) { return e.epoch > 0; });
        const std::vector<bool> expected(liveDecisions.begin() + reportsBefore,
                                         liveDecisions.end());
        QCOMPARE(decisions, expected);
        ++resumes;
        prunedAfterResume += static_cast<int>(std::count(decisions.begin(), decisions.end(), true));
      }
      QVERIFY(resumes > 50);
      QVERIFY(prunedAfterResume > 0);  // the comparison covered prune decisions
    }
  }

  // Interleaved trials: at any cut, a resumed sweep whose remaining reports arrive in the order
  // the uninterrupted sweep would have seen them after the ended trials decides the same. That
  // uninterrupted sweep is the same events with the ended trials' moved to the front.
  void interleavedResumeRepeatsTheDecisions() {
    const auto curves = scriptedCurves(24, 9);
    for (const PruningSettings& settings : rules()) {
      const std::vector<Event> events = simulateSweep(*makePruner(settings), curves, 3);
      for (size_t cut = 0; cut <= events.size(); cut += 3) {
        const std::vector<TrialRecord> ended = endedRecords(events, cut);
        std::set<int> endedTrials;
        for (const TrialRecord& r : ended) endedTrials.insert(r.trial);
        std::vector<Event> front, rest;
        for (const Event& e : events) (endedTrials.count(e.trial) ? front : rest).push_back(e);

        const auto uninterrupted = makePruner(settings);
        feed(*uninterrupted, front);
        const std::vector<bool> expected = feed(*uninterrupted, rest);
        const auto resumed = makePruner(settings);
        resumed->restore(ended);
        QCOMPARE(feed(*resumed, rest), expected);
      }
    }
  }

  // The simulated sweeps prune some trials and complete others: otherwise the comparisons above
  // would say little.
  void simulatedSweepsPrune() {
    const auto curves = scriptedCurves(24, 9);
    for (const PruningSettings& settings : rules()) {
      const auto pruner = makePruner(settings);
      const std::vector<Event> events = simulateSweep(*pruner, curves, 3);
      const auto pruned = std::count_if(events.begin(), events.end(), [](const Event& e) {
        return e.epoch == 0 && e.outcome == TrialOutcome::pruned;
      });
      QVERIFY2(pruned >= 3, toString(settings.method));
      QVERIFY2(pruned < 24, toString(settings.method));  // and some completed
    }
  }

  // restore() replaces what the pruner had seen, not adds to it.
  void restoreReplacesEarlierState() {
    PruningSettings settings;
    settings.method = PruningMethod::asha;
    const auto pruner = makePruner(settings);
    pruner->report(0, 1, 0.9);
    pruner->restore({{1, {0.5}, TrialOutcome::pruned}});
    QVERIFY(!pruner->report(2, 1, 0.6).prune);  // n=2: best 0.6 (0.9 is forgotten)
    QVERIFY(pruner->report(0, 1, 0.1).prune);   // trial 0 starts over: n=3, best 0.6
  }

  void restoreRejectsDuplicates() {
    const auto pruner = makePruner({});
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument,
                             pruner->restore({{1, {0.5}, TrialOutcome::completed},
                                              {1, {0.5}, TrialOutcome::completed}}));
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument,
                             pruner->restore({{-1, {0.5}, TrialOutcome::completed}}));
  }
};

QTEST_APPLESS_MAIN(tst_pruner_resume)
#include "tst_pruner_resume.moc"
