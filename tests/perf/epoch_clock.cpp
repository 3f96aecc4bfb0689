// Timestamps taken on the trainers' threads as the callbacks arrive (the runner serialises them);
// the observer does no other work, so it adds nothing measurable to the epochs it times.
#include "epoch_clock.h"

#include <cstring>

namespace sweeplab {
namespace {

double secondsBetween(std::chrono::steady_clock::time_point from,
                      std::chrono::steady_clock::time_point to) {
  return std::chrono::duration<double>(to - from).count();
}

}  // namespace

void EpochClock::trialStarted(int trial) {
  trials_[trial].epoch_start = Clock::now();
}

void EpochClock::metricPoints(int trial, const std::vector<MetricPoint>& points) {
  // The epoch's training loss is reported as soon as its last step is done, before validation.
  for (const MetricPoint& point : points) {
    if (std::strcmp(point.name.c_str(), metric::kTrainLossEpoch) == 0) {
      TrialTimes& times = trials_[trial];
      times.train_seconds.push_back(secondsBetween(times.epoch_start, Clock::now()));
      return;
    }
  }
}

void EpochClock::trialProgress(int trial, const TrialProgress& progress) {
  const Clock::time_point now = Clock::now();
  TrialTimes& times = trials_[trial];
  times.epoch_seconds.push_back(secondsBetween(times.epoch_start, now));
  times.epoch_start = now;
}

std::vector<double> EpochClock::trainSeconds(int trial) const {
  const auto found = trials_.find(trial);
  return found == trials_.end() ? std::vector<double>() : found->second.train_seconds;
}

std::vector<double> EpochClock::epochSeconds(int trial) const {
  const auto found = trials_.find(trial);
  return found == trials_.end() ? std::vector<double>() : found->second.epoch_seconds;
}

}  // namespace sweeplab
