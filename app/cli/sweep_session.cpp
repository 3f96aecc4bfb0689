#include "sweep_session.h"

#include <algorithm>
#include <cstdio>
#include <memory>
#include <string>

#include "cli.h"
#include "interrupt_watcher.h"
#include "progress_printer.h"
#include "store_option.h"
#include "sweeplab/observer_list.h"
#include "sweeplab/results_table.h"

namespace sweeplab::cli {
namespace {

bool everyTrialEndedAsPlanned(const RunSummary& summary) {
  return std::all_of(summary.trials.begin(), summary.trials.end(),
                     [](const TrialSummary& trial) { return endedAsPlanned(trial.status); });
}

}  // namespace

int trainAndReport(const ExperimentSpec& spec, const RunOptions& options, const Arguments& args,
                   const std::vector<int>& shown) {
  ProgressPrinter printer(stderr, args.has("--quiet"), shown);
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
  return everyTrialEndedAsPlanned(summary) ? kExitOk : kExitTrialsFailed;
}

}  // namespace sweeplab::cli
