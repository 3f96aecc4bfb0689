// The sweep: one dataset for all trials, a small pool of worker threads that take trials in
// order, each trial's record written by the thread training it, and every observer call
// serialised by one mutex. The run's owner (a new run, a resume) also writes run.json before and
// the derived summary.json after; a task into another process's folder writes trial folders only.
#include "sweeplab/sweep_runner.h"

#include <ATen/Parallel.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <filesystem>
#include <mutex>
#include <set>
#include <thread>

#include "run/device_choice.h"
#include "run/run_directory.h"
#include "run/sweep_pruning.h"
#include "run/thread_budget.h"
#include "run/trial_scheduler.h"
#include "sweeplab/errors.h"
#include "sweeplab/experiment_io.h"
#include "sweeplab/interop_exports.h"
#include "sweeplab/run_folder.h"
#include "sweeplab/runtime_info.h"
#include "train/trainer.h"

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

bool endsAnEpoch(const std::vector<MetricPoint>& points) {
  return std::any_of(points.begin(), points.end(),
                     [](const MetricPoint& point) { return point.name == metric::kValLossEpoch; });
}

}  // namespace

struct SweepRunner::Impl {
  ExperimentSpec spec;
  RunOptions options;
  RunObserver* observer = nullptr;
  std::vector<TrialSpec> trials;
  std::atomic<bool> stopSweep{false};
  std::vector<std::unique_ptr<std::atomic<bool>>> stopTrial;
  std::mutex observerMutex;  // observer calls and the summary are touched under it
  std::string runDir;
  RunSummary summary;
  std::exception_ptr workerError;             // first error that ended a worker, rethrown by run()
  std::unique_ptr<TrialScheduler> scheduler;  // under observerMutex
  std::set<int> running;                      // trials being trained; under observerMutex
  std::unique_ptr<SweepPruning> pruning;

  template <typename Call>
  void notify(Call&& call) {
    if (!observer) return;
    std::lock_guard<std::mutex> lock(observerMutex);
    call(*observer);
  }

  bool taskMode() const { return !options.task_run_dir.empty(); }
  bool ownsRun() const { return !taskMode() && !runDir.empty(); }

  // New run: every trial (or only_trials). Resume: the plan's rerun trials. Task: its trials
  // whose record does not hold a result yet.
  std::vector<int> selectedTrials() const {
    std::vector<int> selected;
    for (const TrialSpec& trial : trials) {
      if (options.resume && !contains(options.resume->rerun, trial.index)) continue;
      if (!options.only_trials.empty() && !contains(options.only_trials, trial.index)) continue;
      if (taskMode() && !trialNeedsRerun(slot(trial.index).status)) continue;
      selected.push_back(trial.index);
    }
    return selected;
  }

  TrialSummary& slot(int index) {
    for (TrialSummary& trial : summary.trials)
      if (trial.index == index) return trial;
    throw InputError(runDir + ": trial " + std::to_string(index + 1) + " is not in " +
                     kRunRecordFileName);
  }
  const TrialSummary& slot(int index) const { return const_cast<Impl*>(this)->slot(index); }

  // What the trial folder holds of a run that never ended goes, so nothing of the killed run
  // (a checkpoint of half the epochs) can pass for a result of the new one.
  void clearUnfinishedTrialFolder(const TrialSpec& trial) {
    std::error_code error;
    fs::remove_all(fs::path(runDir) / trial.folderName(), error);
    if (error)
      throw WriteError(runDir + "/" + trial.folderName() +
                       ": cannot clear the unfinished trial's folder: " + error.message());
  }

  // The trial's record says it runs, and who runs it, before anything of it is written.
  void markRunning(int index) {
    std::lock_guard<std::mutex> lock(observerMutex);
    TrialSummary& trial = slot(index);
    trial = trialSummaryHeader(trials[index], TrialStatus::Running);
    trial.started_at = utcTimestamp();
    trial.writer = currentTrialWriter();
    if (!runDir.empty()) {
      fs::create_directories(fs::path(runDir) / trial.folder);
      writeTrialRecord(runDir, trial);
    }
    if (observer) observer->trialStarted(index);
  }

