// The sweep: one dataset for all trials, a small pool of worker threads that take trials in
// order, files written as each trial ends, and every observer call serialised by one mutex.
#include "sweeplab/sweep_runner.h"

#include <ATen/Parallel.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <filesystem>
#include <mutex>
#include <thread>

#include "run/device_choice.h"
#include "run/run_directory.h"
#include "run/thread_budget.h"
#include "sweeplab/errors.h"
#include "sweeplab/experiment_io.h"
#include "sweeplab/interop_exports.h"
#include "sweeplab/run_folder.h"
#include "sweeplab/runtime_info.h"
#include "train/trainer.h"

namespace sweeplab {
namespace fs = std::filesystem;

namespace {

// Resumed trials must see the data the first ones saw, or the sweep compares apples and pears.
void checkSameDataset(const ResumePlan& plan, const PreparedDataset& dataset) {
  const std::string& before = plan.previous.dataset_fingerprint;
  if (before.empty() || before == dataset.fingerprint) return;
  throw InputError(plan.run_dir + ": the dataset has changed since the sweep started (" + before +
                   " then, " + dataset.fingerprint +
                   " now): the remaining trials would not be comparable; start a new run instead");
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
  std::exception_ptr workerError;  // first error that ended a worker, rethrown by run()

  template <typename Call>
  void notify(Call&& call) {
    if (!observer) return;
    std::lock_guard<std::mutex> lock(observerMutex);
    call(*observer);
  }

  std::vector<int> selectedTrials() const {
    std::vector<int> selected;
    for (const TrialSpec& trial : trials) {
      if (options.resume &&
          !std::count(options.resume->rerun.begin(), options.resume->rerun.end(), trial.index))
        continue;
      if (options.only_trials.empty() ||
          std::count(options.only_trials.begin(), options.only_trials.end(), trial.index))
        selected.push_back(trial.index);
    }
    return selected;
  }

  // What the trial folder holds of a run that never ended goes, so nothing of the killed run
  // (a checkpoint of half the epochs) can pass for a result of the new one.
  void clearUnfinishedTrialFolder(const TrialSpec& trial) {
    std::error_code error;
    fs::remove_all(fs::path(runDir) / trial.folderName(), error);
    if (error)
      throw WriteError(runDir + "/" + trial.folderName() +
                       ": cannot clear the unfinished trial's folder: " + error.message());
  }

  // Hidden temporary files of writes that a killed process never renamed.
  void removeLeftoverTemporaryFiles() {
    std::error_code error;
    for (fs::recursive_directory_iterator it(runDir, error), end; !error && it != end;
         it.increment(error)) {
      const std::string name = it->path().filename().string();
      if (name.size() > 1 && name[0] == '.' && name.find(".tmp-") != std::string::npos)
        fs::remove(it->path(), error);
    }
  }

  void markRunning(int index) {
    std::lock_guard<std::mutex> lock(observerMutex);
    for (TrialSummary& slot : summary.trials)
      if (slot.index == index) slot.status = TrialStatus::Running;
    if (!runDir.empty()) writeRunSummary(runDir, summary);
    if (observer) observer->trialStarted(index);
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
    context.on_points = [&](std::vector<MetricPoint> points) {
      allPoints.insert(allPoints.end(), points.begin(), points.end());
      notify([&](RunObserver& o) { o.metricPoints(trial.index, points); });
    };
    context.on_progress = [&](const TrialProgress& progress) {
      notify([&](RunObserver& o) { o.trialProgress(trial.index, progress); });
    };
    if (!runDir.empty()) {
      context.trial_dir = (fs::path(runDir) / trial.folderName()).string();
      fs::create_directories(context.trial_dir);
    }
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

  void record(const TrialSummary& result) {
    std::lock_guard<std::mutex> lock(observerMutex);
    for (TrialSummary& slot : summary.trials)
      if (slot.index == result.index) slot = result;
    if (!runDir.empty()) writeRunSummary(runDir, summary);
    if (observer) observer->trialFinished(result.index, result);
  }

  // A write failed (a full disk) and ended the sweep: the trials it was training failed with
  // that message, so the folder tells why, and resume trains them again once there is room.
  // This last write may fail for the same reason; the folder then keeps its previous summary,
  // whose running trials read as interrupted.
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
    }
    summary.finished_at = utcTimestamp();
    try {
      writeRunSummary(runDir, summary);
    } catch (const std::exception&) {
    }
  }

  void workerLoop(std::atomic<size_t>& next, const std::vector<int>& order, const DeviceData& data,
                  const at::Device& device, const std::string& deviceName, int threads) {
    try {
      trialsLoop(next, order, data, device, deviceName, threads);
    } catch (...) {
      // Only writing the run folder can fail here (a full disk); stop the others cleanly.
      std::lock_guard<std::mutex> lock(observerMutex);
      if (!workerError) workerError = std::current_exception();
      stopSweep = true;
    }
  }

