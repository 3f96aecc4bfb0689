// Entry point and exit codes of sweeplab-cli, shared by the command implementations.
#pragma once

#include "sweeplab/metrics.h"

namespace sweeplab::cli {

// Scripts rely on these: 0 every trial finished or was pruned; 1 a trial failed, diverged or was
// stopped (or the run broke down); 2 the input was wrong (file, value, argument) and nothing ran.
enum ExitCode : int { kExitOk = 0, kExitTrialsFailed = 1, kExitBadInput = 2 };

// A trial that ended as the study meant it to: finished, or pruned (stopping poor trials is what
// a pruned study asks for, not a failure).
inline bool endedAsPlanned(TrialStatus status) {
  return status == TrialStatus::Finished || status == TrialStatus::Pruned;
}

int runCli(int argc, char** argv);

}  // namespace sweeplab::cli
