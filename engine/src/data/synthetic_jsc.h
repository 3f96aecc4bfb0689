// The built-in stand-in for the JSC dataset, used when no data file is given.
#pragma once

#include <cstdint>

#include "sweeplab/dataset.h"

namespace sweeplab {

// `samples` rows with the 16 JSC feature names and the classes g, q, w, z, t. The same
// `samples` gives the same bytes on every platform and with any number of threads.
RawDataset generateSyntheticJsc(std::int64_t samples);

}  // namespace sweeplab
