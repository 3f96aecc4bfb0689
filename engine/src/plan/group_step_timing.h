// Times the group loop's step (train/trial_group.cpp) for one shape: the members of a group step
// in lock step through one CPU step kernel, then one grouped optimizer update.
#pragma once

#include <torch/nn/modules/container/sequential.h>

#include <vector>

#include "plan/timing_clock.h"
#include "sweeplab/cost_estimate.h"
#include "train/device_data.h"

namespace sweeplab {

// Members of the timed group: a member's share of a step is the same in a group of any size
// (docs/performance.md), and two show the switching between members that one would not.
constexpr int kTimedGroupMembers = 2;

// One copy's timing on the calling thread, after `start` lets all copies go: at least 300 group
// steps and `minSeconds` of them after a short warm-up (whole epochs where an epoch is shorter),
// then a validation and a test pass. seconds_per_step is per member; `models` (the members,
// freshly built) train through it. Throws std::invalid_argument for a model the step kernel
// does not train.
// Adds a validation pass to `timing`'s seconds per epoch and sets its seconds per test, timed on
// `model` after a first validation that allocates what the others reuse; both timings end so.
void timeValidationAndTest(torch::nn::Sequential& model, const DeviceData& data,
                           const StopWatch& watch, ShapeTiming& timing);

ShapeTiming timeGroupCopy(const std::vector<torch::nn::Sequential>& models,
                          const TimingShape& shape, const DeviceData& data, double minSeconds,
                          StartLine& start);

}  // namespace sweeplab
