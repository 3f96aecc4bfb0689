#include "sweeplab/cluster/cluster_submit.h"

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <set>

#include "run/run_directory.h"
#include "sweeplab/cluster/cluster_record.h"
#include "sweeplab/cluster/cluster_status.h"
#include "sweeplab/cluster/job_script.h"
#include "sweeplab/cluster/slurm_tools.h"
#include "sweeplab/dataset.h"
#include "sweeplab/experiment_io.h"
#include "sweeplab/run_folder.h"
#include "sweeplab/trial.h"

namespace sweeplab {
namespace fs = std::filesystem;
namespace {

// Before anything is written: a person without Slurm's commands learns it at once.
void checkSlurmReachable(const std::string& prefix) {
  const ToolResult version = runSlurmTool(prefix, "sbatch", {"--version"});
  if (version.exit_code != 0)
    throw InputError("sbatch --version failed: " +
                     (version.err.empty() ? version.out : version.err));
}

std::string trimmed(std::string text) {
  while (!text.empty() && (text.back() == '\n' || text.back() == ' ')) text.pop_back();
  return text;
}

// The run's facts as run.json records them. Its owner (the submitting process) ends at once:
// no writer is recorded, so the queued trials are not taken for an abandoned local run.
RunSummary clusterRunRecord(const ExperimentSpec& spec, const PreparedDataset& dataset,
                            const std::vector<TrialSpec>& trials) {
  RunSummary run;
  run.experiment_name = spec.name;
  run.experiment_file = kExperimentFileName;
  run.started_at = utcTimestamp();
  run.device = "Slurm array tasks";
  recordRunInputs(run, dataset);
  for (const TrialSpec& trial : trials)
    run.trials.push_back(trialSummaryHeader(trial, TrialStatus::Queued));
  return run;
}

// Writes job-N.sh for these trials, submits it and records the submission. Returns the job id.
std::string submitArray(const std::string& runDir, const std::string& jobName,
                        const std::vector<int>& trials, const SlurmSettings& settings,
                        const std::string& cliProgram, ClusterRecord& record) {
  const int number = static_cast<int>(record.submissions.size()) + 1;
  const std::string folder = (fs::path(runDir) / kClusterFolderName).string();
  fs::create_directories(folder);
  JobScriptInput input;
  input.job_name = jobName;
  input.run_dir = runDir;
  input.cli_program = cliProgram;
  input.log_pattern = folder + "/job-" + std::to_string(number) + "-task-%a.out";
  input.packs = packTrials(trials, trialsPerTask(settings, static_cast<int>(trials.size())));
  input.settings = settings;
  const std::string script =
      std::string(kClusterFolderName) + "/job-" + std::to_string(number) + ".sh";
  const std::string scriptPath = (fs::path(runDir) / script).string();
  writeFileAtomically(scriptPath, slurmJobScript(input));
  fs::permissions(scriptPath, fs::perms::owner_exec | fs::perms::group_exec, fs::perm_options::add);

  const ToolResult sbatch =
      runSlurmTool(settings.command_prefix, "sbatch", {"--parsable", scriptPath});
  if (sbatch.exit_code != 0) {
    fs::remove(scriptPath);
    throw SchedulerError(trimmed(sbatch.err.empty() ? sbatch.out : sbatch.err));
  }
  // --parsable prints "id" or "id;cluster".
  const std::string jobId = trimmed(sbatch.out.substr(0, sbatch.out.find(';')));
  record.settings = settings;
  record.submissions.push_back({jobId, script, utcTimestamp(), input.packs});
  writeClusterRecord(runDir, record);
  return jobId;
}

}  // namespace

Submission submitToSlurm(const SubmitRequest& request) {
  const ExperimentSpec& spec = request.spec;
  const std::vector<TrialSpec> trials = expandTrials(spec);
  checkSlurmReachable(request.settings.command_prefix);
  const std::string runDir =
      fs::absolute(createRunDirectory(request.out_dir, spec.name)).lexically_normal().string();
  try {
    saveExperimentFile(specForRunFolder(spec), runDir + "/" + kExperimentFileName);
    // Prepared once, here, into the folder's own cache: every task reads the same data and
    // none spends its time on it.
    DatasetLoadOptions load;
    load.cache_dir = (fs::path(runDir) / kRunDatasetCacheFolder).string();
    load.base_dir = fs::path(spec.source_file).parent_path().string();
    load.status = request.status;
    const auto dataset = prepareDataset(spec.dataset, load);
    writeRunRecord(runDir, clusterRunRecord(spec, *dataset, trials));

    Submission submission;
    submission.run_dir = runDir;
    for (const TrialSpec& trial : trials) submission.trials.push_back(trial.index);
    ClusterRecord record;
    submission.job_id = submitArray(runDir, "sweeplab-" + spec.name, submission.trials,
                                    request.settings, request.cli_program, record);
    submission.tasks = static_cast<int>(record.submissions.back().packs.size());
    return submission;
  } catch (...) {
    std::error_code ignored;
    fs::remove_all(runDir, ignored);
    throw;
  }
}

Submission resubmitToSlurm(const std::string& runDir, const SlurmSettings& settings,
                           const std::string& cliProgram) {
  ClusterRecord record;
  if (isClusterRun(runDir)) record = readClusterRecord(runDir);
  checkSlurmReachable(settings.command_prefix);
  static const std::set<std::string> kRerun = {"queued", "interrupted", "cancelled", "stopped",
                                               "failed"};
  Submission submission;
  submission.run_dir = runDir;
  std::vector<ClusterTrialState> states;
  if (record.empty()) {
    for (const TrialSummary& trial : readRunSummary(runDir).trials) {
      ClusterTrialState state;
      state.index = trial.index;
      state.state = toString(trial.status);
      states.push_back(state);
    }
  } else {
    states = queryClusterStates(runDir, settings.command_prefix);
  }
  for (const ClusterTrialState& state : states)
    if (kRerun.count(state.state)) submission.trials.push_back(state.index);
  if (submission.trials.empty())
    throw InputError(runDir + ": nothing to resume: every trial has ended or is still with Slurm");
  // What the last attempt left of these trials (a cancelled record, half the epochs) goes
  // now, while no task holds them, so that the folder shows them queued until a task starts.
  const RunSummary before = readRunSummary(runDir);
  for (const TrialSummary& trial : before.trials) {
    if (std::find(submission.trials.begin(), submission.trials.end(), trial.index) ==
        submission.trials.end())
      continue;
    std::error_code error;
    fs::remove_all(fs::path(runDir) / trial.folder, error);
    if (error)
      throw WriteError(runDir + "/" + trial.folder +
                       ": cannot clear the trial's folder for its "
                       "new task: " +
                       error.message());
  }
  const std::string name = loadExperimentFile(runDir + "/" + kExperimentFileName).name;
  submission.job_id =
      submitArray(runDir, "sweeplab-" + name, submission.trials, settings, cliProgram, record);
  submission.tasks = static_cast<int>(record.submissions.back().packs.size());
  return submission;
}

std::string siblingCliProgram(const std::string& programPath) {
  if (const char* chosen = std::getenv("SWEEPLAB_CLI_PROGRAM"); chosen && *chosen) return chosen;
  std::error_code error;
  const fs::path self = fs::weakly_canonical(programPath, error);
  return (self.parent_path() / "sweeplab-cli").string();
}

}  // namespace sweeplab
