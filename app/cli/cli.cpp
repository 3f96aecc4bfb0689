// Dispatch to a command and the one place that turns exceptions into an error line and an exit
// code, so every failure reads the same and none ends in a crash.
#include "cli.h"

#include <cstdio>
#include <exception>
#include <string>
#include <vector>

#include "commands.h"
#include "sweeplab/errors.h"

namespace sweeplab::cli {
namespace {

void printOut(const std::string& text) {
  std::fwrite(text.data(), 1, text.size(), stdout);
}

// Exactly one line, whatever the message holds, so scripts can rely on it.
void printError(const std::string& message) {
  std::string line = message;
  for (char& c : line) {
    if (c == '\n' || c == '\r') c = ' ';
  }
  std::fprintf(stderr, "sweeplab-cli: error: %s\n", line.c_str());
}

int dispatch(const std::vector<std::string>& args) {
  if (args.empty()) {
    throw InputError("no command given (commands: " + commandNames() +
                     "; see 'sweeplab-cli --help')");
  }
  const std::string& first = args.front();
  if (first == "--version") {
    if (args.size() > 1) throw InputError("--version: unexpected argument '" + args[1] + "'");
    printOut(versionText());
    return kExitOk;
  }
  if (first == "--help" || first == "-h" || (first == "help" && args.size() == 1)) {
    printOut(overviewHelp());
    return kExitOk;
  }
  if (first == "help") {
    if (args.size() > 2) throw InputError("help: unexpected argument '" + args[2] + "'");
    const Command* command = findCommand(args[1]);
    if (!command) {
      throw InputError("help: unknown command '" + args[1] + "' (commands: " + commandNames() +
                       ")");
    }
    printOut(command->usage);
    return kExitOk;
  }
  if (first.size() > 1 && first[0] == '-') {
    throw InputError("unknown option '" + first + "' (see 'sweeplab-cli --help')");
  }
  const Command* command = findCommand(first);
  if (!command) {
    throw InputError("unknown command '" + first + "' (commands: " + commandNames() + ")");
  }
  const Arguments parsed = parseArguments(command->name, {args.begin() + 1, args.end()},
                                          command->options, command->positional);
  if (parsed.helpRequested()) {
    printOut(command->usage);
    return kExitOk;
  }
  return command->run(parsed);
}

}  // namespace

int runCli(int argc, char** argv) {
  try {
    return dispatch({argv + 1, argv + argc});
  } catch (const InputError& error) {
    printError(error.what());
    return kExitBadInput;
  } catch (const std::exception& error) {
    printError(error.what());
    return kExitTrialsFailed;
  }
}

}  // namespace sweeplab::cli
