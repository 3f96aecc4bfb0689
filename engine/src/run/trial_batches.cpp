#include "run/trial_batches.h"

#include <algorithm>
#include <limits>

#include "train/cpu_mlp_step.h"
#include "train/trial_grouping.h"

namespace sweeplab {

BatchingChoice chooseBatching(const ExperimentSpec& spec, const at::Device& device,
                              const DeviceData& data, bool residentLoop) {
  if (spec.batching == Batching::Off) return {false, false, "batching: off"};
  if (data.train.features.scalar_type() != at::kFloat ||
      data.train.labels.scalar_type() != at::kLong)
    return {false, false, "the data are not float32 features with int64 labels"};
  // The device's group loop: stacked parameters and one step of tensor ops for the whole group.
  if (!device.is_cpu() || residentLoop) return {true, true, {}};
  if (!cpuMlpStepWanted()) return {false, false, "the CPU step kernel is turned off"};
  return {true, false, {}};
}

bool trainsInGroupLoop(const TrialSpec& trial, const BatchingChoice& choice) {
  return choice.grouped && groupingObstacle(trial).empty();
}

std::vector<std::vector<int>> batchTrials(const std::vector<TrialSpec>& trials,
                                          const std::vector<int>& order,
                                          const BatchingChoice& choice, const DeviceData& data,
                                          int workers) {
  std::vector<std::vector<int>> batches;
  if (!choice.grouped) {
    for (int index : order) batches.push_back({index});
    return batches;
  }
  std::vector<TrialSpec> selected;
  for (int index : order) selected.push_back(trials.at(static_cast<size_t>(index)));
  GroupingLimits limits;
  limits.workers = workers;
  limits.train_rows = data.train.rows();
  limits.inputs = static_cast<int>(data.train.features.size(1));
  limits.classes = data.classes;
  // One device: a class of trials forms as few groups as it can there (one larger step fills it
  // better than several small ones), and its step has no core cache to stay within; the memory
  // budget and the size cap remain, so a thousand full-size trials form 16 groups of at most 64,
  // which the workers train side by side, each on its own stream.
  if (choice.device_loop) {
    limits.workers = 1;
    limits.cache_bytes = std::numeric_limits<int64_t>::max() / 2;
  }
  for (const std::vector<int>& positions : formTrialGroups(selected, limits)) {
    std::vector<int> batch;
    for (int position : positions) batch.push_back(order[static_cast<size_t>(position)]);
    batches.push_back(std::move(batch));
  }
  return batches;
}

}  // namespace sweeplab
