// What `run` and `resume` share once they know what to train: progress on stderr, the run
// store, Ctrl+C handling, the results table on stdout and the exit status.
#pragma once

#include <vector>

#include "arguments.h"
#include "sweeplab/sweep_runner.h"

namespace sweeplab::cli {

// `shown`: 0-based indices of the trials that will train (empty: all), for the progress lines.
int trainAndReport(const ExperimentSpec& spec, const RunOptions& options, const Arguments& args,
                   const std::vector<int>& shown);

}  // namespace sweeplab::cli
