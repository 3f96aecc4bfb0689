#include "sweeplab/cluster/cluster_status.h"

#include "sweeplab/run_folder.h"

namespace sweeplab {
namespace {

bool live(const std::string& slurmState) {
  return slurmState == "RUNNING" || slurmState == "COMPLETING" || slurmState == "CONFIGURING" ||
         slurmState == "SUSPENDED" || slurmState == "STAGE_OUT";
}

// What the record says once the trial has ended; empty while it has not.
std::string endedState(const TrialSummary& trial) {
  switch (trial.status) {
    case TrialStatus::Queued:
    case TrialStatus::Running:
    case TrialStatus::Interrupted:
      return "";
    case TrialStatus::Stopped:
      return wasCancelled(trial) ? "cancelled" : "stopped";
    default:
      return toString(trial.status);
  }
}

// A trial that has not ended, by what Slurm says of its task.
void fromSlurm(ClusterTrialState& state, const SlurmTaskState* task) {
  const bool recordRunning = state.record.status == TrialStatus::Running;
  if (!task) {
    // The task left the queue (and there is no accounting to say how) before the trial ended.
    state.state = "interrupted";
    state.detail = recordRunning ? "its Slurm task ended while the trial was training"
                                 : "its Slurm task ended before the trial started";
    return;
  }
  const std::string& s = task->state;
  if (s == "PENDING") {
    state.state = task->restarts > 0 ? "requeued" : "pending";
    state.detail = task->reason;
  } else if (live(s)) {
    // Its task runs; until the trial's record says it trains, the task loads the data or
    // trains the pack's earlier trials.
    state.state = recordRunning ? "running" : "starting";
    state.detail = task->node;
  } else if (s.rfind("REQUEUE", 0) == 0) {
    state.state = "requeued";
  } else if (s == "PREEMPTED") {
    state.state = "preempted";
  } else if (s == "CANCELLED") {
    state.state = "cancelled";
  } else {
    state.state = s == "COMPLETED" ? "interrupted" : "failed";
    state.detail = "its Slurm task ended " + s;
  }
}

}  // namespace

bool wasCancelled(const TrialSummary& trial) {
  return trial.status == TrialStatus::Stopped && trial.message.rfind(kCancelledPrefix, 0) == 0;
}

std::vector<ClusterTrialState> mergeClusterStates(const RunSummary& summary,
                                                  const ClusterRecord& record,
                                                  const ArrayTasksByJob& tasks) {
  std::vector<ClusterTrialState> states;
  for (const TrialSummary& trial : summary.trials) {
    ClusterTrialState state;
    state.index = trial.index;
    state.record = trial;
    int taskIndex = -1;
    const SlurmSubmission* submission = record.latestFor(trial.index, &taskIndex);
    if (submission) state.job = submission->job_id + "_" + std::to_string(taskIndex);
    state.state = endedState(trial);
    if (!state.state.empty()) {
      state.detail = trial.message;
    } else if (!submission) {
      state.state = "queued";
    } else {
      const SlurmTaskState* task = nullptr;
      const auto job = tasks.find(submission->job_id);
      if (job != tasks.end()) {
        const auto found = job->second.find(taskIndex);
        if (found != job->second.end()) task = &found->second;
      }
      fromSlurm(state, task);
    }
    states.push_back(std::move(state));
  }
  return states;
}

std::vector<ClusterTrialState> queryClusterStates(const std::string& runDir,
                                                  const std::string& commandPrefix) {
  const ClusterRecord record = readClusterRecord(runDir);
  const std::string prefix = commandPrefix.empty() ? record.settings.command_prefix : commandPrefix;
  // Slurm first, the records after: a task that has left the queue wrote its records before
  // it did, so a trial still "running" in a record read later was truly cut short.
  ArrayTasksByJob tasks;
  for (const SlurmSubmission& submission : record.submissions)
    tasks[submission.job_id] = queryArrayTasks(prefix, submission.job_id);
  const RunSummary summary = readRunSummary(runDir);
  return mergeClusterStates(summary, record, tasks);
}

}  // namespace sweeplab
