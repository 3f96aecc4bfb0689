// Removal of exact duplicate rows, the first step of the standard JSC preprocessing.
#pragma once

#include <cstdint>

#include "sweeplab/dataset.h"

namespace sweeplab {

// Drops every row whose features and label equal an earlier row's, keeping the first
// occurrence and the order of the rest. Returns how many rows were dropped.
std::int64_t dropDuplicateRows(Table& table, int num_features);

}  // namespace sweeplab
