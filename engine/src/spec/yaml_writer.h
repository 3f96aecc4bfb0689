// Pieces of YAML text shared by the writer (every key) and the rewriter (an edited file).
#pragma once

#include <string>
#include <vector>

#include "spec/key_table.h"

namespace sweeplab {

std::vector<std::string> splitKey(const std::string& key);  // "a.b.c" -> {a, b, c}
// The key's value in the spec as written after "key: ".
std::string valueText(const KeyDef& def, const ExperimentSpec& spec);
// One swept key as written under sweep: "training.batch_size: [64, 128]".
std::string sweepLine(const SweepAxis& axis);

}  // namespace sweeplab
