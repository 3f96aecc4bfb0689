// Which trials of a sweep may train together as one group (trial_group.h), and how large a
// group may be. Pure functions of the trial specs and a few machine figures; no torch.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "sweeplab/trial.h"

namespace sweeplab {

struct GroupingLimits {
  int workers = 1;         // groups trained side by side, one per core
  int64_t train_rows = 0;  // rows of the training split: each trial keeps its permutation
  int inputs = 16;         // features per row
  int classes = 5;
  int64_t memory_bytes = int64_t{1} << 30;  // for all groups' per-trial state together
  int64_t cache_bytes = 1 << 20;            // per core: the group's parameters and state fit
  int max_group_size = 64;
};

// Why a trial cannot train in any group (its model has a layer neither group loop trains:
// Dropout), or empty when it can. Its device is no obstacle: groups train on the CPU or a GPU.
std::string groupingObstacle(const TrialSpec& trial);

// Why two trials cannot share a group, or empty when they can: they must have the same model,
// batch size, optimizer, dataset and device, and differ at most in what each trial keeps its own
// (learning rate, weight decay, momentum, schedule, seed, epochs, early stopping, logging,
// tested checkpoint).
std::string groupingConflict(const TrialSpec& a, const TrialSpec& b);

// The largest group of trials like `trial`: the group's parameters, gradients and optimizer
// state beside the shared step buffers (batch x layer widths) fit in the core's cache, and the
// trials' permutations and state fit in the memory budget.
int groupSizeLimit(const TrialSpec& trial, const GroupingLimits& limits);

// The trials as groups, each a list of positions in `trials` in grid order, groups ordered by
// their first trial. Each class of compatible trials is spread over its share of the `workers`
// (by its share of the study's epochs; at least one group, more when a group would pass its size
// limit), balanced by their epochs; every other trial forms a group of one. Every position
// appears exactly once.
std::vector<std::vector<int>> formTrialGroups(const std::vector<TrialSpec>& trials,
                                              const GroupingLimits& limits);

}  // namespace sweeplab
