#include "run/trial_batches.h"

#include <algorithm>

#include "train/cpu_mlp_step.h"
#include "train/trial_grouping.h"

namespace sweeplab {

BatchingChoice chooseBatching(const ExperimentSpec& spec, const at::Device& device,
                              const DeviceData& data, bool residentLoop) {
  if (spec.batching == Batching::Off) return {false, "batching: off"};
  if (!device.is_cpu()) return {false, "trials train one by one on a GPU"};
  if (residentLoop) return {false, "the resident loop was asked for"};
  if (!cpuMlpStepWanted()) return {false, "the CPU step kernel is turned off"};
  if (data.train.features.scalar_type() != at::kFloat ||
      data.train.labels.scalar_type() != at::kLong)
    return {false, "the data are not float32 features with int64 labels"};
  return {true, {}};
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
  for (const std::vector<int>& positions : formTrialGroups(selected, limits)) {
    std::vector<int> batch;
    for (int position : positions) batch.push_back(order[static_cast<size_t>(position)]);
    batches.push_back(std::move(batch));
  }
  return batches;
}

}  // namespace sweeplab
