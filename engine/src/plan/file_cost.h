// What a trial's files cost: the runner rewrites the trial's metrics.csv, every point so far,
// at each epoch's end (atomically: temp file, fsync, rename), so a long trial spends time
// quadratic in its epochs on it. Measured once per machine by writing such files.
#pragma once

#include <string>

namespace sweeplab {

struct FileCost {
  double seconds_per_write = 0;  // one atomic write, whatever its size (the fsync)
  double seconds_per_point = 0;  // formatting and writing one metric point
};

// Writes metrics files of a few sizes into a temporary folder under `dir`.
FileCost measureFileCost(const std::string& dir);

// The seconds a trial of `epochs` epochs with `pointsPerEpoch` metric points each spends on its
// files: the rewrite at every epoch end, and at its end metrics.csv and the TensorBoard CSVs.
double trialFileSeconds(const FileCost& cost, int epochs, double pointsPerEpoch);

}  // namespace sweeplab
