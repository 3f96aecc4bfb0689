// The estimate of a whole study: its trials (a tpe study's drawn at random), the prepared data,
// each distinct training shape timed or read from the cache, the runner's batches (its trial
// groups, from run/trial_batches.h) and their schedule on its workers.
#include "sweeplab/cost_estimate.h"

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <numeric>
#include <thread>

#include "plan/cpu_share.h"
#include "plan/file_cost.h"
#include "plan/shape_timings.h"
#include "plan/timing_cache.h"
#include "run/thread_budget.h"
#include "run/trial_batches.h"
#include "sweeplab/experiment_io.h"
#include "sweeplab/model_catalog.h"
#include "sweeplab/runtime_info.h"
#include "sweeplab/trial.h"
#include "train/device_data.h"

namespace sweeplab {
namespace {

using Clock = std::chrono::steady_clock;

double secondsSince(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

// The trials the estimate stands on. A tpe study suggests each point from the results before
// it; random draws from the same distributions stand for its suggestions.
std::vector<TrialSpec> trialsToEstimate(const ExperimentSpec& spec, bool* drawn) {
  *drawn = spec.search.method == SearchMethod::Tpe;
  if (!*drawn) return expandTrials(spec);
  ExperimentSpec random = spec;
  random.search.method = SearchMethod::Random;
  return expandTrials(random);
}

// The fewest epochs a trial can train under the study's pruning: pruned at its first check,
// unless no pruner could prune it then (the median's start-up trials; ASHA keeps the first trial
// at every rung, so at least one trial trains in full).
int fewestEpochs(const ExperimentSpec& study, const TrialSpec& trial) {
  const int epochs = trial.spec.training.max_epochs;
  const PruningSpec& pruning = study.pruning;
  switch (pruning.method) {
    case PruningMethod::None:
      return epochs;
    case PruningMethod::Median:
      if (trial.index < pruning.warmup_trials) return epochs;
      return std::min(epochs, pruning.min_epochs);
    case PruningMethod::Asha:
      if (trial.index == 0) return epochs;
      return std::min(epochs, pruning.min_epochs);
  }
  return epochs;
}

// The batches the runner's workers would take, as positions in `trials`: batchTrials' groups for
// `workers`, except for a tpe study, whose trials are handed out one at a time whatever the
// batches (sweep_runner.cpp).
std::vector<std::vector<int>> runnerBatches(const ExperimentSpec& spec,
                                            const std::vector<TrialSpec>& trials,
                                            const BatchingChoice& batching, const DeviceData& data,
                                            int workers) {
  std::vector<int> order(trials.size());
  std::iota(order.begin(), order.end(), 0);
  if (spec.search.method == SearchMethod::Tpe) {
    std::vector<std::vector<int>> single;
    for (int position : order) single.push_back({position});
    return single;
  }
  return batchTrials(trials, order, batching, data, workers);
}

// Each batch's work: a trial alone, or a group's members in its loop.
std::vector<WorkerBatch> batchWork(const std::vector<std::vector<int>>& batches,
                                   const std::vector<GroupMember>& members) {
  std::vector<WorkerBatch> work;
  for (const std::vector<int>& batch : batches) {
    std::vector<GroupMember> group;
    for (int position : batch) group.push_back(members[position]);
    work.push_back(groupWork(group));
  }
  return work;
}

}  // namespace

struct CostEstimator::Data {
  DatasetSpec spec;
  std::string base_dir;
  std::shared_ptr<const PreparedDataset> dataset;
  DeviceData tensors;
  double load_seconds = 0;
};

CostEstimator::CostEstimator(CostOptions options) : options_(std::move(options)) {}
CostEstimator::~CostEstimator() = default;

CostEstimate CostEstimator::estimate(const ExperimentSpec& spec) {
  validateExperiment(spec);
  CostEstimate estimate;
  estimate.study = spec.name;
  const std::vector<TrialSpec> trials = trialsToEstimate(spec, &estimate.drawn_for_tpe);
  TimingCache cache(options_.cache_dir);
  estimate.cache_file = cache.path();
  const auto say = [this](const std::string& message) {
    if (options_.status) options_.status(message);
  };

  // The data, as the run will load them: from the dataset cache once it holds them.
  const std::string baseDir = std::filesystem::path(spec.source_file).parent_path().string();
  ExperimentSpec dataOnly;
  dataOnly.dataset = spec.dataset;
  ExperimentSpec loaded;
  if (data_) loaded.dataset = data_->spec;
  if (!data_ || !(dataOnly == loaded) || data_->base_dir != baseDir) {
    DatasetLoadOptions load;
    load.cache_dir = options_.cache_dir;
    load.base_dir = baseDir;
    bool fromCache = false;
    load.status = [&](const std::string& message) {
      if (message.rfind("Loaded prepared data from the cache", 0) == 0) fromCache = true;
      say(message);
    };
    auto data = std::make_unique<Data>();
    const Clock::time_point start = Clock::now();
    data->dataset = prepareDataset(spec.dataset, load);
    data->load_seconds = secondsSince(start);
    const std::string loadKey = TimingCache::dataKeyOf(data->dataset->fingerprint);
    if (fromCache || options_.cache_dir.empty()) {
      cache.putSeconds(loadKey, data->load_seconds);
    } else if (const std::optional<double> known = cache.findSeconds(loadKey)) {
      data->load_seconds = *known;
    } else {
      // Generated or read now; the run will load them from the cache this just filled.
      const Clock::time_point again = Clock::now();
      prepareDataset(spec.dataset, load);
      data->load_seconds = secondsSince(again);
      cache.putSeconds(loadKey, data->load_seconds);
    }
    data->spec = spec.dataset;
    data->base_dir = baseDir;
    data->tensors = makeDeviceData(data->dataset, at::kCPU);
    data_ = std::move(data);
  }
  const PreparedDataset& dataset = *data_->dataset;
  estimate.data_seconds = data_->load_seconds;
  estimate.dataset = dataset.description;
  estimate.train_rows = dataset.train.rows();

  // The runner's split of the cores (sweep_runner.cpp: workerCount, threadsPerTrial).
  estimate.cores = std::max(1u, std::thread::hardware_concurrency());
  const int count = static_cast<int>(trials.size());
  const int wanted = spec.parallel_trials > 0 ? spec.parallel_trials : estimate.cores;
  estimate.workers = std::max(1, std::min(wanted, count));
  estimate.threads_per_trial = std::max(1, estimate.cores / std::max(1, std::min(wanted, count)));
  estimate.machine = cpuModel() + ", " + std::to_string(estimate.cores) +
                     (estimate.cores == 1 ? " core" : " cores");
  if (spec.device != "cpu" && cudaAvailable())
    estimate.device_note = "timed on the CPU; this study trains on " + describeDevice(spec.device);

  // How the runner would batch the trials (run/trial_batches.h), and each trial's shapes: alone,
  // and side by side with the other workers' trials or groups.
  const DeviceData& tensors = data_->tensors;
  // Timed on the CPU, so batched as the CPU's runner would batch them: a GPU groups the trials
  // of a class all in one (its note says the figures are the CPU's).
  const BatchingChoice batching = chooseBatching(spec, at::kCPU, tensors, false);
  estimate.batching_note = batching.reason;
  const std::vector<std::vector<int>> batches =
      runnerBatches(spec, trials, batching, tensors, estimate.workers);
  std::vector<int> sides = {1};
  if (estimate.workers > 1) sides.push_back(estimate.workers);
  const auto shapeOf = [&](const TrialSpec& trial, int side) {
    TimingShape shape;
    shape.model = trial.spec.model;
    shape.batch_size = trial.spec.training.batch_size;
    shape.optimizer = trial.spec.training.optimizer;
    shape.threads = intraOpThreads(trial, estimate.threads_per_trial);
    shape.side_by_side = side;
    shape.grouped = trainsInGroupLoop(trial, batching);
    return shape;
  };
  ShapeTimings timings;
  for (const TrialSpec& trial : trials)
    for (int side : sides) timings.want(shapeOf(trial, side));
  timings.measure(cache, options_, tensors, estimate);
  FileCost files;
  if (options_.count_files) {
    const std::string perWrite = TimingCache::machineKeyOf("files-per-write");
    const std::string perPoint = TimingCache::machineKeyOf("files-per-point");
    const std::optional<double> write = cache.findSeconds(perWrite);
    const std::optional<double> point = cache.findSeconds(perPoint);
    if (write && point && options_.reuse_cached) {
      files = {*write, *point};
    } else {
      files = measureFileCost(options_.cache_dir);
      cache.putSeconds(perWrite, files.seconds_per_write);
      cache.putSeconds(perPoint, files.seconds_per_point);
    }
  }
  cache.save();

  // Every trial's cost as a member of its batch, then the schedule of the study's batches with
  // and without pruning.
  std::vector<GroupMember> full(trials.size()), fewest(trials.size());
  for (const TrialSpec& trial : trials) {
    TrialCost cost;
    cost.index = trial.index;
    cost.label = trial.label();
    cost.model = describeModel(trial.spec.model).name;
    cost.batch_size = trial.spec.training.batch_size;
    cost.steps_per_epoch = stepsPerEpoch(estimate.train_rows, cost.batch_size);
    cost.epochs = trial.spec.training.max_epochs;
    cost.min_epochs = fewestEpochs(spec, trial);
    cost.steps = cost.steps_per_epoch * cost.epochs;
    cost.min_steps = cost.steps_per_epoch * cost.min_epochs;
    const ShapeTiming alone = timings.at(shapeOf(trial, 1));
    const ShapeTiming crowded = timings.at(shapeOf(trial, sides.back()));
    // Three points per logged step (accuracy, loss, learning rate), four per epoch end.
    const double points =
        3.0 * cost.steps_per_epoch / std::max(1, trial.spec.training.log_every_n_steps) + 4;
    const size_t position = estimate.trials.size();
    full[position] = {cost.steps_per_epoch, cost.epochs, alone, crowded,
                      trialFileSeconds(files, cost.epochs, points)};
    fewest[position] = {cost.steps_per_epoch, cost.min_epochs, alone, crowded,
                        trialFileSeconds(files, cost.min_epochs, points)};
    estimate.steps += cost.steps;
    estimate.min_steps += cost.min_steps;
    estimate.pruning = estimate.pruning || cost.min_epochs < cost.epochs;
    estimate.early_stopping = estimate.early_stopping || trial.spec.training.early_stopping.enabled;
    estimate.grouped_trials += trainsInGroupLoop(trial, batching) ? 1 : 0;
    estimate.trials.push_back(std::move(cost));
  }
  for (const std::vector<int>& batch : batches) {
    if (batch.size() < 2) continue;
    ++estimate.groups;
    for (int position : batch) estimate.trials[position].group = trials[batch.front()].index + 1;
  }
  // Below 0.9 of a core the difference is more than the measurement's noise.
  constexpr double kBusyShare = 0.9;
  if (options_.measure_load) {
    const double share = measureCpuShare(estimate.workers, options_.load_probe_seconds);
    estimate.cpu_share = share < kBusyShare ? share : 1.0;
  }
  const double stretch = 1.0 / estimate.cpu_share;
  const BatchSchedule schedule = scheduleBatches(batchWork(batches, full), estimate.workers);
  for (size_t b = 0; b < batches.size(); ++b)
    for (size_t m = 0; m < batches[b].size(); ++m)
      estimate.trials[batches[b][m]].seconds =
          (schedule.member_end[b][m] - schedule.start[b]) * stretch;
  estimate.quiet_wall_seconds = estimate.data_seconds + schedule.wall_seconds;
  estimate.wall_seconds = estimate.data_seconds + schedule.wall_seconds * stretch;
  estimate.min_wall_seconds =
      estimate.data_seconds +
      scheduleBatches(batchWork(batches, fewest), estimate.workers).wall_seconds * stretch;
  return estimate;
}

}  // namespace sweeplab
