// Lightning's EarlyStopping as MASE configures it: stop when the monitored validation metric
// has not improved by min_delta for `patience` epochs in a row.
#pragma once

#include <string>

#include "sweeplab/experiment_spec.h"

namespace sweeplab {

class EarlyStopping {
 public:
  explicit EarlyStopping(const EarlyStoppingSpec& spec) : spec_(spec) {}

  // Records one epoch's validation loss and accuracy.
  void record(double valLoss, double valAcc);

  // True once the patience is spent; `reason` then says so for the trial's message.
  bool shouldStop(std::string* reason) const;

 private:
  EarlyStoppingSpec spec_;
  bool seen_ = false;
  double best_ = 0;
  int epochsWithoutImprovement_ = 0;
};

}  // namespace sweeplab
