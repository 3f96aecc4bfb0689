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
  RunFolderWatcher(std::string runDir, RunObserver* observer);

  // Reads the folder and reports what changed since the last poll: sweepStarted on the first,
  // then trialStarted, new metric points, progress and trialFinished per trial, and
  // sweepFinished once every trial has ended. Returns true once the run has ended. Throws
  // InputError when the folder is not a run folder; a record caught half-replaced is read
  // again at the next poll.
  bool poll();

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
  bool started_ = false;
  bool ended_ = false;
  std::map<int, int> maxEpochs_;
  std::map<int, long long> stepsPerEpoch_;
  std::map<int, TrialSeen> seen_;
  RunSummary summary_;
};

}  // namespace sweeplab
