#include "sweeplab/cluster/cluster_follower.h"

#include <algorithm>
#include <optional>

#include "sweeplab/cluster/cluster_cancel.h"
#include "sweeplab/cluster/cluster_record.h"
#include "sweeplab/cluster/run_folder_watcher.h"

namespace sweeplab {
namespace {

bool anyHeldBySlurm(const std::vector<ClusterTrialState>& states) {
  return std::any_of(states.begin(), states.end(), heldBySlurm);
}

}  // namespace

ClusterRunFollower::ClusterRunFollower(FollowRequest request) : request_(std::move(request)) {}

std::string ClusterRunFollower::runDirectory() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return runDir_;
}

void ClusterRunFollower::cancel() {
  std::lock_guard<std::mutex> lock(mutex_);
  cancelRun_ = true;
  wake_.notify_all();
}

void ClusterRunFollower::cancelTrial(int index) {
  std::lock_guard<std::mutex> lock(mutex_);
  cancelTrials_.push_back(index);
  wake_.notify_all();
}

void ClusterRunFollower::waitForNextPoll() {
  std::unique_lock<std::mutex> lock(mutex_);
  wake_.wait_for(lock, request_.interval, [this] { return cancelRun_ || !cancelTrials_.empty(); });
}

void ClusterRunFollower::runCancellations(RunObserver& observer) {
  bool all = false;
  std::vector<int> trials;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    all = cancelRun_;
    trials.swap(cancelTrials_);
    cancelRun_ = false;
  }
  const std::string prefix =
      request_.resubmit ? request_.resubmit->command_prefix
                        : (request_.submit ? request_.submit->settings.command_prefix : "");
  try {
    if (all) {
      observer.status("cancelling the run's Slurm jobs (scancel)");
      cancelClusterRun(runDir_, std::nullopt, prefix);
    }
    for (int index : trials) {
      if (all) break;
      observer.status("cancelling the Slurm task of trial " + std::to_string(index + 1));
      cancelClusterRun(runDir_, index, prefix);
    }
  } catch (const std::exception& error) {
    observer.status(std::string("warning: ") + error.what());
  }
}

RunSummary ClusterRunFollower::follow(RunObserver& observer) {
  std::string runDir = request_.run_dir;
  if (request_.submit) {
    const Submission submitted = submitToSlurm(*request_.submit);
    runDir = submitted.run_dir;
    observer.status("submitted Slurm job " + submitted.job_id + ": " +
                    std::to_string(submitted.trials.size()) + " trials in " +
                    std::to_string(submitted.tasks) + " array tasks");
  } else if (request_.resubmit) {
    const Submission submitted = resubmitToSlurm(runDir, *request_.resubmit, request_.cli_program);
    observer.status("resubmitted " + std::to_string(submitted.trials.size()) +
                    " trials as Slurm job " + submitted.job_id);
  }
  {
    std::lock_guard<std::mutex> lock(mutex_);
    runDir_ = runDir;
  }
  RunFolderWatcher watcher(runDir, &observer, /*endsByItself=*/false);
  const bool cluster = isClusterRun(runDir);
  const std::string prefix = cluster ? readClusterRecord(runDir).settings.command_prefix : "";
  for (;;) {
    runCancellations(observer);
    // Slurm decides when a cluster run is over: once it holds none of its trials, no process
    // will write the folder again; until then a record that says "stopped" may be a requeued
    // task's, about to train again. Slurm is asked first and the records read after, so a
    // task that left the queue has written its last record before it is read.
    std::optional<bool> held;
    if (cluster) {
      try {
        const std::vector<ClusterTrialState> states = queryClusterStates(runDir, prefix);
        held = anyHeldBySlurm(states);
        if (request_.on_states) request_.on_states(states);
      } catch (const std::exception& error) {
        observer.status(std::string("warning: Slurm's view of the run: ") + error.what());
      }
    }
    const bool allEnded = watcher.poll();
    if (held ? !*held : allEnded) {
      if (!allEnded)
        observer.status(
            "Slurm holds none of the run's unfinished trials any more; Resume submits them "
            "again");
      watcher.endNow();
      return watcher.summary();
    }
    waitForNextPoll();
  }
}

}  // namespace sweeplab
