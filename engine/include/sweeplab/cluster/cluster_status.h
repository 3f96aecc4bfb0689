// The state of each trial of a cluster run, from two witnesses: the trial records in the run
// folder, which win once a trial has ended, and Slurm's view of the array task that holds it
// (pending with a reason, running on a node, requeued, preempted, cancelled, gone).
#pragma once

#include <map>
#include <string>
#include <vector>

#include "sweeplab/cluster/cluster_record.h"
#include "sweeplab/cluster/slurm_queue.h"
#include "sweeplab/metrics.h"

namespace sweeplab {

struct ClusterTrialState {
  int index = 0;
  // queued (never submitted), pending, starting (its task runs, the trial not yet), running,
  // finished, failed, diverged, stopped, pruned, cancelled, preempted, requeued or interrupted
  std::string state;
  std::string detail;  // the pending reason, the node, the failure's message
  std::string job;     // "123_4": the array task that holds it; empty when not submitted
  TrialSummary record;
};

// Slurm's tasks of each job id of the record.
using ArrayTasksByJob = std::map<std::string, std::map<int, SlurmTaskState>>;

// Merges the records (`summary`, as readRunSummary gives it) with Slurm's view (`tasks`).
std::vector<ClusterTrialState> mergeClusterStates(const RunSummary& summary,
                                                  const ClusterRecord& record,
                                                  const ArrayTasksByJob& tasks);

// Asks Slurm about every job of the record (through its command prefix, or `commandPrefix`
// when not empty) and merges. Throws InputError when the folder is not a cluster run.
std::vector<ClusterTrialState> queryClusterStates(const std::string& runDir,
                                                  const std::string& commandPrefix = "");

// Whether Slurm still holds the trial (pending, starting, running, requeued, preempted): some
// task may still write its record.
bool heldBySlurm(const ClusterTrialState& state);

// Whether a trial record's "cancelled" message says it was cancelled rather than stopped.
bool wasCancelled(const TrialSummary& trial);
inline constexpr const char* kCancelledPrefix = "cancelled";

}  // namespace sweeplab
