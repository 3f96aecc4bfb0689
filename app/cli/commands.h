// The commands of sweeplab-cli: their options, help texts and implementations.
#pragma once

#include <string>
#include <vector>

#include "arguments.h"

namespace sweeplab::cli {

struct Command {
  std::string name;
  std::string summary;  // one line for the overview
  std::string usage;    // full help of the command
  std::vector<OptionSpec> options;
  PositionalSpec positional;
  int (*run)(const Arguments& args);
};

const std::vector<Command>& commands();
const Command* findCommand(const std::string& name);  // nullptr when unknown
std::string commandNames();                           // "run, resume, validate, ..., help"

std::string overviewHelp();
std::string versionText();

int runCommand(const Arguments& args);
int resumeCommand(const Arguments& args);
int validateCommand(const Arguments& args);
int planCommand(const Arguments& args);
int modelsCommand(const Arguments& args);
int tableCommand(const Arguments& args);
int importanceCommand(const Arguments& args);
int evaluateCommand(const Arguments& args);
int historyCommand(const Arguments& args);
int reportCommand(const Arguments& args);
int submitCommand(const Arguments& args);
int statusCommand(const Arguments& args);
int cancelCommand(const Arguments& args);
int runTaskCommand(const Arguments& args);
// `resume RUNDIR --slurm`.
int resubmitCommand(const Arguments& args, const std::string& runDir);

}  // namespace sweeplab::cli
