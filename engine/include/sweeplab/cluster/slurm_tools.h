// Running the Slurm commands (sbatch, squeue, scancel, scontrol, sacct): found on PATH, or run
// through the settings' command prefix (an ssh to the login node, for example).
#pragma once

#include <string>
#include <vector>

namespace sweeplab {

struct ToolResult {
  int exit_code = -1;  // -1 when the command could not be started or was killed
  std::string out;
  std::string err;
};

// Runs `tool args...`, or `prefix... 'tool' 'args'...` with the arguments quoted for the remote
// shell when a prefix is set, and waits for it. Throws InputError with what to do when the
// tool (or the prefix's program) is not installed.
ToolResult runSlurmTool(const std::string& commandPrefix, const std::string& tool,
                        const std::vector<std::string>& args);

// The command line as a person would type it, for messages and the job script's record.
std::string shellQuote(const std::string& word);

}  // namespace sweeplab
