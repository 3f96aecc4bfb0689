// The command table and every help text, so usage and accepted options cannot drift apart.
#include "commands.h"

#include <algorithm>

#include "cluster_commands.h"
#include "example_experiments.h"
#include "slurm_options.h"
#include "store_option.h"
#include "sweeplab/runtime_info.h"

namespace sweeplab::cli {

namespace {

std::vector<Command> localCommands() {
  return {
      {"run",
       "train every trial of an experiment file and print the results table",
       "usage: sweeplab-cli run FILE [--set KEY=VALUE ...] [--device D] [--out DIR]\n"
       "                        [--trial N ...] [--store PATH|none] [--quiet]\n"
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
       "                   repeatable, or a list such as --trial 1,3\n" +
           std::string(kStoreOptionHelp) +
           "  --quiet          no progress on stderr; errors are still reported\n"
           "\n"
           "exit status: 0 every trial finished or was pruned, 1 a trial failed, diverged or was\n"
           "             stopped, 2 the file or an argument is invalid\n",
       {{"--set", true, true},
        {"--device", true, false},
        {"--out", true, false},
        {"--trial", true, true},
        {"--store", true, false},
        {"--quiet", false, false}},
       {{"FILE"}},
       &runCommand},
      {"resume",
       "finish a sweep that was killed or stopped, in its own run folder",
       "usage: sweeplab-cli resume RUNDIR [--store PATH|none] [--quiet]\n"
       "       sweeplab-cli resume RUNDIR --slurm [Slurm options]\n"
       "\n"
       "Finishes the sweep of the run folder RUNDIR after its process was killed, lost power\n"
       "or was stopped: reads the experiment from RUNDIR/experiment.yaml and trains only the\n"
       "trials that did not end, with the same seeds and settings as the first time, into the\n"
       "same folder and the same experiment of the run store. Finished, pruned and diverged\n"
       "trials stay; interrupted, queued, stopped and failed trials train again from the start.\n"
       "Prints the results table of the whole sweep, or says when nothing is left to run.\n"
       "\n"
       "With --slurm, the trials that did not end and that Slurm is not already running go\n"
       "to the cluster as a new array job over the same folder, with the run's last Slurm\n"
       "settings changed by the Slurm options given (see 'sweeplab-cli help submit').\n"
       "\n"
       "options:\n" +
           std::string(kStoreOptionHelp) +
           "  --quiet          no progress on stderr; errors are still reported\n"
           "  --slurm          resubmit to Slurm instead of training here\n"
           "\n"
           "exit status: 0 every trial of the sweep finished or was pruned (or, with --slurm,\n"
           "             submitted), 1 a trial failed, diverged or was stopped, 2 RUNDIR is not\n"
           "             a run folder or its sweep is still running, or the scheduler refused\n",
       withSlurmOptions(
           {{"--store", true, false}, {"--quiet", false, false}, {"--slurm", false, false}}),
       {{"RUNDIR"}},
       &resumeCommand},
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
      {"plan",
       "estimate a study's trials, optimizer steps and wall time on this machine",
       "usage: sweeplab-cli plan FILE [--set KEY=VALUE ...] [--retime] [--quiet]\n"
       "\n"
       "Prints what the experiment FILE will cost before it runs: each trial's optimizer\n"
       "steps (from the prepared dataset's training rows, the batch size and the epochs) and\n"
       "estimated time, and the whole study's steps and wall time on this machine with its\n"
       "parallel_trials. The time per step comes from timing a few hundred real training\n"
       "steps of each distinct model and batch size on the prepared data, alone and side by\n"
       "side as the run will train them; the timings are kept in cost-timings.json in the\n"
       "cache folder ($XDG_CACHE_HOME/sweeplab), so planning again trains nothing. With\n"
       "pruning it gives the range from every trial pruned at its first check to none pruned;\n"
       "with early stopping the figures are upper bounds; a tpe study is estimated from\n"
       "random draws of its distributions.\n"
       "\n"
       "options:\n"
       "  --set KEY=VALUE  plan the file with this change applied; repeatable\n"
       "  --retime         time every training shape again instead of reading the cache\n"
       "  --quiet          no progress on stderr\n"
       "\n"
       "exit status: 0 planned, 2 the file, its data or an argument is invalid\n",
       {{"--set", true, true}, {"--retime", false, false}, {"--quiet", false, false}},
       {{"FILE"}},
       &planCommand},
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
       "print the results table of a run folder or of a run in the history",
       "usage: sweeplab-cli table RUN [--format F] [--per-class | --by KEY] [--store PATH]\n"
       "\n"
       "Prints the results of RUN: a run folder (the folder that holds summary.json), or the\n"
       "number of an experiment in the run store as 'sweeplab-cli history' lists it.\n"
       "With seed repeats (repeats > 1), the Markdown tables end with the mean and standard\n"
       "deviation of each grid point and Welch's t-test of the best against the others.\n"
       "The md table is followed by a line for each trial with a dead class (a class whose\n"
       "validation recall stayed under 1 % in its last 3 epochs).\n"
       "\n"
       "options:\n"
       "  --format F   md (default): one row per trial; md-transposed: metrics as rows and one\n"
       "               column per trial (for comparing networks); csv: every summary field;\n"
       "               latex: a booktabs tabular; json: an array of trial objects;\n"
       "               repeats-csv: one row per grid point with mean, std and p-value\n"
       "  --per-class  add the test recall of each class: a 'recall NAME' column per class\n"
       "               (md, latex), a row per class (md-transposed), test_recall_NAME fields\n"
       "               at the end (csv); json always has the per-class lists\n"
       "  --by KEY     one row per value of the swept KEY (batch_size or training.batch_size):\n"
       "               mean ± std over the finished trials with that value (every seed and\n"
       "               every value of the other keys) of test accuracy, test loss, best\n"
       "               validation accuracy and wall time, and how many finished; md, csv or\n"
       "               latex\n"
       "  --store P    the run store to read an experiment number from (see 'help history')\n",
       {{"--format", true, false},
        {"--per-class", false, false},
        {"--by", true, false},
        {"--store", true, false}},
       {{"RUN"}},
       &tableCommand},
      {"importance",
       "how much of a result's variance each swept key explains",
       "usage: sweeplab-cli importance RUN [--result R] [--format md|csv] [--seed N]\n"
       "                               [--store PATH]\n"
       "\n"
       "Prints each swept key of RUN (a run folder or an experiment number of the run store)\n"
       "with its importance: the share of the result's variance over the finished trials that\n"
       "the key explains on its own, by functional ANOVA over a random forest fitted to the\n"
       "trials (64 trees, as Optuna's FanovaImportanceEvaluator). The shares sum to 1; most\n"
       "important first. Learning rate and weight decay count on a log scale.\n"
       "\n"
       "options:\n"
       "  --result R   test_acc (default), best_val_acc, final_val_acc, test_loss,\n"
       "               wall_seconds, seconds_per_epoch or steps\n"
       "  --format F   md (default): a table and what it is over; csv: key,importance\n"
       "  --seed N     the forest's seed (default 0); the same seed gives the same shares\n"
       "  --store P    the run store to read an experiment number from (see 'help history')\n",
       {{"--result", true, false},
        {"--format", true, false},
        {"--seed", true, false},
        {"--store", true, false}},
       {{"RUN"}},
       &importanceCommand},
      {"evaluate",
       "check a saved checkpoint and print its loss and accuracy on its dataset",
       "usage: sweeplab-cli evaluate CHECKPOINT [--experiment FILE [--trial N]]\n"
       "                             [--split S] [--device D]\n"
       "\n"
       "Loads the checkpoint CHECKPOINT (best.pt or last.pt) into its model and prints its\n"
       "loss and accuracy on a split of its dataset, prepared as its run prepared it. A\n"
       "checkpoint inside a trial folder of a run folder finds its experiment and trial there;\n"
       "one from elsewhere needs --experiment. The file may come from anywhere: before any of\n"
       "its numbers is used, its size is checked against what the model can hold, its format,\n"
       "and every tensor's name, shape, type and finite values; a mismatch is an error that\n"
       "names the tensor.\n"
       "\n"
       "options:\n"
       "  --experiment FILE  the experiment whose model and dataset the checkpoint has\n"
       "  --trial N          trial N of FILE, numbered from 1 as 'validate' lists them\n"
       "                     (default 1)\n"
       "  --split S          test (default), val or train\n"
       "  --device D         auto, cpu, cuda or cuda:N (default: the experiment's device)\n"
       "\n"
       "exit status: 0 evaluated, 2 the checkpoint is missing, not a checkpoint or not of this\n"
       "             model, or an argument is invalid\n",
       {{"--experiment", true, false},
        {"--trial", true, false},
        {"--split", true, false},
        {"--device", true, false}},
       {{"CHECKPOINT"}},
       &evaluateCommand},
      {"report",
       "write a run's report folder: HTML, PDF, figures, tables and the run's files",
       "usage: sweeplab-cli report RUNDIR [--out DIR]\n"
       "\n"
       "Writes the report folder of the run folder RUNDIR: report.html (one self-contained\n"
       "page), report.pdf, figures/ (every standard figure as PNG, SVG and PDF), tables/ (the\n"
       "results as Markdown, CSV, LaTeX and JSON) and a copy of the run's files, so the report\n"
       "folder is itself a run folder that Sweeplab and 'sweeplab-cli table' open again.\n"
       "Figures and the PDF need Qt: this command runs 'sweeplab --report' (the window\n"
       "binary, which shows no window for it) from the folder of sweeplab-cli.\n"
       "\n"
       "options:\n"
       "  --out DIR  the report folder (default: RUNDIR-report); it must be new, empty, the\n"
       "             run folder itself or an earlier report, which is replaced\n"
       "\n"
       "exit status: 0 written, 2 RUNDIR is not a run folder, DIR cannot be written, or the\n"
       "             window binary is not installed\n",
       {{"--out", true, false}},
       {{"RUNDIR"}},
       &reportCommand},
      {"history",
       "list the experiments or trials recorded in the run store",
       "usage: sweeplab-cli history [--name TEXT] [--model TEXT] [--dataset TEXT]\n"
       "                            [--status S] [--since DATE] [--until DATE] [--limit N]\n"
       "                            [--trials] [--experiment ID] [--store PATH]\n"
       "\n"
       "Lists the experiments of the run store, newest first: number, start, name, status,\n"
       "trials, models, dataset and run folder. 'sweeplab-cli table ID' prints one's results.\n"
       "\n"
       "options:\n"
       "  --name TEXT      experiments whose name contains TEXT (any case)\n"
       "  --model TEXT     with a trial whose model contains TEXT\n"
       "  --dataset TEXT   whose dataset description contains TEXT\n"
       "  --status S       running, finished, incomplete or interrupted, or a trial status\n"
       "                   (finished, stopped, diverged, failed, interrupted)\n"
       "  --since DATE     started on or after DATE (YYYY-MM-DD or YYYY-MM-DDTHH:MM:SSZ, UTC)\n"
       "  --until DATE     started before DATE (a day alone includes that day)\n"
       "  --limit N        the N newest only\n"
       "  --trials         one line per trial instead of per experiment\n"
       "  --experiment ID  the trials of experiment ID\n" +
           std::string(kStoreOptionHelp),
       {{"--name", true, false},
        {"--model", true, false},
        {"--dataset", true, false},
        {"--status", true, false},
        {"--since", true, false},
        {"--until", true, false},
        {"--limit", true, false},
        {"--trials", false, false},
        {"--experiment", true, false},
        {"--store", true, false}},
       {},
       &historyCommand},
  };
}

}  // namespace

const std::vector<Command>& commands() {
  static const std::vector<Command> table = [] {
    std::vector<Command> all = localCommands();
    for (Command& command : clusterCommands()) all.push_back(std::move(command));
    return all;
  }();
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
  size_t width = 4;  // "help"
  for (const Command& command : commands()) width = std::max(width, command.name.size());
  const auto line = [&](const std::string& name, const std::string& summary) {
    return "  " + name + std::string(width + 2 - name.size(), ' ') + summary + "\n";
  };
  for (const Command& command : commands()) text += line(command.name, command.summary);
  text += line("help", "show the usage of a command");
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
