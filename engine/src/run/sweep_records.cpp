// What the run folder records and when: the run's facts before any trial trains, each trial's
// record when it starts and ends (written by the thread training it), the derived summary.json
// after trial ends (at a bounded cost) and at the sweep's end, and what a sweep that ended on an
// error leaves.
#include <algorithm>
#include <filesystem>

#include "run/run_directory.h"
#include "run/sweep_runner_impl.h"
#include "sweeplab/errors.h"
#include "sweeplab/experiment_io.h"
#include "sweeplab/run_folder.h"
#include "sweeplab/runtime_info.h"

namespace sweeplab {
namespace fs = std::filesystem;

namespace {

// Trials that train later or elsewhere must see the data the first ones saw, or the sweep
// compares apples and pears.
void checkSameDataset(const std::string& runDir, const RunSummary& before,
                      const PreparedDataset& dataset) {
  const std::string& fingerprint = before.dataset_fingerprint;
  if (fingerprint.empty() || fingerprint == dataset.fingerprint) return;
  throw InputError(runDir + ": the dataset has changed since the sweep started (" + fingerprint +
                   " then, " + dataset.fingerprint +
                   " now): the remaining trials would not be comparable; start a new run instead");
}

bool contains(const std::vector<int>& list, int value) {
  return std::find(list.begin(), list.end(), value) != list.end();
}

}  // namespace

// New run: every trial (or only_trials). Resume: the plan's rerun trials. Task: its trials
// whose record does not hold a result yet.
std::vector<int> SweepRunner::Impl::selectedTrials() const {
  std::vector<int> selected;
  for (const TrialSpec& trial : trials) {
    if (options.resume && !contains(options.resume->rerun, trial.index)) continue;
    if (!options.only_trials.empty() && !contains(options.only_trials, trial.index)) continue;
    if (taskMode() && !trialNeedsRerun(slot(trial.index).status)) continue;
    selected.push_back(trial.index);
  }
  return selected;
}

TrialSummary& SweepRunner::Impl::slot(int index) {
  for (TrialSummary& trial : summary.trials)
    if (trial.index == index) return trial;
  throw InputError(runDir + ": trial " + std::to_string(index + 1) + " is not in " +
                   kRunRecordFileName);
}

// What the trial folder holds of a run that never ended goes, so nothing of the killed run
// (a checkpoint of half the epochs) can pass for a result of the new one.
void SweepRunner::Impl::clearUnfinishedTrialFolder(const TrialSpec& trial) {
  std::error_code error;
  fs::remove_all(fs::path(runDir) / trial.folderName(), error);
  if (error)
    throw WriteError(runDir + "/" + trial.folderName() +
                     ": cannot clear the unfinished trial's folder: " + error.message());
}

// The trial's record says it runs, who runs it and with which group, before anything of it is
// written.
void SweepRunner::Impl::markRunning(int index, int group) {
  std::lock_guard<std::mutex> lock(observerMutex);
  TrialSummary& trial = slot(index);
  trial = trialSummaryHeader(trials[index], TrialStatus::Running);
  trial.group = group;
  trial.started_at = utcTimestamp();
  trial.writer = currentTrialWriter();
  if (!runDir.empty()) {
    fs::create_directories(fs::path(runDir) / trial.folder);
    writeTrialRecord(runDir, trial);
  }
  if (observer) observer->trialStarted(index);
}

// summary.json, derived from the records; only the owner writes it.
void SweepRunner::Impl::writeDerivedSummary() {
  if (ownsRun()) writeRunSummary(runDir, readRunSummary(runDir));
}

// summary.json after a trial's end. Deriving it reads every trial's record, so over a run its
// cost grows with the square of the trials: a thousand trials ending in groups spent a minute
// of a worker's time on it, holding the lock every worker reports through. The records are the
// run's truth (status, resume and the run store read them) and the sweep's end writes the
// summary in full, so here it is rewritten only when the last rewrite took under a tenth of the
// time since: for a few trials after every end, for a thousand about once per group's end. An
// end left out is caught up by the next epoch's progress of any trial or the next batch taken.
void SweepRunner::Impl::refreshDerivedSummary() {
  const auto start = std::chrono::steady_clock::now();
  if (start < nextSummaryRefresh) {
    summaryBehind = true;
    return;
  }
  writeDerivedSummary();
  summaryBehind = false;
  nextSummaryRefresh = start + 10 * (std::chrono::steady_clock::now() - start);
}

void SweepRunner::Impl::catchUpDerivedSummary() {
  if (summaryBehind) refreshDerivedSummary();
}

// The trial's record at its end, written last so that a record that says "ended" promises
// complete files beside it.
void SweepRunner::Impl::record(TrialSummary result) {
  std::lock_guard<std::mutex> lock(observerMutex);
  TrialSummary& trial = slot(result.index);
  result.started_at = trial.started_at;
  result.finished_at = utcTimestamp();
  result.writer = currentTrialWriter();
  if (!runDir.empty()) {
    fs::create_directories(fs::path(runDir) / result.folder);
    writeTrialRecord(runDir, result);
  }
  trial = result;
  running.erase(result.index);
  pruning->trialEnded(result);
  refreshDerivedSummary();
  if (observer) observer->trialFinished(result.index, result);
}

// A write failed (a full disk) and ended the sweep: the trials it was training failed with
// that message, so the folder tells why, and resume trains them again once there is room.
// These writes may fail for the same reason; such a trial then reads as interrupted once this
// process has ended.
void SweepRunner::Impl::recordSweepError() {
  if (runDir.empty()) return;
  std::string message = "the sweep ended early";
  try {
    std::rethrow_exception(workerError);
  } catch (const std::exception& error) {
    message = error.what();
  } catch (...) {
  }
  for (TrialSummary& trial : summary.trials) {
    if (trial.status != TrialStatus::Running) continue;
    trial.status = TrialStatus::Failed;
    trial.message = message;
    trial.finished_at = utcTimestamp();
    try {
      writeTrialRecord(runDir, trial);
    } catch (const std::exception&) {
    }
  }
  try {
    writeDerivedSummary();
  } catch (const std::exception&) {
  }
}

// The run-level facts of this process's run, recorded in run.json before any trial trains,
// so a folder killed at any moment says which trials it was going to run.
void SweepRunner::Impl::prepareOwnedRun(const PreparedDataset& dataset,
                                        const std::string& deviceName, int cores) {
  const ResumePlan* resume = options.resume.get();
  if (resume) {
    checkSameDataset(resume->run_dir, resume->previous, dataset);
    runDir = resume->run_dir;
    summary = resume->previous;
  } else if (options.write_files) {
    runDir = createRunDirectory(options.out_dir, spec.name);
    saveExperimentFile(specForRunFolder(spec), runDir + "/" + kExperimentFileName);
  }
  summary.experiment_name = spec.name;
  summary.experiment_file = runDir.empty() ? "" : kExperimentFileName;
  summary.source_file = spec.source_file;
  if (summary.started_at.empty()) summary.started_at = utcTimestamp();
  summary.device = deviceName;
  recordRunInputs(summary, dataset);
  summary.cpu_model = cpuModel();
  summary.writer_host = currentHost();
  summary.writer_pid = currentProcessId();
  summary.finished_at.clear();
  if (!resume) {
    for (const TrialSpec& trial : trials)
      if (options.only_trials.empty() || contains(options.only_trials, trial.index))
        summary.trials.push_back(trialSummaryHeader(trial, TrialStatus::Queued));
  }
  const int workers = workerCount(static_cast<int>(selectedTrials().size()), cores);
  summary.cpu_threads = cores;
  summary.parallel_trials = workers;
  summary.threads_per_trial = threadsPerTrial(cores);
  if (runDir.empty()) return;
  const bool hadRunRecord = hasRunRecord(runDir);
  writeRunRecord(runDir, summary);
  // A folder of an older version kept its results in summary.json alone: they become trial
  // records now, or the derived summary would call them queued.
  if (resume && !hadRunRecord) {
    for (TrialSummary trial : summary.trials) {
      if (trialNeedsRerun(trial.status)) continue;
      if (trial.finished_at.empty()) trial.finished_at = resume->previous.finished_at;
      if (!readTrialRecord(runDir, trial)) writeTrialRecord(runDir, trial);
    }
  }
  if (resume) removeLeftoverTemporaryFiles(runDir);
  writeDerivedSummary();
}

// A task into a folder that another process owns: its run.json and trial records say which
// trials already have results.
void SweepRunner::Impl::prepareTask(const PreparedDataset& dataset) {
  runDir = options.task_run_dir;
  summary = readRunSummary(runDir);
  checkSameDataset(runDir, summary, dataset);
  for (int index : options.only_trials) slot(index);  // each must be a trial of the run
}

// What the folders of the trials about to train hold of an attempt that never ended goes, so
// nothing of a killed run (a checkpoint of half the epochs) can pass for a result of this one.
void SweepRunner::Impl::clearFoldersOf(const std::vector<int>& order) {
  if (runDir.empty() || (!options.resume && !taskMode())) return;
  for (int index : order) {
    slot(index) = trialSummaryHeader(trials[index], TrialStatus::Queued);
    clearUnfinishedTrialFolder(trials[index]);
  }
}

int SweepRunner::Impl::workerCount(int trialsToTrain, int cores) const {
  const int wanted = spec.parallel_trials > 0 ? spec.parallel_trials : cores;
  return std::max(1, std::min(wanted, trialsToTrain));
}

// Share the cores out: trials of small models scale better side by side than on more
// threads. The share follows the whole sweep, not the trials left of it, so a resumed trial
// (or one trained by a task) trains with the threads it would have had and gives the same
// numbers.
int SweepRunner::Impl::threadsPerTrial(int cores) const {
  const int wanted = spec.parallel_trials > 0 ? spec.parallel_trials : cores;
  const int sweepSize = static_cast<int>(summary.trials.size());
  return std::max(1, cores / std::max(1, std::min(wanted, sweepSize)));
}

}  // namespace sweeplab