  // summary.json, derived from the records; only the owner writes it.
  void writeDerivedSummary() {
    if (ownsRun()) writeRunSummary(runDir, readRunSummary(runDir));
  }

  TrialSummary runOne(const TrialSpec& trial, const DeviceData& data, const at::Device& device,
                      const std::string& deviceName) {
    std::vector<MetricPoint> allPoints;
    const double startUnix =
        std::chrono::duration<double>(std::chrono::system_clock::now().time_since_epoch()).count();
    TrialContext context;
    context.trial = &trial;
    context.data = &data;
    context.device = device;
    context.device_name = deviceName;
    context.stop_sweep = &stopSweep;
    context.stop_trial = stopTrial[trial.index].get();
    context.resident_loop = options.resident_loop;
    context.should_prune = pruning->hookFor(trial.index);
    context.on_points = [&](std::vector<MetricPoint> points) {
      allPoints.insert(allPoints.end(), points.begin(), points.end());
      // Each epoch's curves reach the folder as the epoch ends, for watchers on other machines.
      if (!context.trial_dir.empty() && endsAnEpoch(points))
        writeFileAtomically(context.trial_dir + "/" + kMetricsFileName, metricsToCsv(allPoints));
      notify([&](RunObserver& o) { o.metricPoints(trial.index, points); });
    };
    context.on_progress = [&](const TrialProgress& progress) {
      notify([&](RunObserver& o) { o.trialProgress(trial.index, progress); });
    };
    if (!runDir.empty()) context.trial_dir = (fs::path(runDir) / trial.folderName()).string();
    TrialSummary result;
    try {
      result = runTrial(context);
    } catch (const WriteError&) {
      throw;  // a full disk would fail every later trial too: end the sweep and say why
    } catch (const std::exception& error) {
      result = trialSummaryHeader(trial, TrialStatus::Failed);
      result.message = error.what();
      result.device = deviceName;
    }
    if (!runDir.empty()) {
      writeFileAtomically(context.trial_dir + "/" + kMetricsFileName, metricsToCsv(allPoints));
      writeTensorBoardCsvs(context.trial_dir + "/" + kTensorBoardCsvFolder, trial.folderName(),
                           allPoints, startUnix);
    }
    return result;
  }

  // The trial's record at its end, written last so that a record that says "ended" promises
  // complete files beside it.
  void record(TrialSummary result) {
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
    writeDerivedSummary();
    if (observer) observer->trialFinished(result.index, result);
  }

