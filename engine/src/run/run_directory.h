// Creating a run folder and the trial folders inside it.
#pragma once

#include <string>

#include "sweeplab/experiment_spec.h"

namespace sweeplab {

// "<out>/<name>-20261128-171500" (with "-2", "-3" ... if taken). Throws InputError when the
// output folder cannot be created or written.
std::string createRunDirectory(const std::string& outDir, const std::string& experimentName);

// The experiment as it will run, with the dataset path made absolute so the copy in the run
// folder still finds its data.
ExperimentSpec specForRunFolder(const ExperimentSpec& spec);

std::string utcTimestamp();  // ISO 8601, e.g. 2026-11-28T17:15:00Z

}  // namespace sweeplab
