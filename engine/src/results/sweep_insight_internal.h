// What the sweep-insight sources share beyond the public header.
#pragma once

#include <string>

#include "sweeplab/metrics.h"

namespace sweeplab {

// The trial's value of swept key `key` (canonical: "model.name" also finds a sweep of "model"),
// or nullptr when the trial did not set it.
const std::string* sweptValue(const TrialSummary& trial, const std::string& key);

}  // namespace sweeplab
