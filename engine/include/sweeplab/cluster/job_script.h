// The batch script of a study's Slurm array job. It is kept in the run folder for the record
// and can be submitted by hand: `sbatch RUNDIR/slurm/job-1.sh`.
#pragma once

#include <string>
#include <vector>

#include "sweeplab/cluster/slurm_settings.h"

namespace sweeplab {

struct JobScriptInput {
  std::string job_name;
  std::string run_dir;                  // absolute
  std::string cli_program;              // the sweeplab-cli the tasks run, absolute
  std::string log_pattern;              // sbatch --output, e.g. RUNDIR/slurm/job-1-task-%a.out
  std::vector<std::vector<int>> packs;  // trial indices (0-based) of each array task
  SlurmSettings settings;
};

// A bash script with one #SBATCH line per option (--array=0-M%P, --requeue, the partition and
// the rest), a table of the trials of each task, and the line that trains the task's trials
// into the run folder. The script's own options win over nothing: sbatch's command line is
// left empty so that the file says everything that was asked.
std::string slurmJobScript(const JobScriptInput& input);

}  // namespace sweeplab
