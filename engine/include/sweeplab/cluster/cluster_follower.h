// Following a cluster run from the person's machine: optionally submit (or resubmit) it, then
// poll its run folder and Slurm until every trial has ended, reporting through a RunObserver
// exactly as a local sweep does. Cancelling the run or one trial is asked from any thread and
// done on the following thread, between polls. The window runs this on its worker thread.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "sweeplab/cluster/cluster_status.h"
#include "sweeplab/cluster/cluster_submit.h"
#include "sweeplab/run_observer.h"

namespace sweeplab {

struct FollowRequest {
  std::optional<SubmitRequest> submit;       // set: submit this study first
  std::string run_dir;                       // otherwise: follow (or resubmit) this run folder
  std::optional<SlurmSettings> resubmit;     // set with run_dir: resubmit its unfinished trials
  std::string cli_program;                   // the sweeplab-cli a resubmission's tasks run
  std::chrono::milliseconds interval{2000};  // between polls; inotify cannot see NFS writes
  // Slurm's view of each trial after each poll (pending and why, running where).
  std::function<void(const std::vector<ClusterTrialState>&)> on_states;
};

class ClusterRunFollower {
 public:
  explicit ClusterRunFollower(FollowRequest request);

  // Blocks until every trial has ended (or cancel was asked and Slurm has ended the tasks).
  // Throws what submitting throws (SchedulerError, SpecError, InputError).
  RunSummary follow(RunObserver& observer);

  // Thread-safe; the following thread runs scancel at its next poll.
  void cancel();
  void cancelTrial(int index);

  std::string runDirectory() const;

 private:
  void waitForNextPoll();
  void runCancellations(RunObserver& observer);

  FollowRequest request_;
  mutable std::mutex mutex_;
  std::condition_variable wake_;
  bool cancelRun_ = false;
  std::vector<int> cancelTrials_;
  std::string runDir_;
};

}  // namespace sweeplab
