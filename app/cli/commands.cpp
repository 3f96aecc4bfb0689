// The command table and every help text, so usage and accepted options cannot drift apart.
#include "commands.h"

#include "example_experiments.h"
#include "sweeplab/runtime_info.h"

namespace sweeplab::cli {

const std::vector<Command>& commands() {
  static const std::vector<Command> table = {
      {"run",
       "train every trial of an experiment file and print the results table",
       "usage: sweeplab-cli run FILE [--set KEY=VALUE ...] [--device D] [--out DIR]\n"
       "                        [--trial N ...] [--quiet]\n"
       "\n"
       "Trains every trial of the experiment FILE (YAML), shows progress on stderr and prints\n"
       "the results table (Markdown) and the run folder on stdout. Ctrl+C stops the sweep at the\n"
       "next training step and keeps what was done; a second Ctrl+C quits at once.\n"
       "\n"
       "options:\n"
       "  --set KEY=VALUE  change one setting of the file, e.g. --set training.max_epochs=5\n"
       "                   or --set 'sweep.training.batch_size=[64, 128]'; repeatable\n"
       "  --device D       auto, cpu, cuda or cuda:N (overrides the file's device)\n"
       "  --out DIR        folder that receives the run folder (default: runs)\n"
       "  --trial N        run only trial N, numbered from 1 as 'validate' lists them;\n"
       "                   repeatable, or a list such as --trial 1,3\n"
       "  --quiet          no progress on stderr; errors are still reported\n"
       "\n"
       "exit status: 0 every trial finished, 1 a trial failed, diverged or was stopped,\n"
       "             2 the file or an argument is invalid\n",
       {{"--set", true, true},
        {"--device", true, false},
        {"--out", true, false},
        {"--trial", true, true},
        {"--quiet", false, false}},
       {{"FILE"}},
       &runCommand},
      {"validate",
       "check an experiment file and list its trials",
       "usage: sweeplab-cli validate FILE [--set KEY=VALUE ...]\n"
       "\n"
       "Reads and checks the experiment FILE without training: prints 'FILE: ok, N trials' and\n"
       "the numbered trial labels, or the first problem with its line, column and key.\n"
       "\n"
       "options:\n"
       "  --set KEY=VALUE  check the file with this change applied; repeatable\n",
       {{"--set", true, true}},
       {{"FILE"}},
       &validateCommand},
      {"models",
       "list the catalog models with their layers and parameter counts",
       "usage: sweeplab-cli models\n"
       "\n"
       "Lists the catalog networks for the JSC data (16 features, 5 classes): layers and\n"
       "trainable parameter counts.\n",
       {},
       {},
       &modelsCommand},
      {"table",
       "print the results table of a finished run folder",
       "usage: sweeplab-cli table RUNDIR [--format md|md-transposed|csv|latex|json]\n"
       "\n"
       "Prints the results of the run folder RUNDIR (the folder that holds summary.json).\n"
       "\n"
       "options:\n"
       "  --format F  md (default): one row per trial; md-transposed: metrics as rows and one\n"
       "              column per trial (for comparing networks); csv: every summary field;\n"
       "              latex: a booktabs tabular; json: an array of trial objects\n",
       {{"--format", true, false}},
       {{"RUNDIR"}},
       &tableCommand},
  };
  return table;
}

const Command* findCommand(const std::string& name) {
  for (const Command& command : commands()) {
    if (command.name == name) return &command;
  }
  return nullptr;
}

std::string commandNames() {
  std::string names;
  for (const Command& command : commands()) names += command.name + ", ";
  return names + "help";
}

std::string overviewHelp() {
  std::string text =
      "usage: sweeplab-cli COMMAND [ARGUMENTS]\n"
      "       sweeplab-cli --version | --help | help COMMAND\n"
      "\n"
      "Hyperparameter sweeps of small neural networks, without a window.\n"
      "\n"
      "commands:\n";
  for (const Command& command : commands()) {
    text +=
        "  " + command.name + std::string(10 - command.name.size(), ' ') + command.summary + "\n";
  }
  text += "  help      show the usage of a command\n";
  text += "\nRun 'sweeplab-cli help COMMAND' for the options of a command.\n";
  return text;
}

namespace {

std::string examplesText() {
  const std::string found = findExampleExperiments();
  if (!found.empty()) return found;
  std::string looked;
  for (const std::string& candidate : exampleExperimentsCandidates())
    looked += (looked.empty() ? "" : ", ") + candidate;
  return "not found (looked in " + looked + ")";
}

}  // namespace

std::string versionText() {
  const bool referenceBlas = usingReferenceBlas();
  return "sweeplab-cli " + sweeplabVersion() + "\n" + "LibTorch " + libtorchVersion() + "\n" +
         "CUDA available: " + (cudaAvailable() ? "yes" : "no") + "\n" + "BLAS: " + blasLibrary() +
         (referenceBlas ? " (the slow reference BLAS; install libopenblas0-pthread)" : "") + "\n" +
         "Example experiments: " + examplesText() + "\n";
}

}  // namespace sweeplab::cli
