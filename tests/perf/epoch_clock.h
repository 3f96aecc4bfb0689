// A RunObserver that notes when each training epoch and each full epoch (training plus
// validation) of a trial ends, so the benchmark measures the engine exactly as a sweep runs it.
#pragma once

#include <chrono>
#include <string>
#include <vector>

#include "sweeplab/run_observer.h"

namespace sweeplab {

class EpochClock : public RunObserver {
 public:
  void trialStarted(int trial) override;
  void metricPoints(int trial, const std::vector<MetricPoint>& points) override;
  void trialProgress(int trial, const TrialProgress& progress) override;
  void status(const std::string& message) override;

  // Seconds of each epoch's training steps alone (the part a bare PyTorch loop also does).
  const std::vector<double>& trainSeconds() const { return train_seconds_; }
  // Seconds from one epoch end to the next, validation and reporting included.
  const std::vector<double>& epochSeconds() const { return epoch_seconds_; }
  const std::vector<std::string>& messages() const { return messages_; }

 private:
  using Clock = std::chrono::steady_clock;
  static double seconds(Clock::time_point from, Clock::time_point to);

  Clock::time_point epoch_start_;
  std::vector<double> train_seconds_;
  std::vector<double> epoch_seconds_;
  std::vector<std::string> messages_;
};

}  // namespace sweeplab
