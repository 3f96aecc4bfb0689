// `resume RUNDIR --slurm`: the trials of a run that did not end (cancelled, killed, failed,
// never submitted) go to Slurm again as a new array job over the same folder, with the run's
// last Slurm settings changed by the options given.
#include <cstdio>
#include <string>

#include "cli.h"
#include "commands.h"
#include "slurm_options.h"
#include "sweeplab/cluster/cluster_record.h"
#include "sweeplab/cluster/cluster_submit.h"

namespace sweeplab::cli {

int resubmitCommand(const Arguments& args, const std::string& runDir) {
  const SlurmSettings before =
      isClusterRun(runDir) ? readClusterRecord(runDir).settings : SlurmSettings{};
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
