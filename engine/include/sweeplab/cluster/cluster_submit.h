// Sending a study to Slurm: one array job over a run folder on a filesystem the nodes share.
// The folder is written first (experiment.yaml, run.json, the dataset prepared once into its
// own cache, the job script), then sbatch; a refusal by the scheduler removes the folder again,
// so nothing half-written is left behind.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "sweeplab/cluster/slurm_settings.h"
#include "sweeplab/errors.h"
#include "sweeplab/experiment_spec.h"

namespace sweeplab {

// sbatch (or another Slurm command) refused: what() is the scheduler's own message.
class SchedulerError : public InputError {
 public:
  using InputError::InputError;
};

struct SubmitRequest {
  ExperimentSpec spec;
  SlurmSettings settings;
  std::string out_dir = "runs";  // the run folder is created inside it
  std::string cli_program;       // the sweeplab-cli the array tasks run (absolute)
  std::function<void(const std::string&)> status;  // optional progress lines
};

struct Submission {
  std::string run_dir;  // absolute
  std::string job_id;
  std::vector<int> trials;  // indices submitted
  int tasks = 0;
};

// Throws SpecError/InputError for a study that cannot run (nothing is written), SchedulerError
// when sbatch refuses (the folder is removed), InputError when the Slurm commands are missing.
Submission submitToSlurm(const SubmitRequest& request);

// Submits the trials of a submitted (or local) run folder that did not end and that Slurm is
// not already running or holding: queued, interrupted, cancelled, stopped and failed ones.
// `settings`: the run's last settings with the caller's changes. Throws InputError when
// nothing is left to run, SchedulerError when sbatch refuses (nothing is recorded then).
Submission resubmitToSlurm(const std::string& runDir, const SlurmSettings& settings,
                           const std::string& cliProgram);

// The sweeplab-cli beside a program (the window's or the CLI's own): where the tasks find it.
// SWEEPLAB_CLI_PROGRAM, when set, names another one (an installation the nodes share).
std::string siblingCliProgram(const std::string& programPath);

}  // namespace sweeplab
