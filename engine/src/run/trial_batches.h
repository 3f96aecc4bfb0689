// How the runner batches the trials it trains: trials that may share one computation train as a
// group (train/trial_group.h), every other trial on its own. The decision is the runner's alone,
// made once per run from the study, the device and the data; it never changes what a trial
// learns beyond float rounding.
#pragma once

#include <ATen/core/Tensor.h>

#include <string>
#include <vector>

#include "sweeplab/experiment_spec.h"
#include "sweeplab/trial.h"
#include "train/device_data.h"

namespace sweeplab {

struct BatchingChoice {
  bool grouped = false;      // groupable trials train through the group loop
  bool device_loop = false;  // ... the device's group loop (resident_group.h), not the CPU's
  std::string reason;        // why not, when not (for the status line and tests)
};

// Grouping needs `batching: auto` and float32 features with int64 labels. On a GPU, or when the
// resident loop is asked for, groups train through the device's group loop; on the CPU otherwise
// through the CPU step kernel, which must not be turned off.
BatchingChoice chooseBatching(const ExperimentSpec& spec, const at::Device& device,
                              const DeviceData& data, bool residentLoop);

// The trials of `order` as batches for the scheduler, in the order of their first trials: with
// grouping, groups from formTrialGroups for `workers` side by side (for the device's group loop:
// each class of trials as one group, split only by the size limit); without, one trial each.
std::vector<std::vector<int>> batchTrials(const std::vector<TrialSpec>& trials,
                                          const std::vector<int>& order,
                                          const BatchingChoice& choice, const DeviceData& data,
                                          int workers);

// Whether a trial trains through the group loop (alone or with others) under `choice`.
bool trainsInGroupLoop(const TrialSpec& trial, const BatchingChoice& choice);

}  // namespace sweeplab
