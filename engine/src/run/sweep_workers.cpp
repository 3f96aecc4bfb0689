// The worker threads: each takes the next batch from the scheduler and trains it, a trial alone
// through runTrial or a group through runTrialGroup, until none is left. Every trial's record is
// written by the thread training it, as it starts and as it ends; a group's trials end one by
// one, each recorded at once while the others go on.
#include <ATen/Parallel.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <thread>

#include "run/sweep_runner_impl.h"
#include "run/thread_budget.h"
#include "sweeplab/errors.h"
#include "sweeplab/interop_exports.h"
#include "sweeplab/run_folder.h"
#include "train/trial_group.h"

namespace sweeplab {
namespace fs = std::filesystem;

namespace {

bool endsAnEpoch(const std::vector<MetricPoint>& points) {
  return std::any_of(points.begin(), points.end(),
                     [](const MetricPoint& point) { return point.name == metric::kValLossEpoch; });
}

double unixNow() {
  return std::chrono::duration<double>(std::chrono::system_clock::now().time_since_epoch()).count();
}

TrialSummary failedTrial(const TrialSpec& trial, const std::string& deviceName,
                         const std::string& message) {
  TrialSummary failed = trialSummaryHeader(trial, TrialStatus::Failed);
  failed.message = message;
  failed.device = deviceName;
  return failed;
}

}  // namespace

void SweepRunner::Impl::trainInPool(int batches, const DeviceData& data, const at::Device& device,
                                    const std::string& deviceName, int cores) {
  const int workers = std::min(workerCount(batches, cores), std::max(1, batches));
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

void SweepRunner::Impl::workerLoop(const DeviceData& data, const at::Device& device,
                                   const std::string& deviceName, int threads) {
  try {
    trialsLoop(data, device, deviceName, threads);
  } catch (...) {
    // Only writing the run folder can fail here (a full disk); stop the others cleanly.
    std::lock_guard<std::mutex> lock(observerMutex);
    if (!workerError) workerError = std::current_exception();
    stopSweep = true;
  }
}

// The next batch for a free worker; a tpe trial is suggested now, from what has ended and what
// runs. Once the sweep is stopping, the rest are handed out unsuggested, to be recorded stopped.
std::vector<int> SweepRunner::Impl::takeBatch() {
  std::lock_guard<std::mutex> lock(observerMutex);
  catchUpDerivedSummary();
  std::vector<int> batch = scheduler->take(trials, summary.trials, running, stopSweep);
  running.insert(batch.begin(), batch.end());
  return batch;
}

void SweepRunner::Impl::trialsLoop(const DeviceData& data, const at::Device& device,
                                   const std::string& deviceName, int threads) {
  for (std::vector<int> batch = takeBatch(); !batch.empty(); batch = takeBatch()) {
    if (stopSweep) {
      for (int index : batch) {
        TrialSummary skipped = trialSummaryHeader(trials[index], TrialStatus::Stopped);
        skipped.message = "not started: the sweep was stopped";
        record(skipped);
      }
      continue;
    }
    // A group is one computation on this thread; a small trial alone gets one thread too.
    at::set_num_threads(intraOpThreads(trials[batch.front()], threads));
    // On a device a trial without companions takes the resident loop, a group's step for one.
    const bool aloneOnDevice = batching.device_loop && batch.size() == 1;
    if (trainsInGroupLoop(trials[batch.front()], batching) && !aloneOnDevice) {
      runGroup(batch, data, device, deviceName);
      continue;
    }
    for (int index : batch) {  // one trial: batches hold several only where they group
      markRunning(index);
      record(runAlone(trials[index], data, device, deviceName));
    }
  }
}

std::unique_ptr<TrialRun> SweepRunner::Impl::startTrialRun(const TrialSpec& trial,
                                                           const DeviceData& data,
                                                           const at::Device& device,
                                                           const std::string& deviceName) {
  auto run = std::make_unique<TrialRun>();
  run->start_unix = unixNow();
  TrialContext& context = run->context;
  context.trial = &trial;
  context.data = &data;
  context.device = device;
  context.device_name = deviceName;
  context.stop_sweep = &stopSweep;
  context.stop_trial = stopTrial[trial.index].get();
  context.resident_loop = options.resident_loop;
  context.should_prune = pruning->hookFor(trial.index);
  if (!runDir.empty()) context.trial_dir = (fs::path(runDir) / trial.folderName()).string();
  TrialRun* self = run.get();  // the callbacks live in the run, so they may point at it
  context.on_points = [this, self, index = trial.index](std::vector<MetricPoint> points) {
    self->points.insert(self->points.end(), points.begin(), points.end());
    // Each epoch's curves reach the folder as the epoch ends, for watchers on other machines.
    const std::string& folder = self->context.trial_dir;
    if (!folder.empty() && endsAnEpoch(points))
      writeFileAtomically(folder + "/" + kMetricsFileName, metricsToCsv(self->points));
    notify([&](RunObserver& o) { o.metricPoints(index, points); });
  };
  context.on_progress = [this, index = trial.index](const TrialProgress& progress) {
    std::lock_guard<std::mutex> lock(observerMutex);
    if (observer) observer->trialProgress(index, progress);
    catchUpDerivedSummary();
  };
  return run;
}

// metrics.csv and the TensorBoard files as the trial ended, before its record says so.
void SweepRunner::Impl::writeTrialFiles(const TrialRun& run) const {
  const std::string& folder = run.context.trial_dir;
  if (folder.empty()) return;
  const std::string name = run.context.trial->folderName();
  writeFileAtomically(folder + "/" + kMetricsFileName, metricsToCsv(run.points));
  writeTensorBoardCsvs(folder + "/" + kTensorBoardCsvFolder, name, run.points, run.start_unix);
}

TrialSummary SweepRunner::Impl::runAlone(const TrialSpec& trial, const DeviceData& data,
                                         const at::Device& device, const std::string& deviceName) {
  const std::unique_ptr<TrialRun> run = startTrialRun(trial, data, device, deviceName);
  TrialSummary result;
  try {
    result = runTrial(run->context);
  } catch (const WriteError&) {
    throw;  // a full disk would fail every later trial too: end the sweep and say why
  } catch (const std::exception& error) {
    result = failedTrial(trial, deviceName, error.what());
  }
  writeTrialFiles(*run);
  return result;
}

// The batch's trials start together and each is recorded as it ends. A trial of a group of
// several records the group by its first trial's number; a group of one trained alone.
void SweepRunner::Impl::runGroup(const std::vector<int>& members, const DeviceData& data,
                                 const at::Device& device, const std::string& deviceName) {
  const int group = members.size() > 1 ? members.front() + 1 : 0;
  std::vector<std::unique_ptr<TrialRun>> runs;
  std::vector<TrialContext> contexts;
  if (group > 0) notify([&](RunObserver& o) { o.groupStarted(members); });
  for (int index : members) {
    markRunning(index, group);
    runs.push_back(startTrialRun(trials[index], data, device, deviceName));
    contexts.push_back(runs.back()->context);
  }
  std::vector<bool> recorded(members.size(), false);
  try {
    runTrialGroup(contexts, [&](size_t i, const TrialSummary& summary) {
      TrialSummary result = summary;
      result.group = group;
      writeTrialFiles(*runs[i]);
      record(result);
      recorded[i] = true;
    });
  } catch (const WriteError&) {
    throw;
  } catch (const std::exception& error) {
    // The group could not go on (out of memory, say): its trials without a result failed.
    for (size_t i = 0; i < members.size(); ++i) {
      if (recorded[i]) continue;
      TrialSummary failed = failedTrial(trials[members[i]], deviceName, error.what());
      failed.group = group;
      writeTrialFiles(*runs[i]);
      record(failed);
    }
  }
}

}  // namespace sweeplab
