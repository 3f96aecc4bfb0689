// One pruner from the settings of a study (the `pruning:` section's shape, without the file).
#pragma once

#include <memory>
#include <string>

#include "sweeplab/pruning/asha_pruner.h"
#include "sweeplab/pruning/median_pruner.h"

namespace sweeplab::pruning {

enum class PruningMethod { none, median, asha };
const char* toString(PruningMethod method);

struct PruningSettings {
  PruningMethod method = PruningMethod::none;
  std::string metric = "val_acc";  // named in the reasons; the runner reports its values
  Direction direction = Direction::maximize;
  MedianSettings median;  // used by method median
  AshaSettings asha;      // used by method asha
};

// Throws std::invalid_argument for settings the chosen rule rejects.
std::unique_ptr<Pruner> makePruner(const PruningSettings& settings);

}  // namespace sweeplab::pruning
