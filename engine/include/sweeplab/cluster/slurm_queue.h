// What Slurm says about the tasks of an array job: from squeue while they are queued or
// running, and from sacct afterwards where the cluster keeps accounting.
#pragma once

#include <map>
#include <string>
#include <vector>

namespace sweeplab {

struct SlurmTaskState {
  int task = -1;       // the array index
  std::string state;   // PENDING, RUNNING, COMPLETING, CANCELLED, PREEMPTED, REQUEUED...
  std::string reason;  // why it is pending ("Resources", "JobArrayTaskLimit"...)
  std::string node;    // where it runs
};

// Parses `squeue --noheader --array --format=%i|%T|%r|%N` lines of one array job. Lines of
// other jobs are ignored; a pending range ("123_[4-9%2]") gives one state per index.
std::map<int, SlurmTaskState> parseSqueueArray(const std::string& text, const std::string& jobId);
// Parses `sacct --noheader --parsable2 --format=JobID,State,NodeList,Reason` of one array job;
// job steps (123_4.batch) are skipped. State words like "CANCELLED by 0" keep their first word.
std::map<int, SlurmTaskState> parseSacctArray(const std::string& text, const std::string& jobId);

// The array's tasks as Slurm knows them now: squeue for the live ones, sacct (when it answers)
// for the ended ones. A task neither lists has left the queue without a record.
std::map<int, SlurmTaskState> queryArrayTasks(const std::string& commandPrefix,
                                              const std::string& jobId);

}  // namespace sweeplab
