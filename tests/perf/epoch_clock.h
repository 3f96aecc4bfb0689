// A RunObserver that notes when each training epoch and each full epoch (training plus
// validation) of every trial ends, so the benchmark measures the engine exactly as a sweep runs
// it, trials side by side included.
#pragma once

#include <chrono>
#include <map>
#include <string>
#include <vector>

#include "sweeplab/run_observer.h"

namespace sweeplab {

class EpochClock : public RunObserver {
 public:
  void trialStarted(int trial) override;
  void metricPoints(int trial, const std::vector<MetricPoint>& points) override;
  void trialProgress(int trial, const TrialProgress& progress) override;

  // Seconds of each epoch's training steps alone (the part a bare PyTorch loop also does).
  std::vector<double> trainSeconds(int trial) const;
  // Seconds from one epoch end to the next, validation and reporting included.
  std::vector<double> epochSeconds(int trial) const;

 private:
  using Clock = std::chrono::steady_clock;
  struct TrialTimes {
    Clock::time_point epoch_start;
    std::vector<double> train_seconds;
    std::vector<double> epoch_seconds;
  };

  std::map<int, TrialTimes> trials_;
};

}  // namespace sweeplab
