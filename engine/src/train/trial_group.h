// Trials of one group (trial_grouping.h) trained together: each member's Trainer keeps
// everything that is the trial's own (epochs, schedule, validation, early stopping, test,
// checkpoints, metric points, its seed and its stop flag), and the group's loop (group_loop.h)
// steps all of them through each epoch at once: on the CPU one step kernel whose buffers they
// share (cpu_group_loop.h), on a GPU the members stacked into one batched step (resident_group.h).
#pragma once

#include <functional>
#include <vector>

#include "train/trainer.h"

namespace sweeplab {

// Trains the trials of `contexts` as one group on the calling thread and returns their summaries
// in the same order. Each context is filled as for runTrial: the callbacks of trial i are called
// for trial i only, its stop flags end it alone (the others go on), its checkpoints go to its
// trial_dir. A trial leaves the group when it ends (its epochs done, early stopping, a stop,
// divergence); `on_finished(i, summary)` is then called at once, before the others go on.
// Requirements (formTrialGroups checks them): the same data and device, and trials that may share
// a group (same model, batch size, optimizer and dataset; a model the group's loop trains). The
// loop is chooseGroupLoop's (group_loop.h): on a device other than the CPU, or when the contexts
// ask for the resident loop, the device's loop (resident_group.h), which the CPU runs too.
// Errors: std::invalid_argument, before anything trains, when the trials cannot share a group or
// their loop cannot train them (the message says why); other exceptions (out of
// memory, a failed checkpoint write) propagate as from runTrial, and the trials without a call
// to on_finished then have no result.
// Threads: everything runs on the calling thread (callbacks included), which should have one
// LibTorch intra-op thread as a small trial alone gets; groups on different threads may train at
// the same time.
std::vector<TrialSummary> runTrialGroup(
    const std::vector<TrialContext>& contexts,
    const std::function<void(size_t, const TrialSummary&)>& on_finished = {});

}  // namespace sweeplab
