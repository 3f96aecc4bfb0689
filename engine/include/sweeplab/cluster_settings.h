// What a study asks of a Slurm cluster: the sbatch options of its array job, how many trials
// each array task trains, and how the Slurm commands are reached. A plain struct of its own so
// that the experiment file's `cluster:` section (sweeplab_spec) and the Slurm code
// (sweeplab_cluster, cluster/slurm_settings.h) share it without the spec depending on Slurm.
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

}  // namespace sweeplab
