// The study's wall time from its trials' durations: the runner's workers take trials in order,
// and trials side by side share the machine, so each runs slower than alone (memory bandwidth,
// caches). An event simulation over the moments a trial ends keeps both facts.
#include <algorithm>
#include <limits>

#include "sweeplab/cost_estimate.h"

namespace sweeplab {
namespace {

// A trial's duration at the pace of c trials side by side.
double durationAt(const TrialDuration& trial, int side, int workers) {
  if (workers <= 1 || side <= 1) return trial.alone;
  const double share = static_cast<double>(std::min(side, workers) - 1) / (workers - 1);
  return trial.alone + (trial.crowded - trial.alone) * share;
}

}  // namespace

Schedule scheduleTrials(const std::vector<TrialDuration>& trials, int workers) {
  workers = std::max(1, workers);
  Schedule schedule;
  schedule.start.assign(trials.size(), 0.0);
  schedule.end.assign(trials.size(), 0.0);
  std::vector<size_t> running;
  std::vector<double> left(trials.size(), 1.0);  // share of each trial's work still to do
  size_t next = 0;
  double now = 0;
  while (next < trials.size() || !running.empty()) {
    while (static_cast<int>(running.size()) < workers && next < trials.size()) {
      schedule.start[next] = now;
      running.push_back(next++);
    }
    const int side = static_cast<int>(running.size());
    double step = std::numeric_limits<double>::infinity();
    for (size_t i : running) step = std::min(step, left[i] * durationAt(trials[i], side, workers));
    if (!(step > 0)) step = 0;  // a trial of no work ends at once
    now += step;
    std::vector<size_t> still;
    for (size_t i : running) {
      const double duration = durationAt(trials[i], side, workers);
      left[i] = duration > 0 ? left[i] - step / duration : 0;
      if (left[i] <= 1e-9) {
        schedule.end[i] = now;
      } else {
        still.push_back(i);
      }
    }
    running.swap(still);
  }
  schedule.wall_seconds = now;
  return schedule;
}

}  // namespace sweeplab
