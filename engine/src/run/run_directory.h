// Creating a run folder and the trial folders inside it.
#pragma once

#include <string>

#include "sweeplab/dataset.h"
#include "sweeplab/experiment_spec.h"
#include "sweeplab/metrics.h"

namespace sweeplab {

// "<out>/<name>-20261128-171500" (with "-2", "-3" ... if taken). Throws InputError when the
// output folder cannot be created or written.
std::string createRunDirectory(const std::string& outDir, const std::string& experimentName);

// The experiment as it will run, with the dataset path made absolute so the copy in the run
// folder still finds its data.
ExperimentSpec specForRunFolder(const ExperimentSpec& spec);

// What a new run records of its prepared data and of this build: the dataset's description,
// fingerprint, source, content hash, rows and classes, and the Sweeplab and LibTorch versions.
void recordRunInputs(RunSummary& run, const PreparedDataset& dataset);

std::string utcTimestamp();  // ISO 8601, e.g. 2026-11-28T17:15:00Z

}  // namespace sweeplab
