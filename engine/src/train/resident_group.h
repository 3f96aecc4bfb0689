// The device's group loop: every member's parameters stacked as [G, ...] tensors
// (stacked_model.h) and one step of ordinary LibTorch ops (batched matrix products, batch norm
// over [B, G x C], a cross-entropy per member) trains all of them at once, on any device: the CPU
// in tests, a GPU for speed, where the step is captured once as a CUDA graph and replayed. Like
// the resident loop (resident_loop.h), each member's permutation and the batch cursor stay on the
// device, so a step waits for nothing on the host, and each member sees the batches it would see
// alone in the resident loop, in the same order.
//
// Each member's own model is not trained in place: the stacked values are copied into it (under
// no-grad) whenever the Trainer reads it, that is at every epoch end before its endEpoch, and when
// the member stops stepping mid-epoch (a stop, divergence). Its slot in the stacked tensors goes
// on being computed afterwards, so the step keeps its shapes (and its graph), but nothing of it is
// read again.
#pragma once

#include <memory>
#include <vector>

#include "train/group_loop.h"

namespace sweeplab {

// Requirements: one device, floating-point features with int64 labels, and models made of
// Linear, BatchNorm1d and element-wise activations; else std::invalid_argument naming the layer.
std::unique_ptr<GroupLoop> makeResidentGroupLoop(std::vector<GroupMember>& members);

}  // namespace sweeplab
