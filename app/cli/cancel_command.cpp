// `cancel RUNDIR [--trial N]`: scancel of a cluster run's array jobs, or of the task holding
// one trial; the trials they did not finish are recorded as cancelled.
#include <cstdio>
#include <optional>
#include <string>

#include "cli.h"
#include "commands.h"
#include "experiment_loading.h"
#include "slurm_options.h"
#include "sweeplab/cluster/cluster_cancel.h"
#include "sweeplab/cluster/cluster_record.h"
#include "sweeplab/run_folder.h"

namespace sweeplab::cli {

int cancelCommand(const Arguments& args) {
  std::string runDir = args.positional().at(0);
  while (runDir.size() > 1 && runDir.back() == '/') runDir.pop_back();
  if (!isClusterRun(runDir))
    throw InputError(runDir +
                     ": not a run submitted to Slurm (no slurm/submissions.json); a local run "
                     "stops with Ctrl+C or the window's Stop");
  std::optional<int> trial;
  if (args.has("--trial"))
    trial = parseTrialNumber(args.value("--trial"), readRunSummary(runDir).trials.size()) - 1;
  const CancelOutcome outcome = cancelClusterRun(runDir, trial, slurmPrefixFrom(args, ""));
  std::string jobs;
  for (const std::string& job : outcome.cancelled_jobs) jobs += (jobs.empty() ? "" : ", ") + job;
  std::string trials;
  for (int index : outcome.cancelled_trials)
    trials += (trials.empty() ? "" : ", ") + std::to_string(index + 1);
  const std::string line = runDir + ": cancelled Slurm job " + jobs + "; " +
                           (trials.empty() ? "no unfinished trial" : "trials " + trials) +
                           " marked cancelled\n";
  std::fwrite(line.data(), 1, line.size(), stdout);
  return kExitOk;
}

}  // namespace sweeplab::cli
