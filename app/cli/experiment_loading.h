// Loading the experiment named on the command line with its --set changes applied.
#pragma once

#include <cstddef>
#include <string>

#include "arguments.h"
#include "sweeplab/experiment_spec.h"

namespace sweeplab::cli {

// Reads positional FILE, applies every --set in order and validates the result; throws
// SpecError naming the file (or "--set") and the key.
ExperimentSpec loadExperimentWithOverrides(const Arguments& args);

// A --trial value as people number trials (from 1, as 'validate' lists them), checked against
// the experiment's `trialCount`; throws InputError naming what is allowed.
int parseTrialNumber(const std::string& text, std::size_t trialCount);

}  // namespace sweeplab::cli
