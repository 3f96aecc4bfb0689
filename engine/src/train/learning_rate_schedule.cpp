#include "train/learning_rate_schedule.h"

#include <cmath>

namespace sweeplab {

double learningRateAtEpoch(const TrainingSpec& training, int epoch) {
  const double base = training.learning_rate;
  const SchedulerSpec& schedule = training.scheduler;
  switch (schedule.kind) {
    case SchedulerKind::Constant:
      return base;
    case SchedulerKind::Step:
      return base * std::pow(schedule.gamma, epoch / schedule.step_size);
    case SchedulerKind::Cosine: {
      const int tMax = schedule.t_max.value_or(training.max_epochs);
      const double pi = std::acos(-1.0);
      return schedule.eta_min + (base - schedule.eta_min) * (1 + std::cos(pi * epoch / tMax)) / 2;
    }
  }
  return base;
}

}  // namespace sweeplab