  // A write failed (a full disk) and ended the sweep: the trials it was training failed with
  // that message, so the folder tells why, and resume trains them again once there is room.
  // These writes may fail for the same reason; such a trial then reads as interrupted once this
  // process has ended.
  void recordSweepError() {
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
  void prepareOwnedRun(const PreparedDataset& dataset, const std::string& deviceName, int cores) {
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
  void prepareTask(const PreparedDataset& dataset) {
    runDir = options.task_run_dir;
    summary = readRunSummary(runDir);
    checkSameDataset(runDir, summary, dataset);
    for (int index : options.only_trials) slot(index);  // each must be a trial of the run
  }

  // What the folders of the trials about to train hold of an attempt that never ended goes, so
  // nothing of a killed run (a checkpoint of half the epochs) can pass for a result of this one.
  void clearFoldersOf(const std::vector<int>& order) {
    if (runDir.empty() || (!options.resume && !taskMode())) return;
    for (int index : order) {
      slot(index) = trialSummaryHeader(trials[index], TrialStatus::Queued);
      clearUnfinishedTrialFolder(trials[index]);
    }
  }

  int workerCount(int trialsToTrain, int cores) const {
    const int wanted = spec.parallel_trials > 0 ? spec.parallel_trials : cores;
    return std::max(1, std::min(wanted, trialsToTrain));
  }

  // Share the cores out: trials of small models scale better side by side than on more
  // threads. The share follows the whole sweep, not the trials left of it, so a resumed trial
  // (or one trained by a task) trains with the threads it would have had and gives the same
  // numbers.
  int threadsPerTrial(int cores) const {
    const int wanted = spec.parallel_trials > 0 ? spec.parallel_trials : cores;
    const int sweepSize = static_cast<int>(summary.trials.size());
    return std::max(1, cores / std::max(1, std::min(wanted, sweepSize)));
  }

  void trainInPool(const std::vector<int>& order, const DeviceData& data, const at::Device& device,
                   const std::string& deviceName, int cores) {
    const int workers = workerCount(static_cast<int>(order.size()), cores);
    const int threads = threadsPerTrial(cores);
    if (workers == 1) {
      workerLoop(data, device, deviceName, threads);
      return;
    }
    std::vector<std::thread> pool;
    for (int w = 0; w < workers; ++w)
      pool.emplace_back([&] { workerLoop(data, device, deviceName, threads); });
    for (std::thread& thread : pool) thread.join();
  }

  void workerLoop(const DeviceData& data, const at::Device& device, const std::string& deviceName,
                  int threads) {
    try {
      trialsLoop(data, device, deviceName, threads);
    } catch (...) {
      // Only writing the run folder can fail here (a full disk); stop the others cleanly.
      std::lock_guard<std::mutex> lock(observerMutex);
      if (!workerError) workerError = std::current_exception();
      stopSweep = true;
    }
  }

  // The next trial for a free worker; a tpe trial is suggested now, from what has ended and what
  // runs. Once the sweep is stopping, the rest are handed out unsuggested, to be recorded stopped.
  std::optional<int> takeTrial() {
    std::lock_guard<std::mutex> lock(observerMutex);
    const std::optional<int> index = scheduler->take(trials, summary.trials, running, stopSweep);
    if (index) running.insert(*index);
    return index;
  }

  void trialsLoop(const DeviceData& data, const at::Device& device, const std::string& deviceName,
                  int threads) {
    for (std::optional<int> index = takeTrial(); index; index = takeTrial()) {
      const TrialSpec& trial = trials[*index];
      at::set_num_threads(intraOpThreads(trial, threads));
      if (stopSweep) {
        TrialSummary skipped = trialSummaryHeader(trial, TrialStatus::Stopped);
        skipped.message = "not started: the sweep was stopped";
        record(skipped);
        continue;
      }
      markRunning(trial.index);
      record(runOne(trial, data, device, deviceName));
    }
  }
};

SweepRunner::SweepRunner(ExperimentSpec spec, RunOptions options, RunObserver* observer)
    : impl_(std::make_unique<Impl>()) {
  impl_->spec = std::move(spec);
  impl_->options = std::move(options);
  impl_->observer = observer;
  impl_->trials = plannedTrials(impl_->spec);
  impl_->pruning = std::make_unique<SweepPruning>(impl_->spec);
  for (size_t i = 0; i < impl_->trials.size(); ++i)
    impl_->stopTrial.push_back(std::make_unique<std::atomic<bool>>(false));
}

SweepRunner::~SweepRunner() = default;

RunSummary SweepRunner::run() {
  Impl& d = *impl_;
  const std::string deviceText = d.options.device.empty() ? d.spec.device : d.options.device;
  const at::Device device = resolveDevice(deviceText);
  const std::string deviceName = describeDevice(device.is_cpu() ? "cpu" : deviceText);
  if (device.is_cpu() && usingReferenceBlas())
    d.notify([](RunObserver& o) {
      o.status("warning: LibTorch is using the slow reference BLAS; install libopenblas0-pthread");
    });

  DatasetLoadOptions load;
  load.cache_dir = d.options.cache_dir;
  // A task reads the data its run's owner prepared into the folder, when it did.
  std::error_code noCache;
  const fs::path folderCache = fs::path(d.options.task_run_dir) / kRunDatasetCacheFolder;
  if (d.taskMode() && fs::is_directory(folderCache, noCache)) load.cache_dir = folderCache.string();
  load.base_dir = fs::path(d.spec.source_file).parent_path().string();
  load.status = [&d](const std::string& message) {
    d.notify([&](RunObserver& o) { o.status(message); });
  };
  std::shared_ptr<const PreparedDataset> dataset = prepareDataset(d.spec.dataset, load);
  const DeviceData data = makeDeviceData(dataset, device);

  const int cores = std::max(1u, std::thread::hardware_concurrency());
  if (d.taskMode()) {
    d.prepareTask(*dataset);
  } else {
    d.prepareOwnedRun(*dataset, deviceName, cores);
  }
  const std::vector<int> order = d.selectedTrials();
  d.clearFoldersOf(order);
  d.scheduler = std::make_unique<TrialScheduler>(d.spec, order, d.taskMode());
  if (d.options.resume) {
    // The pruner continues from the trials that had ended, as if the sweep had never stopped.
    std::vector<TrialSummary> ended;
    for (const TrialSummary& trial : d.summary.trials)
      if (!trialNeedsRerun(trial.status)) ended.push_back(trial);
    d.pruning->restore(d.runDir, ended);
  }

  SweepInfo info;
  info.trials = d.trials;
  info.device = deviceName;
  info.run_dir = d.runDir;
  info.dataset = dataset->description;
  info.class_names = dataset->class_names;
  if (d.options.resume) {
    info.resumed = true;
    for (const TrialSummary& trial : d.summary.trials)
      if (!trialNeedsRerun(trial.status)) info.kept.push_back(trial);
  }
  d.notify([&](RunObserver& o) { o.sweepStarted(info); });

  d.trainInPool(order, data, device, deviceName, cores);
  if (d.workerError) {
    d.recordSweepError();
    std::rethrow_exception(d.workerError);
  }
  if (d.runDir.empty()) {
    d.summary.finished_at = utcTimestamp();
  } else {
    d.writeDerivedSummary();
    const RunSummary written = readRunSummary(d.runDir);
    // What this process knows of the machine stays, also where no run.json records it.
    RunSummary& summary = d.summary;
    summary.trials = written.trials;
    summary.finished_at = written.finished_at;
  }
  d.notify([&](RunObserver& o) { o.sweepFinished(d.summary); });
  return d.summary;
}

void SweepRunner::requestStop() {
  impl_->stopSweep = true;
}

void SweepRunner::stopTrial(int index) {
  if (index >= 0 && index < static_cast<int>(impl_->stopTrial.size()))
    *impl_->stopTrial[index] = true;
}

const std::vector<TrialSpec>& SweepRunner::trials() const {
  return impl_->trials;
}

std::string SweepRunner::runDirectory() const {
  return impl_->runDir;
}

RunSummary trainTrialsInRunFolder(const std::string& runDir, const std::vector<int>& trials,
                                  RunOptions options, RunObserver* observer) {
  std::error_code error;
  if (!fs::is_directory(runDir, error))
    throw InputError(runDir + ": no such folder (give the run folder that holds run.json)");
  const std::string experimentPath = runDir + "/" + kExperimentFileName;
  if (!fs::exists(experimentPath, error) || !hasRunRecord(runDir))
    throw InputError(runDir + ": not a run folder to train trials into (it needs " +
                     kExperimentFileName + " and " + kRunRecordFileName +
                     "; a folder of an older Sweeplab can be finished with 'sweeplab-cli resume')");
  if (trials.empty()) throw InputError(runDir + ": no trials given to train");
  options.task_run_dir = runDir;
  options.only_trials = trials;
  options.resume.reset();
  SweepRunner runner(loadExperimentFile(experimentPath), options, observer);
  const int count = static_cast<int>(runner.trials().size());
  for (int index : trials)
    if (index < 0 || index >= count)
      throw InputError(runDir + ": there is no trial " + std::to_string(index) + " (the run has " +
                       std::to_string(count) + " trials, 0 to " + std::to_string(count - 1) + ")");
  return runner.run();
}

}  // namespace sweeplab
