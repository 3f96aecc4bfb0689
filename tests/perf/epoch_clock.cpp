// Timestamps taken on the trainer's thread as the callbacks arrive; the observer does no other
// work, so it adds nothing measurable to the epochs it times.
#include "epoch_clock.h"

#include <cstring>

namespace sweeplab {

double EpochClock::seconds(Clock::time_point from, Clock::time_point to) {
  return std::chrono::duration<double>(to - from).count();
}

void EpochClock::trialStarted(int trial) {
  epoch_start_ = Clock::now();
}

void EpochClock::metricPoints(int trial, const std::vector<MetricPoint>& points) {
  // The epoch's training loss is reported as soon as its last step is done, before validation.
  for (const MetricPoint& point : points) {
    if (std::strcmp(point.name.c_str(), metric::kTrainLossEpoch) == 0) {
      train_seconds_.push_back(seconds(epoch_start_, Clock::now()));
      return;
    }
  }
}

void EpochClock::trialProgress(int trial, const TrialProgress& progress) {
  const Clock::time_point now = Clock::now();
  epoch_seconds_.push_back(seconds(epoch_start_, now));
  epoch_start_ = now;
}

void EpochClock::status(const std::string& message) {
  messages_.push_back(message);
}

}  // namespace sweeplab
