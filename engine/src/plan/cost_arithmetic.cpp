// The exact parts of the estimate: steps per epoch as the trainer counts them, and how an
// estimate's length reads.
#include <algorithm>
#include <cmath>
#include <cstdio>

#include "sweeplab/cost_estimate.h"

namespace sweeplab {

long long stepsPerEpoch(long long rows, int batchSize) {
  if (rows <= 0 || batchSize <= 0) return 0;
  const long long full = rows / batchSize;
  const long long tail = rows % batchSize;
  return full + (tail >= 2 ? 1 : 0);
}

std::string formatEstimatedDuration(double seconds) {
  if (!(seconds >= 0) || !std::isfinite(seconds)) return "unknown";
  char text[48];
  if (seconds < 90) {  // under a second reads "1 s": the precision of the estimate
    seconds = std::max(seconds, 1.0);
    std::snprintf(text, sizeof text, "%.0f s", seconds);
  } else if (seconds < 3600) {
    std::snprintf(text, sizeof text, "%.0f min", seconds / 60);
  } else {
    const long long minutes = std::llround(seconds / 60);
    std::snprintf(text, sizeof text, "%lld h %02lld min", minutes / 60, minutes % 60);
  }
  return text;
}

}  // namespace sweeplab
