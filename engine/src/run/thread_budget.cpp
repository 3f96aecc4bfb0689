#include "run/thread_budget.h"

#include <algorithm>

#include "sweeplab/model_catalog.h"

namespace sweeplab {

int intraOpThreads(const TrialSpec& trial, int available) {
  // Multiply-adds of one step, roughly batch x parameters; below a few million a second
  // thread costs more in synchronisation than it saves.
  constexpr double kWorkPerExtraThread = 4.0e6;
  const double work = static_cast<double>(trial.spec.training.batch_size) *
                      describeModel(trial.spec.model).trainable_parameters;
  const int useful = 1 + static_cast<int>(work / kWorkPerExtraThread);
  return std::max(1, std::min(available, useful));
}

}  // namespace sweeplab
