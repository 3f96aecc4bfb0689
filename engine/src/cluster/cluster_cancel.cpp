#include "sweeplab/cluster/cluster_cancel.h"

#include <chrono>
#include <filesystem>
#include <set>
#include <thread>

#include "run/run_directory.h"
#include "sweeplab/cluster/cluster_record.h"
#include "sweeplab/cluster/cluster_status.h"
#include "sweeplab/cluster/slurm_tools.h"
#include "sweeplab/errors.h"
#include "sweeplab/run_folder.h"

namespace sweeplab {
namespace {

struct Target {
  std::string job;  // what scancel gets
  std::string job_id;
  int task = -1;  // -1: the whole array
};

bool stillListed(const std::string& prefix, const Target& target) {
  const ToolResult squeue =
      runSlurmTool(prefix, "squeue",
                   {"--noheader", "--array", "--jobs=" + target.job_id, "--format=%i|%T|%r|%N"});
  if (squeue.exit_code != 0) return false;  // Slurm no longer knows the job at all
  const auto tasks = parseSqueueArray(squeue.out, target.job_id);
  return target.task < 0 ? !tasks.empty() : tasks.count(target.task) > 0;
}

void waitUntilGone(const std::string& prefix, const std::vector<Target>& targets, int waitSeconds) {
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(waitSeconds);
  for (const Target& target : targets) {
    while (stillListed(prefix, target)) {
      if (std::chrono::steady_clock::now() > deadline)
        throw InputError("scancel " + target.job + ": Slurm still lists the job after " +
                         std::to_string(waitSeconds) +
                         " s; its trials are not marked cancelled (run cancel again later)");
      std::this_thread::sleep_for(std::chrono::milliseconds(250));
    }
  }
}

}  // namespace

CancelOutcome cancelClusterRun(const std::string& runDir, std::optional<int> trial,
                               const std::string& commandPrefix, int waitSeconds) {
  const ClusterRecord record = readClusterRecord(runDir);
  const std::string prefix = commandPrefix.empty() ? record.settings.command_prefix : commandPrefix;
  std::vector<Target> targets;
  std::set<int> affected;
  if (trial) {
    int task = -1;
    const SlurmSubmission* submission = record.latestFor(*trial, &task);
    if (!submission)
      throw InputError(runDir + ": trial " + std::to_string(*trial + 1) +
                       " was never submitted to Slurm (nothing to cancel)");
    targets.push_back({submission->job_id + "_" + std::to_string(task), submission->job_id, task});
    affected.insert(submission->packs[task].begin(), submission->packs[task].end());
  } else {
    for (const SlurmSubmission& submission : record.submissions) {
      targets.push_back({submission.job_id, submission.job_id, -1});
      for (const auto& pack : submission.packs) affected.insert(pack.begin(), pack.end());
    }
  }
  CancelOutcome outcome;
  for (const Target& target : targets) {
    const ToolResult result = runSlurmTool(prefix, "scancel", {target.job});
    // A job that already ended is no error: there is nothing left to stop.
    if (result.exit_code != 0 &&
        result.err.find("already completing or completed") == std::string::npos &&
        result.err.find("Invalid job id") == std::string::npos)
      throw InputError("scancel " + target.job + ": " + result.err);
    outcome.cancelled_jobs.push_back(target.job);
  }
  waitUntilGone(prefix, targets, waitSeconds);

  // Every task is gone: the trials of theirs that did not end get their record from here.
  const RunSummary summary = readRunSummary(runDir);
  for (const TrialSummary& t : summary.trials) {
    if (!affected.count(t.index) || trialHasEnded(t.status) || wasCancelled(t)) continue;
    // Only the newest submission's task holds the trial: an older job cancelled with it
    // says nothing about a trial that a resume handed on.
    int task = -1;
    const SlurmSubmission* holder = record.latestFor(t.index, &task);
    TrialSummary cancelled = t;
    cancelled.status = TrialStatus::Stopped;
    cancelled.message = std::string(kCancelledPrefix) + ": scancel of Slurm task " +
                        (holder ? holder->job_id + "_" + std::to_string(task) : "?");
    cancelled.finished_at = utcTimestamp();
    // A trial whose task never started has no folder yet.
    std::filesystem::create_directories(std::filesystem::path(runDir) / t.folder);
    writeTrialRecord(runDir, cancelled);
    outcome.cancelled_trials.push_back(t.index);
  }
  // A running trial that its task stopped on SIGTERM already says "stopped": it was cancelled.
  for (const TrialSummary& t : summary.trials) {
    if (!affected.count(t.index) || t.status != TrialStatus::Stopped || wasCancelled(t)) continue;
    TrialSummary cancelled = t;
    cancelled.message = std::string(kCancelledPrefix) + ": " + t.message;
    writeTrialRecord(runDir, cancelled);
    outcome.cancelled_trials.push_back(t.index);
  }
  return outcome;
}

}  // namespace sweeplab
