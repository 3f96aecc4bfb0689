// Watching a run that other processes train (array tasks on a cluster's nodes): each poll reads
// the run folder's records and reports what changed as the same observer events a local sweep
// sends, so the window and the CLI show a cluster run exactly as a local one. Polled rather
// than notified, since inotify does not see writes made on other NFS clients.
#pragma once

#include <map>
#include <string>

#include "sweeplab/run_observer.h"

namespace sweeplab {

class RunFolderWatcher {
 public:
  // `observer` must outlive the watcher. Nothing is read before the first poll().
  // `endsByItself`: poll() reports the run's end once every trial's record has ended; a caller
  // that knows better (the cluster follower: a requeued trial's record says "stopped" until
  // its task trains it again) passes false and calls endNow().
  RunFolderWatcher(std::string runDir, RunObserver* observer, bool endsByItself = true);

  // Reads the folder and reports what changed since the last poll: sweepStarted on the first,
  // then trialStarted, new metric points, progress and trialFinished per trial, and
  // sweepFinished once every trial has ended. Returns true once every trial has ended. Throws
  // InputError when the folder is not a run folder; a record caught half-replaced is read
  // again at the next poll.
  bool poll();

  // Reports the run's end now, with the records as the last poll read them: for a run that no
  // process will write any more (Slurm holds none of its trials), though some never ended.
  void endNow();

  const RunSummary& summary() const { return summary_; }

 private:
  struct TrialSeen {
    TrialStatus status = TrialStatus::Queued;
    size_t points = 0;            // metric points reported so far
    long long metricsStamp = -1;  // size and time of metrics.csv when last read
  };

  void start();
  void reportTrial(const TrialSummary& trial);

  std::string runDir_;
  RunObserver* observer_;
  bool endsByItself_ = true;
  bool started_ = false;
  bool ended_ = false;
  std::map<int, int> maxEpochs_;
  std::map<int, long long> stepsPerEpoch_;
  std::map<int, TrialSeen> seen_;
  RunSummary summary_;
};

}  // namespace sweeplab
