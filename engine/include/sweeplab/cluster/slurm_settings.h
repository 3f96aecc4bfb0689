// What a study asks of a Slurm cluster: the sbatch options of its array job, how many trials
// each array task trains, and how the Slurm commands are reached.
#pragma once

#include <string>
#include <vector>

namespace sweeplab {

struct SlurmSettings {
  std::string partition;  // empty: the cluster's default partition
  std::string account;
  std::string qos;
  std::string time;                      // sbatch's time limit per array task, e.g. "0-01:00:00"
  std::string mem;                       // sbatch's --mem per task, e.g. "4G"
  int cpus_per_task = 0;                 // 0: sbatch's default (one CPU)
  int gpus_per_task = 0;                 // 0: none asked for
  int array_parallelism = 0;             // the array's %limit; 0: as many at a time as Slurm allows
  int trials_per_task = 0;               // 0: chosen from the study's size (see trialsPerTask)
  std::vector<std::string> sbatch_args;  // passed to sbatch as they are, after the others
  // Words put before every Slurm command, for a workstation that reaches the cluster through
  // another machine: "ssh login.cluster.example". Empty: the commands run here, found on PATH.
  std::string command_prefix;
};

// Trials per array task: the setting when given; otherwise one trial per task up to 100
// trials, and above that as many as keep the array at about 100 tasks, so that a 1,000-trial
// study is 100 scheduler jobs rather than 1,000.
int trialsPerTask(const SlurmSettings& settings, int trials);

// The trials of each array task, in order: task t trains packs[t].
std::vector<std::vector<int>> packTrials(const std::vector<int>& trials, int perTask);

}  // namespace sweeplab
