// Pruning: stopping a trial at an epoch end when its validation metric says it will not be among
// the good ones, so that its worker can start the next trial. A Pruner sees every trial's value
// of one metric at each epoch end and answers "prune" or "continue"; median_pruner.h and
// asha_pruner.h hold the rules, make_pruner.h builds one from settings.
//
// Threads: trials train in parallel, so report(), finish() and restore() may be called from any
// thread at any time; one mutex orders them, and each decision sees every report and end that
// came before it.
//
// Order and resume: a decision depends on what the pruner had seen when the report arrived (which
// trials had completed, which values had reached an ASHA rung). With parallel trials that order
// is a matter of timing, so two runs of the same study may prune differently; with one trial at a
// time it is fixed by the trial order. restore() rebuilds the state from the trials that had
// ended when a sweep stopped. That state depends only on which trials ended and their values, not
// on the order they ended in. Trials that had not ended are left out: resume trains them again
// from epoch 1 and they report afresh. So a resumed sweep makes the same decisions as the
// uninterrupted one whenever its reports and ends arrive in the same order after the restore as
// they would have without the interruption; with one trial at a time, always.
#pragma once

#include <map>
#include <mutex>
#include <string>
#include <vector>

namespace sweeplab::pruning {

enum class Direction { maximize, minimize };
const char* toString(Direction direction);

struct PruneDecision {
  bool prune = false;
  std::string reason;  // why, either way: "epoch 3: warm-up (pruning starts after epoch 4)"
};

// How a trial ended, as the pruner needs to know it. Only completed trials are the median's
// reference (as Optuna's COMPLETE state); a trial that was stopped by the pruner, diverged
// (Optuna marks a NaN objective FAIL) or failed is not. ASHA counts every trial that reached a
// rung, whatever became of it later.
enum class TrialOutcome { completed, pruned, failed };

// One ended trial as recorded, for restore(): its value at every epoch it finished, in order.
struct TrialRecord {
  int trial = 0;
  std::vector<double> values;  // values[e - 1] was reported at the end of epoch e
  TrialOutcome outcome = TrialOutcome::completed;
};

class Pruner {
 public:
  Pruner(const Pruner&) = delete;
  Pruner& operator=(const Pruner&) = delete;
  virtual ~Pruner() = default;

  // The metric's value at the end of `epoch` of `trial`. Epochs count from 1 and every epoch is
  // reported, in order, so that a trial's record (TrialRecord::values) replays it exactly. NaN is
  // a value (a diverged metric), pruned as Optuna prunes it. Throws std::invalid_argument for a
  // negative trial index, an epoch other than the trial's next one, or a trial that has ended.
  PruneDecision report(int trial, int epoch, double value);

  // The trial ended; it reports no more. A trial may end before its first report (it failed to
  // start). Throws std::invalid_argument for a trial that ended before.
  void finish(int trial, TrialOutcome outcome);

  // Replaces everything seen so far with the ended trials of a sweep being resumed. Throws
  // std::invalid_argument when a trial appears twice or has a negative index.
  void restore(const std::vector<TrialRecord>& ended);

  Direction direction() const { return direction_; }
  const std::string& metric() const { return metric_; }

 protected:
  // `metric` names the value in the reasons ("val_acc").
  Pruner(Direction direction, std::string metric);

  struct TrialProgress {
    std::vector<double> values;  // values[e - 1]: epoch e
    bool ended = false;
    TrialOutcome outcome = TrialOutcome::completed;  // meaningful once ended
  };
  using Trials = std::map<int, TrialProgress>;

  // Called with the lock held, once `trials` holds the new value as the trial's last.
  virtual PruneDecision decide(const Trials& trials, int trial, int epoch, double value) = 0;
  // restore() clears the rule's own state, then replays each ended trial (lock held).
  virtual void clearRuleState() {}
  virtual void replayRecord(int trial, const std::vector<double>& values) {
    (void)trial;
    (void)values;
  }

  // True when `a` is strictly better than `b` in the pruner's direction.
  bool better(double a, double b) const;
  // "val_acc 0.6120": the metric and a value, for reasons.
  std::string describe(double value) const;

 private:
  const Direction direction_;
  const std::string metric_;
  std::mutex mutex_;
  Trials trials_;
};

// method: none. Never prunes; keeps the runner's code the same with and without pruning.
class NoPruner : public Pruner {
 public:
  explicit NoPruner(Direction direction = Direction::maximize, std::string metric = "value");

 protected:
  PruneDecision decide(const Trials& trials, int trial, int epoch, double value) override;
};

}  // namespace sweeplab::pruning
