// Loading the experiment named on the command line with its --set changes applied.
#pragma once

#include "arguments.h"
#include "sweeplab/experiment_spec.h"

namespace sweeplab::cli {

// Reads positional FILE, applies every --set in order and validates the result; throws
// SpecError naming the file (or "--set") and the key.
ExperimentSpec loadExperimentWithOverrides(const Arguments& args);

}  // namespace sweeplab::cli
