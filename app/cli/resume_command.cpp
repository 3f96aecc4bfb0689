// `resume RUNDIR`: finishes a sweep whose process ended early, in its own run folder, with the
// experiment as that folder recorded it. Only the trials that did not end train again.
#include <algorithm>
#include <cstdio>
#include <memory>
#include <string>

#include "cli.h"
#include "commands.h"
#include "store_option.h"
#include "sweep_session.h"
#include "sweeplab/resume.h"
#include "sweeplab/run_folder.h"
#include "sweeplab/run_store.h"

namespace sweeplab::cli {
namespace {

std::string trialNumbers(const std::vector<int>& indices) {
  std::string text;
  for (int index : indices) text += (text.empty() ? "" : ", ") + std::to_string(index + 1);
  return text;
}

std::string withoutTrailingSlashes(std::string path) {
  while (path.size() > 1 && path.back() == '/') path.pop_back();
  return path;
}

}  // namespace

int resumeCommand(const Arguments& args) {
  const std::string runDir = withoutTrailingSlashes(args.positional().at(0));
  if (runDir.empty()) throw InputError("resume: RUNDIR is empty (give a run folder)");
  if (args.has("--slurm")) return resubmitCommand(args, runDir);
  // The store catches up with the folder first (a process killed between a trial's record and
  // the store's write), so that it shows what the folder holds whether or not anything trains.
  const std::string storeWarning = indexRunFolderInStore(storePathFrom(args), runDir);
  if (!storeWarning.empty())
    std::fprintf(stderr, "sweeplab-cli: warning: %s\n", storeWarning.c_str());
  const ResumePlan plan = planResume(runDir);
  const std::size_t total = plan.previous.trials.size();
  if (plan.nothingToDo()) {
    // The owner may have been killed right after the last trial record: resume, the owner
    // again, brings summary.json up to date.
    tidyEndedRunFolder(runDir);
    const bool allFinished =
        std::all_of(plan.previous.trials.begin(), plan.previous.trials.end(),
                    [](const TrialSummary& trial) { return endedAsPlanned(trial.status); });
    const std::string line = runDir + ": nothing to resume: all " + std::to_string(total) +
                             " trials have ended (finished, pruned or diverged)\n";
    std::fwrite(line.data(), 1, line.size(), stdout);
    return allFinished ? kExitOk : kExitTrialsFailed;
  }
  if (!args.has("--quiet") && plan.rerun.empty()) {
    std::fprintf(stderr,
                 "sweeplab-cli: resuming %s: every trial had ended before its process did; "
                 "recording the end of the sweep in the run folder and the run store\n",
                 runDir.c_str());
  } else if (!args.has("--quiet")) {
    std::fprintf(stderr, "sweeplab-cli: resuming %s: %zu of %zu trials to run (%s)\n",
                 runDir.c_str(), plan.rerun.size(), total, trialNumbers(plan.rerun).c_str());
  }
  RunOptions options;
  options.resume = std::make_shared<ResumePlan>(plan);
  return trainAndReport(plan.spec, options, args, plan.rerun);
}

}  // namespace sweeplab::cli
