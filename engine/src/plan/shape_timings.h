// The timings one estimate needs: each distinct training shape read from the cache or timed now.
// Shapes that differ only in the batch size form a family; more drawn batch sizes of one family
// than a few are timed at some of them and interpolated (a step's time is close to linear in the
// batch).
#pragma once

#include <map>
#include <string>
#include <vector>

#include "plan/timing_cache.h"
#include "sweeplab/cost_estimate.h"
#include "train/device_data.h"

namespace sweeplab {

class ShapeTimings {
 public:
  // A shape the estimate will ask for.
  void want(const TimingShape& shape);
  // Reads or times every wanted shape (options: reuse, timer, status, cancel) and counts them
  // in `estimate` (shapes_timed, shapes_cached). Throws EstimateCancelled when cancelled.
  void measure(TimingCache& cache, const CostOptions& options, const DeviceData& tensors,
               CostEstimate& estimate);
  // A wanted shape's timing, after measure().
  ShapeTiming at(const TimingShape& shape) const;

 private:
  std::map<std::string, std::map<int, ShapeTiming>> timedByFamily_;  // family -> batch -> timing
  std::map<std::string, std::vector<int>> batchesByFamily_;
  std::map<std::string, TimingShape> familyShape_;
};

}  // namespace sweeplab
