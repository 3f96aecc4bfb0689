// Trials of one group (trial_grouping.h) trained together on the CPU: one thread steps every
// trial of the group in turn through one CPU step kernel (cpu_mlp_step.h), whose buffers they
// share, and updates all of them at once (grouped_optimizer.h). Everything else stays each
// trial's own: its Trainer (epochs, schedule, validation, early stopping, test, checkpoints,
// metric points), its seed (initial weights and shuffle), its stop flag.
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
// a group (same model, batch size, optimizer and dataset; a model the CPU step kernel trains).
// On a device other than the CPU, or when the contexts ask for the resident loop, the group trains
// through runResidentGroup (resident_group.h) instead, the device's loop, which the CPU runs too.
// Errors: std::invalid_argument when the trials cannot share a group; other exceptions (out of
// memory, a failed checkpoint write) propagate as from runTrial, and the trials without a call
// to on_finished then have no result.
// Threads: everything runs on the calling thread (callbacks included), which should have one
// LibTorch intra-op thread as a small trial alone gets; groups on different threads may train at
// the same time.
std::vector<TrialSummary> runTrialGroup(
    const std::vector<TrialContext>& contexts,
    const std::function<void(size_t, const TrialSummary&)>& on_finished = {});

}  // namespace sweeplab
