// The sweep: one dataset for all trials, a small pool of worker threads that take batches of
// trials in order (sweep_workers.cpp), each trial's record written by the thread training it
// (sweep_records.cpp), and every observer call serialised by one mutex. The run's owner (a new
// run, a resume) also writes run.json before and the derived summary.json after; a task into
// another process's folder writes trial folders only.
#include "sweeplab/sweep_runner.h"

#include <filesystem>
#include <thread>

#include "run/device_choice.h"
#include "run/run_directory.h"
#include "run/sweep_runner_impl.h"
#include "sweeplab/errors.h"
#include "sweeplab/experiment_io.h"
#include "sweeplab/run_folder.h"
#include "sweeplab/runtime_info.h"

namespace sweeplab {
namespace fs = std::filesystem;

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
  d.batching = chooseBatching(d.spec, device, data, d.options.resident_loop);
  const std::vector<std::vector<int>> batches =
      batchTrials(d.trials, order, d.batching, data, d.workerCount(int(order.size()), cores));
  d.scheduler = std::make_unique<TrialScheduler>(d.spec, batches, d.taskMode());
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

  // A tpe study hands out one trial at a time, whatever the batches.
  const bool oneAtATime = d.spec.search.method == SearchMethod::Tpe;
  d.trainInPool(static_cast<int>(oneAtATime ? order.size() : batches.size()), data, device,
                deviceName, cores);
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
