#include "train/early_stopping.h"

namespace sweeplab {

void EarlyStopping::record(double valLoss, double valAcc) {
  if (!spec_.enabled) return;
  const bool byLoss = spec_.monitor != "val_acc";
  const double value = byLoss ? valLoss : valAcc;
  const bool improved =
      !seen_ || (byLoss ? value < best_ - spec_.min_delta : value > best_ + spec_.min_delta);
  if (improved) {
    best_ = value;
    seen_ = true;
    epochsWithoutImprovement_ = 0;
  } else {
    ++epochsWithoutImprovement_;
  }
}

bool EarlyStopping::shouldStop(std::string* reason) const {
  if (!spec_.enabled || epochsWithoutImprovement_ < spec_.patience) return false;
  if (reason) {
    *reason = "early stopping: " + spec_.monitor + " did not improve for " +
              std::to_string(spec_.patience) + " epochs";
  }
  return true;
}

}  // namespace sweeplab
