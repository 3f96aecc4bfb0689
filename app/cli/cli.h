// Entry point and exit codes of sweeplab-cli, shared by the command implementations.
#pragma once

namespace sweeplab::cli {

// Scripts rely on these: 0 every trial finished; 1 a trial failed, diverged or was stopped
// (or the run broke down); 2 the input was wrong (file, value, argument) and nothing ran.
enum ExitCode : int { kExitOk = 0, kExitTrialsFailed = 1, kExitBadInput = 2 };

int runCli(int argc, char** argv);

}  // namespace sweeplab::cli
