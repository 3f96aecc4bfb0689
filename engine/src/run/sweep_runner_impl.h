// The sweep runner's state and steps, shared by its three files: sweep_runner.cpp (the public
// class and the run's order of events), sweep_records.cpp (what the run folder records and when)
// and sweep_workers.cpp (the worker threads that train trials alone or in groups).
#pragma once

#include <ATen/core/Tensor.h>

#include <atomic>
#include <chrono>
#include <exception>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <vector>

#include "run/sweep_pruning.h"
#include "run/trial_batches.h"
#include "run/trial_scheduler.h"
#include "sweeplab/sweep_runner.h"
#include "train/trainer.h"

namespace sweeplab {

// One trial's training on a worker: its context (callbacks included) and the metric points it
// has reported, kept for metrics.csv and the TensorBoard files.
struct TrialRun {
  TrialContext context;
  std::vector<MetricPoint> points;
  double start_unix = 0;
};

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
  BatchingChoice batching;
  // When refreshDerivedSummary may next rewrite summary.json, and whether a trial's end is not
  // in it yet; under observerMutex.
  std::chrono::steady_clock::time_point nextSummaryRefresh;
  bool summaryBehind = false;

  template <typename Call>
  void notify(Call&& call) {
    if (!observer) return;
    std::lock_guard<std::mutex> lock(observerMutex);
    call(*observer);
  }

  bool taskMode() const { return !options.task_run_dir.empty(); }
  bool ownsRun() const { return !taskMode() && !runDir.empty(); }

  // sweep_records.cpp
  std::vector<int> selectedTrials() const;
  TrialSummary& slot(int index);
  const TrialSummary& slot(int index) const { return const_cast<Impl*>(this)->slot(index); }
  void markRunning(int index, int group = 0);
  void record(TrialSummary result);
  void recordSweepError();
  void writeDerivedSummary();
  void refreshDerivedSummary();
  void catchUpDerivedSummary();
  void prepareOwnedRun(const PreparedDataset& dataset, const std::string& deviceName, int cores);
  void prepareTask(const PreparedDataset& dataset);
  void clearFoldersOf(const std::vector<int>& order);
  int workerCount(int trialsToTrain, int cores) const;
  int threadsPerTrial(int cores) const;

  // sweep_workers.cpp
  // Trains the scheduler's `batches` batches on as many workers as the study allows.
  void trainInPool(int batches, const DeviceData& data, const at::Device& device,
                   const std::string& deviceName, int cores);

 private:
  void clearUnfinishedTrialFolder(const TrialSpec& trial);
  void workerLoop(const DeviceData& data, const at::Device& device, const std::string& deviceName,
                  int threads);
  void trialsLoop(const DeviceData& data, const at::Device& device, const std::string& deviceName,
                  int threads);
  std::vector<int> takeBatch();
  std::unique_ptr<TrialRun> startTrialRun(const TrialSpec& trial, const DeviceData& data,
                                          const at::Device& device, const std::string& deviceName);
  void writeTrialFiles(const TrialRun& run) const;
  TrialSummary runAlone(const TrialSpec& trial, const DeviceData& data, const at::Device& device,
                        const std::string& deviceName);
  void runGroup(const std::vector<int>& members, const DeviceData& data, const at::Device& device,
                const std::string& deviceName);
};

}  // namespace sweeplab
