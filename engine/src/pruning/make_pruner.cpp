#include "sweeplab/pruning/make_pruner.h"

namespace sweeplab::pruning {

const char* toString(PruningMethod method) {
  switch (method) {
    case PruningMethod::median:
      return "median";
    case PruningMethod::asha:
      return "asha";
    case PruningMethod::none:
      break;
  }
  return "none";
}

std::unique_ptr<Pruner> makePruner(const PruningSettings& settings) {
  switch (settings.method) {
    case PruningMethod::median:
      return std::make_unique<MedianPruner>(settings.direction, settings.metric, settings.median);
    case PruningMethod::asha:
      return std::make_unique<AshaPruner>(settings.direction, settings.metric, settings.asha);
    case PruningMethod::none:
      break;
  }
  return std::make_unique<NoPruner>(settings.direction, settings.metric);
}

}  // namespace sweeplab::pruning
