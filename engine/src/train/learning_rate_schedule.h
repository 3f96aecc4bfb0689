// Learning rate per epoch, as Lightning steps MASE's schedulers: once at the end of each epoch.
#pragma once

#include "sweeplab/experiment_spec.h"

namespace sweeplab {

// Learning rate used during `epoch` (0-based). Cosine follows PyTorch's CosineAnnealingLR in its
// closed form, which keeps oscillating past t_max just as the recursive form does.
double learningRateAtEpoch(const TrainingSpec& training, int epoch);

}  // namespace sweeplab
