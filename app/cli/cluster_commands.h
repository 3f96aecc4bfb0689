// The command table's entries for Slurm: submit, status and cancel.
#pragma once

#include <vector>

#include "commands.h"

namespace sweeplab::cli {

std::vector<Command> clusterCommands();

}  // namespace sweeplab::cli
