// The built-in stand-in for the JSC dataset, used when no data file is given.
#pragma once

#include <cstdint>

#include "sweeplab/dataset.h"

namespace sweeplab {

// Bump whenever the generated rows change, so that prepared-data caches and dataset fingerprints
// of runs made with an older generator no longer match (their comparison then says the data
// differ). Version 2: calibrated against the published JSC accuracies (docs/datasets.md).
inline constexpr std::uint64_t kSyntheticJscVersion = 2;

// `samples` rows with the 16 JSC feature names and the classes g, q, w, z, t. The same
// `samples` gives the same bytes on every platform and with any number of threads.
RawDataset generateSyntheticJsc(std::int64_t samples);

}  // namespace sweeplab
