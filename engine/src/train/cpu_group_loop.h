// The CPU's group loop: one thread steps every member of the group in turn through one CPU step
// kernel (cpu_mlp_step.h), whose buffers they share, each on the rows of its own shuffle, and
// updates all of them at once (grouped_optimizer.h).
#pragma once

#include <memory>
#include <vector>

#include "train/group_loop.h"

namespace sweeplab {

// Requirements: float32 features with int64 labels, on the CPU, and a model the CPU step kernel
// trains (else std::invalid_argument). Takes over the members' parameters (their storage moves
// into the grouped optimizer's stacked buffers until release()).
std::unique_ptr<GroupLoop> makeCpuGroupLoop(std::vector<GroupMember>& members);

}  // namespace sweeplab
