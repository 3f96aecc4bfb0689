// The estimate of a whole study: its trials (a tpe study's drawn at random), the prepared data,
// each distinct training shape timed or read from the cache, and the runner's schedule.
#include "sweeplab/cost_estimate.h"

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <map>
#include <thread>

#include "plan/cpu_share.h"
#include "plan/file_cost.h"
#include "plan/step_timing.h"
#include "plan/timing_cache.h"
#include "run/thread_budget.h"
#include "sweeplab/experiment_io.h"
#include "sweeplab/model_catalog.h"
#include "sweeplab/runtime_info.h"
#include "sweeplab/trial.h"
#include "train/device_data.h"

namespace sweeplab {
namespace {

using Clock = std::chrono::steady_clock;

// More distinct batch sizes of one model than this (a drawn batch size) are timed at a few of
// them, and the rest interpolated: a step's time is close to linear in the batch.
constexpr size_t kMaxTimedBatches = 6;
constexpr size_t kInterpolationPoints = 5;

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

std::string modelLayers(const ModelSpec& model) {
  std::string key;
  for (const LayerDef& layer : describeModel(model).layers) key += layer.toString() + " ";
  return key;
}

// Shapes that differ only in the batch size, timed together so that drawn batch sizes can be
// interpolated.
std::string familyOf(const TimingShape& shape) {
  return modelLayers(shape.model) + "|" + std::to_string(static_cast<int>(shape.optimizer)) + "|" +
         std::to_string(shape.threads) + "|" + std::to_string(shape.side_by_side);
}

// The batch sizes of a family to time: all of them, or a few spread over the sorted list.
std::vector<int> batchesToTime(const std::vector<int>& sorted) {
  if (sorted.size() <= kMaxTimedBatches) return sorted;
  std::vector<int> chosen;
  for (size_t i = 0; i < kInterpolationPoints; ++i) {
    const int batch = sorted[(i * (sorted.size() - 1)) / (kInterpolationPoints - 1)];
    if (chosen.empty() || chosen.back() != batch) chosen.push_back(batch);
  }
  return chosen;
}

ShapeTiming interpolate(const std::map<int, ShapeTiming>& timed, int batch) {
  const auto above = timed.lower_bound(batch);
  if (above == timed.end()) return std::prev(above)->second;
  if (above->first == batch || above == timed.begin()) return above->second;
  const auto below = std::prev(above);
  const double t = static_cast<double>(batch - below->first) / (above->first - below->first);
  const auto mix = [t](double a, double b) { return a + (b - a) * t; };
  return {mix(below->second.seconds_per_step, above->second.seconds_per_step),
          mix(below->second.seconds_per_epoch, above->second.seconds_per_epoch),
          mix(below->second.seconds_per_test, above->second.seconds_per_test)};
}

double trialSeconds(const ShapeTiming& timing, long long stepsPerEpoch, int epochs) {
  return epochs * (stepsPerEpoch * timing.seconds_per_step + timing.seconds_per_epoch) +
         timing.seconds_per_test;
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
  const auto checkCancel = [this] {
    if (options_.cancel && options_.cancel->load()) throw EstimateCancelled();
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

  // Each trial's shapes: alone, and side by side with the other workers' trials.
  std::vector<int> sides = {1};
  if (estimate.workers > 1) sides.push_back(estimate.workers);
  std::map<std::string, std::map<int, ShapeTiming>> timedByFamily;  // family -> batch -> timing
  std::map<std::string, std::vector<int>> batchesByFamily;
  std::map<std::string, TimingShape> familyShape;
  const auto shapeOf = [&](const TrialSpec& trial, int side) {
    TimingShape shape;
    shape.model = trial.spec.model;
    shape.batch_size = trial.spec.training.batch_size;
    shape.optimizer = trial.spec.training.optimizer;
    shape.threads = intraOpThreads(trial, estimate.threads_per_trial);
    shape.side_by_side = side;
    return shape;
  };
  for (const TrialSpec& trial : trials) {
    for (int side : sides) {
      const TimingShape shape = shapeOf(trial, side);
      const std::string family = familyOf(shape);
      familyShape.emplace(family, shape);
      batchesByFamily[family].push_back(shape.batch_size);
    }
  }
  const DeviceData& tensors = data_->tensors;
  for (auto& [family, batches] : batchesByFamily) {
    std::sort(batches.begin(), batches.end());
    batches.erase(std::unique(batches.begin(), batches.end()), batches.end());
    for (int batch : batchesToTime(batches)) {
      TimingShape shape = familyShape.at(family);
      shape.batch_size = batch;
      const std::string key =
          TimingCache::keyOf(shape, tensors.train.rows(), tensors.val.rows(), tensors.test.rows());
      const std::optional<ShapeTiming> known =
          options_.reuse_cached ? cache.find(key) : std::nullopt;
      if (known) {
        timedByFamily[family][batch] = *known;
        ++estimate.shapes_cached;
        continue;
      }
      checkCancel();
      say("Timing " + describeModel(shape.model).name + " at batch size " + std::to_string(batch) +
          (shape.side_by_side > 1 ? ", " + std::to_string(shape.side_by_side) + " side by side"
                                  : std::string()));
      const ShapeTiming timing = options_.timer
                                     ? options_.timer(shape)
                                     : timeTrainingShape(shape, tensors, options_.timing_seconds);
      cache.put(key, timing);
      timedByFamily[family][batch] = timing;
      ++estimate.shapes_timed;
    }
  }
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

  // Every trial's cost, then the schedule of the study with and without pruning.
  std::vector<TrialDuration> full, fewest;
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
    const TimingShape alone = shapeOf(trial, 1);
    const TimingShape crowded = shapeOf(trial, sides.back());
    const ShapeTiming aloneTiming = interpolate(timedByFamily.at(familyOf(alone)), cost.batch_size);
    const ShapeTiming crowdedTiming =
        interpolate(timedByFamily.at(familyOf(crowded)), cost.batch_size);
    // Three points per logged step (accuracy, loss, learning rate), four per epoch end.
    const double points =
        3.0 * cost.steps_per_epoch / std::max(1, trial.spec.training.log_every_n_steps) + 4;
    const double filesFull = trialFileSeconds(files, cost.epochs, points);
    const double filesFewest = trialFileSeconds(files, cost.min_epochs, points);
    full.push_back({trialSeconds(aloneTiming, cost.steps_per_epoch, cost.epochs) + filesFull,
                    trialSeconds(crowdedTiming, cost.steps_per_epoch, cost.epochs) + filesFull});
    fewest.push_back(
        {trialSeconds(aloneTiming, cost.steps_per_epoch, cost.min_epochs) + filesFewest,
         trialSeconds(crowdedTiming, cost.steps_per_epoch, cost.min_epochs) + filesFewest});
    estimate.steps += cost.steps;
    estimate.min_steps += cost.min_steps;
    estimate.pruning = estimate.pruning || cost.min_epochs < cost.epochs;
    estimate.early_stopping = estimate.early_stopping || trial.spec.training.early_stopping.enabled;
    estimate.trials.push_back(std::move(cost));
  }
  // Below 0.9 of a core the difference is more than the measurement's noise.
  constexpr double kBusyShare = 0.9;
  if (options_.measure_load) {
    const double share = measureCpuShare(estimate.workers, options_.load_probe_seconds);
    estimate.cpu_share = share < kBusyShare ? share : 1.0;
  }
  const double stretch = 1.0 / estimate.cpu_share;
  const Schedule schedule = scheduleTrials(full, estimate.workers);
  for (size_t i = 0; i < estimate.trials.size(); ++i)
    estimate.trials[i].seconds = (schedule.end[i] - schedule.start[i]) * stretch;
  estimate.quiet_wall_seconds = estimate.data_seconds + schedule.wall_seconds;
  estimate.wall_seconds = estimate.data_seconds + schedule.wall_seconds * stretch;
  estimate.min_wall_seconds =
      estimate.data_seconds + scheduleTrials(fewest, estimate.workers).wall_seconds * stretch;
  return estimate;
}

}  // namespace sweeplab