  void trialsLoop(std::atomic<size_t>& next, const std::vector<int>& order, const DeviceData& data,
                  const at::Device& device, const std::string& deviceName, int threads) {
    for (size_t i = next++; i < order.size(); i = next++) {
      const TrialSpec& trial = trials[order[i]];
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
  impl_->trials = expandTrials(impl_->spec);
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
  load.base_dir = fs::path(d.spec.source_file).parent_path().string();
  load.status = [&d](const std::string& message) {
    d.notify([&](RunObserver& o) { o.status(message); });
  };
  std::shared_ptr<const PreparedDataset> dataset = prepareDataset(d.spec.dataset, load);
  const DeviceData data = makeDeviceData(dataset, device);

  const ResumePlan* resume = d.options.resume.get();
  if (resume) {
    checkSameDataset(*resume, *dataset);
    d.runDir = resume->run_dir;
  } else if (d.options.write_files) {
    d.runDir = createRunDirectory(d.options.out_dir, d.spec.name);
    saveExperimentFile(specForRunFolder(d.spec), d.runDir + "/" + kExperimentFileName);
  }

  const std::vector<int> order = d.selectedTrials();
  RunSummary& summary = d.summary;
  if (resume) summary = resume->previous;
  summary.experiment_name = d.spec.name;
  summary.experiment_file = d.runDir.empty() ? "" : kExperimentFileName;
  if (summary.started_at.empty()) summary.started_at = utcTimestamp();
  summary.device = deviceName;
  summary.dataset = dataset->description;
  summary.dataset_fingerprint = dataset->fingerprint;
  summary.sweeplab_version = sweeplabVersion();
  summary.libtorch_version = libtorchVersion();
  summary.cpu_model = cpuModel();
  summary.dataset_source = dataset->source;
  summary.dataset_content_hash = dataset->content_hash;
  summary.train_rows = dataset->train.rows();
  summary.val_rows = dataset->val.rows();
  summary.test_rows = dataset->test.rows();
  summary.class_names = dataset->class_names;
  summary.writer_host = currentHost();
  summary.writer_pid = currentProcessId();
  summary.finished_at.clear();
  if (!resume) {
    for (int index : order)
      summary.trials.push_back(trialSummaryHeader(d.trials[index], TrialStatus::Queued));
  }
  for (int index : order) {
    if (!resume) break;
    for (TrialSummary& slot : summary.trials)
      if (slot.index == index) slot = trialSummaryHeader(d.trials[index], TrialStatus::Queued);
    d.clearUnfinishedTrialFolder(d.trials[index]);
  }
  if (resume) d.removeLeftoverTemporaryFiles();
  // Written before the first trial starts, so a folder killed at any moment says which trials
  // it was going to run.
  if (!d.runDir.empty()) writeRunSummary(d.runDir, summary);

  SweepInfo info;
  info.trials = d.trials;
  info.device = deviceName;
  info.run_dir = d.runDir;
  info.dataset = dataset->description;
  info.class_names = dataset->class_names;
  if (resume) {
    info.resumed = true;
    for (const TrialSummary& trial : summary.trials)
      if (!trialNeedsRerun(trial.status)) info.kept.push_back(trial);
  }
  d.notify([&](RunObserver& o) { o.sweepStarted(info); });

  const int cores = std::max(1u, std::thread::hardware_concurrency());
  int workers = d.spec.parallel_trials > 0 ? d.spec.parallel_trials : cores;
  // Share the cores out: trials of small models scale better side by side than on more threads.
  // The share follows the whole sweep, not the trials left of it, so a resumed trial trains
  // with the threads it would have had and gives the same numbers.
  const int sweepSize = static_cast<int>(std::max(order.size(), summary.trials.size()));
  const int threadsPerTrial = std::max(1, cores / std::max(1, std::min(workers, sweepSize)));
  workers = std::max(1, std::min<int>(workers, static_cast<int>(order.size())));
  summary.cpu_threads = cores;
  summary.parallel_trials = workers;
  summary.threads_per_trial = threadsPerTrial;
  std::atomic<size_t> next{0};
  if (workers == 1) {
    d.workerLoop(next, order, data, device, deviceName, threadsPerTrial);
  } else {
    std::vector<std::thread> pool;
    for (int w = 0; w < workers; ++w)
      pool.emplace_back(
          [&] { d.workerLoop(next, order, data, device, deviceName, threadsPerTrial); });
    for (std::thread& thread : pool) thread.join();
  }

  if (d.workerError) {
    d.recordSweepError();
    std::rethrow_exception(d.workerError);
  }
  summary.finished_at = utcTimestamp();
  if (!d.runDir.empty()) writeRunSummary(d.runDir, summary);
  d.notify([&](RunObserver& o) { o.sweepFinished(summary); });
  return summary;
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

}  // namespace sweeplab
