// `run FILE`: trains the sweep with progress on stderr and the results on stdout, so the table
// can be piped or redirected while the progress stays visible.
#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string>
#include <vector>

#include "cli.h"
#include "commands.h"
#include "experiment_loading.h"
#include "interrupt_watcher.h"
#include "progress_printer.h"
#include "store_option.h"
#include "sweeplab/experiment_io.h"
#include "sweeplab/observer_list.h"
#include "sweeplab/results_table.h"
#include "sweeplab/sweep_runner.h"

namespace sweeplab::cli {
namespace {

int parseTrialNumber(const std::string& text, std::size_t trialCount) {
  char* end = nullptr;
  const long number = std::strtol(text.c_str(), &end, 10);
  if (text.empty() || *end != '\0' || number < 1 || number > static_cast<long>(trialCount)) {
    throw InputError("--trial: '" + text + "' is not a trial of this experiment (allowed: 1 to " +
                     std::to_string(trialCount) + ", as 'sweeplab-cli validate FILE' lists them)");
  }
  return static_cast<int>(number);
}

// Trial numbers as people see them (from 1) to the runner's indices (from 0).
std::vector<int> selectedTrialIndices(const std::vector<std::string>& values,
                                      std::size_t trialCount) {
  std::vector<int> indices;
  for (const std::string& value : values) {
    std::size_t begin = 0;
    while (begin <= value.size()) {
      const std::size_t comma = std::min(value.find(',', begin), value.size());
      indices.push_back(parseTrialNumber(value.substr(begin, comma - begin), trialCount) - 1);
      begin = comma + 1;
    }
  }
  std::sort(indices.begin(), indices.end());
  indices.erase(std::unique(indices.begin(), indices.end()), indices.end());
  return indices;
}

bool everyTrialFinished(const RunSummary& summary) {
  return std::all_of(summary.trials.begin(), summary.trials.end(), [](const TrialSummary& trial) {
    return trial.status == TrialStatus::Finished;
  });
}

}  // namespace

int runCommand(const Arguments& args) {
  ExperimentSpec spec = loadExperimentWithOverrides(args);
  RunOptions options;
  options.out_dir = args.value("--out", "runs");
  if (options.out_dir.empty()) throw InputError("run: --out needs a folder name");
  if (args.has("--device")) {
    options.device = args.value("--device");
    applyOverride(spec, "device", options.device, "--device");
  }
  options.only_trials = selectedTrialIndices(args.all("--trial"), expandTrials(spec).size());

  ProgressPrinter printer(stderr, args.has("--quiet"), options.only_trials);
  std::unique_ptr<StoreRecorder> recorder = startStoreRecorder(args, spec, printer);
  ObserverList observers{&printer, recorder.get()};
  SweepRunner runner(spec, options, &observers);
  RunSummary summary;
  {
    InterruptWatcher watcher([&] {
      printer.printLine("sweeplab-cli: stopping at the next training step (Ctrl+C again quits)");
      runner.requestStop();
    });
    summary = runner.run();
  }

  std::string output = formatResultsTable(summary, TableFormat::Markdown);
  if (!runner.runDirectory().empty()) output += "\nRun folder: " + runner.runDirectory() + "\n";
  if (recorder) {
    const long long id = recorder->finish();
    if (id > 0)
      output +=
          "Run store: " + recorder->storePath() + " (experiment " + std::to_string(id) + ")\n";
  }
  std::fwrite(output.data(), 1, output.size(), stdout);
  return everyTrialFinished(summary) ? kExitOk : kExitTrialsFailed;
}

}  // namespace sweeplab::cli
