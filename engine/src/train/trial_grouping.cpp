#include "train/trial_grouping.h"

#include <algorithm>
#include <cmath>

#include "sweeplab/experiment_io.h"
#include "sweeplab/model_catalog.h"

namespace sweeplab {
namespace {

std::string layerPlan(const TrialSpec& trial) {
  std::string plan;
  for (const LayerDef& layer : describeModel(trial.spec.model).layers)
    plan += layer.toString() + ";";
  return plan;
}

// The spec with everything a trial of a group keeps its own set to one value.
ExperimentSpec sharedPart(const ExperimentSpec& spec) {
  ExperimentSpec shared = spec;
  TrainingSpec& training = shared.training;
  const TrainingSpec defaults;
  training.learning_rate = defaults.learning_rate;
  training.weight_decay = defaults.weight_decay;
  training.momentum = defaults.momentum;
  training.scheduler = defaults.scheduler;
  training.seed = defaults.seed;
  training.max_epochs = defaults.max_epochs;
  training.log_every_n_steps = defaults.log_every_n_steps;
  training.early_stopping = defaults.early_stopping;
  training.test_checkpoint = defaults.test_checkpoint;
  shared.sweep.clear();
  shared.repeats = 1;
  shared.parallel_trials = 1;
  return shared;
}

}  // namespace

// Any device will do: the CPU's group loop trains on the CPU and the device's group loop
// (resident_group.h) on any other. Neither trains Dropout.
std::string groupingObstacle(const TrialSpec& trial) {
  for (const LayerDef& layer : describeModel(trial.spec.model).layers)
    if (layer.kind == LayerDef::Kind::Dropout)
      return "its model has Dropout, which the group loops do not train";
  return {};
}

std::string groupingConflict(const TrialSpec& a, const TrialSpec& b) {
  for (const TrialSpec* trial : {&a, &b}) {
    const std::string obstacle = groupingObstacle(*trial);
    if (!obstacle.empty()) return trial->label() + ": " + obstacle;
  }
  if (layerPlan(a) != layerPlan(b)) return "different models";
  if (a.spec.training.batch_size != b.spec.training.batch_size) return "different batch sizes";
  if (a.spec.training.optimizer != b.spec.training.optimizer) return "different optimizers";
  if (a.spec.device != b.spec.device)
    return "different devices: groups train on the CPU or on one GPU, never across devices";
  const ExperimentSpec shared = sharedPart(a.spec);
  ExperimentSpec withOtherDataset = shared;
  withOtherDataset.dataset = b.spec.dataset;
  if (!(shared == withOtherDataset)) return "different datasets";
  if (!(shared == sharedPart(b.spec))) return "other settings differ";
  return {};
}

int groupSizeLimit(const TrialSpec& trial, const GroupingLimits& limits) {
  const ModelInfo model = describeModel(trial.spec.model, limits.inputs, limits.classes);
  // Shared step buffers: the batch feature-major, and each layer's output and gradient.
  int64_t width = limits.inputs, widths = limits.inputs;
  for (const LayerDef& layer : model.layers) {
    if (layer.kind == LayerDef::Kind::Linear) width = layer.out;
    widths += 2 * width;
  }
  const int64_t sharedBytes = int64_t{4} * trial.spec.training.batch_size * widths;
  // Values, gradients and two moments per parameter, in float32.
  const int64_t stateBytes = int64_t{16} * std::max<int64_t>(1, model.trainable_parameters);
  const int64_t byCache = std::max<int64_t>(1, (limits.cache_bytes - sharedBytes) / stateBytes);
  // Each trial's permutation (int64 per row) and its state with a best-checkpoint copy.
  const int64_t perTrialBytes = 8 * limits.train_rows + stateBytes + 4 * model.trainable_parameters;
  const int64_t byMemory =
      std::max<int64_t>(1, limits.memory_bytes / std::max(1, limits.workers) / perTrialBytes);
  return static_cast<int>(
      std::max<int64_t>(1, std::min<int64_t>({limits.max_group_size, byCache, byMemory})));
}

std::vector<std::vector<int>> formTrialGroups(const std::vector<TrialSpec>& trials,
                                              const GroupingLimits& limits) {
  // Classes of trials that may share a group, each in grid order.
  std::vector<std::vector<int>> classes;
  for (int i = 0; i < static_cast<int>(trials.size()); ++i) {
    if (!groupingObstacle(trials[i]).empty()) {
      classes.push_back({i});
      continue;
    }
    auto match = std::find_if(classes.begin(), classes.end(), [&](const std::vector<int>& c) {
      return groupingConflict(trials[c.front()], trials[i]).empty();
    });
    if (match == classes.end())
      classes.push_back({i});
    else
      match->push_back(i);
  }
  // A class gets the workers in proportion to its share of the study's work (at least one group,
  // more where a group would pass its size limit): a study of one kind of trial is spread over
  // every core, while a random search, whose trials fall into many small classes, keeps each
  // class together, since the other classes fill the cores.
  const auto workOf = [&](int trial) {
    return static_cast<long long>(std::max(1, trials[trial].spec.training.max_epochs));
  };
  long long totalWork = 0;
  for (int i = 0; i < static_cast<int>(trials.size()); ++i) totalWork += workOf(i);
  std::vector<std::vector<int>> groups;
  for (const std::vector<int>& members : classes) {
    const auto count = static_cast<int>(members.size());
    const int limit = groupSizeLimit(trials[members.front()], limits);
    long long classWork = 0;
    for (int trial : members) classWork += workOf(trial);
    const auto workersShare = static_cast<int>(std::lround(
        static_cast<double>(std::max(1, limits.workers)) * static_cast<double>(classWork) /
        static_cast<double>(std::max(1LL, totalWork))));
    const int groupCount =
        std::max({1, std::min(workersShare, count), (count + limit - 1) / limit});
    // Longest trials first, each to the group with the least work so far (epochs, since the
    // trials of a class take equally long steps): an epoch study's longest trial then trains
    // with few others, and the groups on the cores end at about the same time.
    std::vector<int> byWork = members;
    std::stable_sort(byWork.begin(), byWork.end(), [&](int a, int b) {
      return trials[a].spec.training.max_epochs > trials[b].spec.training.max_epochs;
    });
    std::vector<std::vector<int>> classGroups(groupCount);
    std::vector<long long> work(groupCount, 0);
    for (int trial : byWork) {
      int best = -1;
      for (int g = 0; g < groupCount; ++g)
        if (static_cast<int>(classGroups[g].size()) < limit && (best < 0 || work[g] < work[best]))
          best = g;
      classGroups[best].push_back(trial);
      work[best] += workOf(trial);
    }
    for (std::vector<int>& group : classGroups) {
      std::sort(group.begin(), group.end());  // grid order within a group
      groups.push_back(std::move(group));
    }
  }
  std::sort(groups.begin(), groups.end());
  return groups;
}

}  // namespace sweeplab
