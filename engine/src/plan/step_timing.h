// Times real training steps of one shape (model, batch size, optimizer) on the prepared data,
// with the loop a trial of that shape trains with (chooseTrainingLoop, or the group loop for a
// grouped shape), on the CPU.
#pragma once

#include "sweeplab/cost_estimate.h"
#include "train/device_data.h"

namespace sweeplab {

// `shape.side_by_side` copies train at once, each on its own thread with `shape.threads`
// intra-op threads, as the runner's workers do; the result is their mean. Each copy times at
// least 300 steps and `minSeconds` of them after a short warm-up, or whole epochs where an
// epoch is shorter than that, then one validation and one test pass.
ShapeTiming timeTrainingShape(const TimingShape& shape, const DeviceData& data, double minSeconds);

}  // namespace sweeplab
