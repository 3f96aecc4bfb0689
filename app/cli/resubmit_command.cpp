// `resume RUNDIR --slurm`: the trials of a run that did not end (cancelled, killed, failed,
// never submitted) go to Slurm again as a new array job over the same folder, with the run's
// last Slurm settings (or a local run's cluster: section) changed by the options given.
#include <cstdio>
#include <filesystem>
#include <string>

#include "cli.h"
#include "commands.h"
#include "slurm_options.h"
#include "sweeplab/cluster/cluster_record.h"
#include "sweeplab/cluster/cluster_submit.h"
#include "sweeplab/experiment_io.h"
#include "sweeplab/run_folder.h"

namespace sweeplab::cli {
namespace {

// A submitted run's last settings already hold its file's cluster: section; a local run starts
// from the section of the experiment it recorded (a folder without one is refused further on,
// by resubmitToSlurm, with its own message).
SlurmSettings settingsBefore(const std::string& runDir) {
  if (isClusterRun(runDir)) return readClusterRecord(runDir).settings;
  const std::string experiment = runDir + "/" + kExperimentFileName;
  std::error_code error;
  if (!std::filesystem::is_regular_file(experiment, error)) return {};
  return loadExperimentFile(experiment).cluster;
}

}  // namespace

int resubmitCommand(const Arguments& args, const std::string& runDir) {
  const SlurmSettings before = settingsBefore(runDir);
  const Submission submission =
      resubmitToSlurm(runDir, slurmSettingsFrom(args, before), siblingCliProgram("/proc/self/exe"));
  std::string trials;
  for (int index : submission.trials)
    trials += (trials.empty() ? "" : ", ") + std::to_string(index + 1);
  const std::string text = "Submitted Slurm job " + submission.job_id + ": trials " + trials +
                           " in " + std::to_string(submission.tasks) + " array tasks\n" +
                           "Run folder: " + runDir + "\n";
  std::fwrite(text.data(), 1, text.size(), stdout);
  return kExitOk;
}

}  // namespace sweeplab::cli
