// Where the ready experiment files are, for an installed sweeplab-cli and one run from the
// build tree alike; the same search as the window's experiment list.
#pragma once

#include <string>
#include <vector>

namespace sweeplab::cli {

// In order: $SWEEPLAB_EXPERIMENTS_DIR, <folder of this executable>/../share/sweeplab/experiments,
// the source tree's experiments/ (for a binary that was never installed).
std::vector<std::string> exampleExperimentsCandidates();
// The first candidate that is a folder; empty when none is.
std::string findExampleExperiments();

}  // namespace sweeplab::cli
