// Trials of one group (trial_grouping.h) trained together on a device: every member's parameters
// stacked as [G, ...] tensors (stacked_model.h) and one step of ordinary LibTorch ops (batched
// matrix products, batch norm over [B, G x C], a cross-entropy per member) trains all of them at
// once, on any device: the CPU in tests, a GPU for speed, where the step is captured once as a
// CUDA graph and replayed. Like the resident loop (resident_loop.h), each member's permutation and
// the batch cursor stay on the device, so a step waits for nothing on the host. Everything else
// stays each trial's own, as in the CPU's group (trial_group.h): its Trainer, its seed, its stop
// flag.
//
// Each member's own model is not trained in place: the stacked values are copied into it (under
// no-grad) whenever the Trainer reads it, that is at every epoch end before its endEpoch, and when
// the member stops stepping mid-epoch (a stop, divergence). Its slot in the stacked tensors goes
// on being computed afterwards, so the step keeps its shapes (and its graph), but nothing of it is
// read again.
#pragma once

#include <functional>
#include <vector>

#include "train/trainer.h"

namespace sweeplab {

// Trains the trials of `contexts` as one group on the calling thread and returns their summaries
// in the same order. Each context is filled as for runTrial: the callbacks of trial i are called
// for trial i only, its stop flags end it alone (the others go on), its checkpoints go to its
// trial_dir. A trial leaves the group when it ends (its epochs done, early stopping, a stop,
// divergence); `on_finished(i, summary)` is then called at once, before the others go on. Each
// member sees the batches it would see alone in the resident loop, in the same order.
// Requirements: the same data and device, and trials that may share a group (same model, batch
// size, optimizer and dataset), whose models are made of Linear, BatchNorm1d and element-wise
// activations.
// Errors: std::invalid_argument, before anything trains, when the trials cannot share a group or
// a layer is not one of those (the message names it); other exceptions (out of memory, a failed
// checkpoint write) propagate as from runTrial, and the trials without a call to on_finished then
// have no result.
// Threads: everything runs on the calling thread (callbacks included), on a stream of its own on
// a GPU; groups on different threads may train at the same time.
std::vector<TrialSummary> runResidentGroup(
    const std::vector<TrialContext>& contexts,
    const std::function<void(size_t, const TrialSummary&)>& on_finished = {});

}  // namespace sweeplab
