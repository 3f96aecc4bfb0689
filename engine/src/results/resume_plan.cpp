// planResume: reads a run folder back and sorts its trials into kept results and the ones that
// still have to run.
#include "sweeplab/resume.h"

#include <filesystem>

#include "sweeplab/errors.h"
#include "sweeplab/experiment_io.h"
#include "sweeplab/run_folder.h"
#include "sweeplab/trial.h"

namespace sweeplab {
namespace fs = std::filesystem;
namespace {

// A trial whose writer still lives (or lives on another host, where this one cannot tell).
const TrialSummary* runningTrial(const RunSummary& summary) {
  for (const TrialSummary& trial : summary.trials)
    if (trial.status == TrialStatus::Running) return &trial;
  return nullptr;
}

std::string recordName(const std::string& runDir) {
  return hasRunRecord(runDir) ? kRunRecordFileName : kSummaryFileName;
}

RunSummary queuedSummary(const ExperimentSpec& spec) {
  RunSummary summary;
  summary.experiment_name = spec.name;
  summary.experiment_file = kExperimentFileName;
  for (const TrialSpec& trial : plannedTrials(spec))
    summary.trials.push_back(trialSummaryHeader(trial, TrialStatus::Queued));
  return summary;
}

}  // namespace

bool trialNeedsRerun(TrialStatus status) {
  // A pruned trial is a result: its pruner's decision stands, as a divergence does.
  return status != TrialStatus::Finished && status != TrialStatus::Diverged &&
         status != TrialStatus::Pruned;
}

ResumePlan planResume(const std::string& runDir) {
  std::error_code error;
  if (!fs::is_directory(runDir, error))
    throw InputError(runDir +
                     ": no such folder (resume needs a run folder, the folder that "
                     "holds experiment.yaml and summary.json)");
  const std::string experimentPath = (fs::path(runDir) / kExperimentFileName).string();
  if (!fs::exists(experimentPath, error))
    throw InputError(runDir + ": not a Sweeplab run folder (it has no " + kExperimentFileName +
                     ")");
  ResumePlan plan;
  plan.run_dir = runDir;
  plan.spec = loadExperimentFile(experimentPath);
  const long long trialCount = sweeplab::trialCount(plan.spec);
  const bool recorded =
      hasRunRecord(runDir) || fs::exists(fs::path(runDir) / kSummaryFileName, error);
  plan.previous = recorded ? readRunSummary(runDir) : queuedSummary(plan.spec);
  if (const TrialSummary* running = runningTrial(plan.previous)) {
    const TrialWriter& writer = running->writer.pid > 0 ? running->writer : runOwner(plan.previous);
    throw InputError(runDir + ": the sweep is still running (process " +
                     std::to_string(writer.pid) + " on " + writer.host + " trains trial " +
                     std::to_string(running->index + 1) +
                     "); resume it once that process has ended");
  }
  for (const TrialSummary& trial : plan.previous.trials) {
    if (trial.index < 0 || trial.index >= static_cast<int>(trialCount))
      throw InputError(runDir + "/" + recordName(runDir) + ": trial index " +
                       std::to_string(trial.index) + " is not a trial of " + kExperimentFileName +
                       " (it has " + std::to_string(trialCount) + ")");
    (trialNeedsRerun(trial.status) ? plan.rerun : plan.kept).push_back(trial.index);
  }
  return plan;
}

}  // namespace sweeplab
