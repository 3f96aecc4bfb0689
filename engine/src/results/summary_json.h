// JSON form of trial and run summaries, shared by summary.json and the JSON results table.
#pragma once

#include <nlohmann/json.hpp>

#include "sweeplab/metrics.h"

namespace sweeplab {

// Ordered, so files list fields in the order of the structs and swept keys in sweep order.
using Json = nlohmann::ordered_json;

inline constexpr int kSummaryFormatVersion = 1;

// Missing values (NaN) become null.
Json trialSummaryToJson(const TrialSummary& trial);

}  // namespace sweeplab
