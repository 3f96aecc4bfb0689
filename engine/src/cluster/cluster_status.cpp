#include "sweeplab/cluster/cluster_status.h"

#include "sweeplab/run_folder.h"

namespace sweeplab {
namespace {

bool live(const std::string& slurmState) {
  return slurmState == "RUNNING" || slurmState == "COMPLETING" || slurmState == "CONFIGURING" ||
         slurmState == "SUSPENDED" || slurmState == "STAGE_OUT";
}

// Records that no task changes any more: a task, requeued or resubmitted, skips these trials.
bool isFinal(TrialStatus status) {
  return status == TrialStatus::Finished || status == TrialStatus::Diverged ||
         status == TrialStatus::Pruned;
}

// What the record says of a trial that ended; empty while it has not.
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

// A trial whose task Slurm still lists: queued again, starting, running, or on its way out.
void fromSlurm(ClusterTrialState& state, const SlurmTaskState& task, const std::string& jobId) {
  const TrialSummary& record = state.record;
  const bool recordRunning = record.status == TrialStatus::Running;
  const std::string& s = task.state;
  if (s == "PENDING") {
    // A trial this very job trained before is back in the queue: Slurm requeued its task.
    const bool again =
        record.status != TrialStatus::Queued && record.writer.slurm_array_job_id == jobId;
    state.state = again ? "requeued" : "pending";
    state.detail = task.reason;
  } else if (live(s)) {
    // Its task runs; until the trial's record says it trains, the task loads the data or
    // trains the pack's earlier trials.
    state.state = recordRunning ? "running" : "starting";
    state.detail = task.node;
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

// A trial whose task has left the queue (without accounting to say how).
void afterItsTask(ClusterTrialState& state) {
  state.state = endedState(state.record);
  if (!state.state.empty()) {
    state.detail = state.record.message;
    return;
  }
  state.state = "interrupted";
  state.detail = state.record.status == TrialStatus::Running
                     ? "its Slurm task ended while the trial was training"
                     : "its Slurm task ended before the trial started";
}

}  // namespace

bool heldBySlurm(const ClusterTrialState& state) {
  const std::string& s = state.state;
  return s == "pending" || s == "starting" || s == "running" || s == "requeued" || s == "preempted";
}

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
    const SlurmTaskState* task = nullptr;
    if (submission) {
      const auto job = tasks.find(submission->job_id);
      if (job != tasks.end()) {
        const auto found = job->second.find(taskIndex);
        if (found != job->second.end()) task = &found->second;
      }
    }
    if (isFinal(trial.status)) {
      state.state = endedState(trial);
      state.detail = trial.message;
    } else if (task) {
      fromSlurm(state, *task, submission->job_id);
    } else if (submission) {
      afterItsTask(state);
    } else {
      state.state = trial.status == TrialStatus::Queued ? "queued" : endedState(trial);
      if (state.state.empty()) state.state = toString(trial.status);
      state.detail = trial.message;
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
