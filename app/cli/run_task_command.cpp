// `run-task RUNDIR --trials LIST`: what a Slurm array task runs. Trains the listed trials into a
// run folder that another process created and owns, writing only those trials' folders; a
// requeued task skips the trials that already ended with a result.
#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "cli.h"
#include "commands.h"
#include "experiment_loading.h"
#include "interrupt_watcher.h"
#include "progress_printer.h"
#include "sweeplab/experiment_io.h"
#include "sweeplab/run_folder.h"
#include "sweeplab/sweep_runner.h"

namespace sweeplab::cli {
namespace {

std::vector<int> trialIndices(const std::string& list, std::size_t trialCount) {
  std::vector<int> indices;
  std::size_t begin = 0;
  while (begin <= list.size()) {
    const std::size_t comma = std::min(list.find(',', begin), list.size());
    indices.push_back(parseTrialNumber(list.substr(begin, comma - begin), trialCount) - 1);
    begin = comma + 1;
  }
  return indices;
}

// The CPUs Slurm gave the task: trials of a pack side by side on them, not on the whole node.
int cpusOfThisTask() {
  if (const char* cpus = std::getenv("SLURM_CPUS_PER_TASK")) return std::max(1, std::atoi(cpus));
  return std::getenv("SLURM_JOB_ID") ? 1 : 0;  // Slurm's default is one CPU per task
}

}  // namespace

int runTaskCommand(const Arguments& args) {
  std::string runDir = args.positional().at(0);
  while (runDir.size() > 1 && runDir.back() == '/') runDir.pop_back();
  if (!args.has("--trials")) throw InputError("run-task: --trials is required (e.g. --trials 1,2)");
  ExperimentSpec spec = loadExperimentFile(runDir + "/" + kExperimentFileName);
  const std::vector<int> indices = trialIndices(args.value("--trials"), expandTrials(spec).size());
  if (const int cpus = cpusOfThisTask())
    spec.parallel_trials = std::min<int>(cpus, static_cast<int>(indices.size()));

  RunOptions options;
  options.task_run_dir = runDir;
  options.only_trials = indices;
  ProgressPrinter printer(stderr, args.has("--quiet"), indices);
  SweepRunner runner(spec, options, &printer);
  RunSummary summary;
  {
    // scancel, a time limit and preemption send SIGTERM first: stop at the next step, so the
    // trials' records say where they stopped.
    InterruptWatcher watcher([&] {
      printer.printLine("sweeplab-cli: stopping at the next training step");
      runner.requestStop();
    });
    summary = runner.run();
  }
  for (const TrialSummary& trial : summary.trials) {
    if (std::find(indices.begin(), indices.end(), trial.index) == indices.end()) continue;
    if (!endedAsPlanned(trial.status)) return kExitTrialsFailed;
  }
  return kExitOk;
}

}  // namespace sweeplab::cli
