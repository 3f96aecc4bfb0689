// `status RUNDIR`: one line per trial with its state. For a cluster run the trial records are
// read together with Slurm's view of the array tasks (pending and why, running where); for a
// local run the records alone say it.
#include <cmath>
#include <cstdio>
#include <map>
#include <string>
#include <vector>

#include "cli.h"
#include "commands.h"
#include "slurm_options.h"
#include "store_option.h"
#include "sweeplab/cluster/cluster_status.h"
#include "sweeplab/run_folder.h"

namespace sweeplab::cli {
namespace {

std::string percent(double value) {
  if (std::isnan(value)) return "";
  char text[16];
  std::snprintf(text, sizeof text, "%.1f %%", 100.0 * value);
  return text;
}

std::string padded(std::string text, size_t width) {
  if (text.size() < width) text.append(width - text.size(), ' ');
  return text;
}

std::vector<ClusterTrialState> localStates(const RunSummary& summary) {
  std::vector<ClusterTrialState> states;
  for (const TrialSummary& trial : summary.trials) {
    ClusterTrialState state;
    state.index = trial.index;
    state.record = trial;
    state.state = toString(trial.status);
    state.detail = trial.message;
    states.push_back(state);
  }
  return states;
}

std::string countsLine(const std::vector<ClusterTrialState>& states) {
  std::map<std::string, int> counts;
  std::vector<std::string> order;
  for (const ClusterTrialState& state : states)
    if (counts[state.state]++ == 0) order.push_back(state.state);
  std::string line = std::to_string(states.size()) + " trials:";
  for (size_t i = 0; i < order.size(); ++i)
    line += (i ? ", " : " ") + std::to_string(counts[order[i]]) + " " + order[i];
  return line;
}

}  // namespace

int statusCommand(const Arguments& args) {
  std::string runDir = args.positional().at(0);
  while (runDir.size() > 1 && runDir.back() == '/') runDir.pop_back();
  const bool cluster = isClusterRun(runDir);
  const std::vector<ClusterTrialState> states =
      cluster ? queryClusterStates(runDir, slurmPrefixFrom(args, ""))
              : localStates(readRunSummary(runDir));

  // The history catches up with what the folder says now (for a cluster run, the only way in).
  const std::string warning = indexRunFolderInStore(storePathFrom(args), runDir);
  if (!warning.empty()) std::fprintf(stderr, "sweeplab-cli: warning: %s\n", warning.c_str());

  std::vector<std::vector<std::string>> rows = {
      {"trial", "label", "state", cluster ? "where / why" : "message", "slurm task", "val acc"}};
  for (const ClusterTrialState& state : states)
    rows.push_back({std::to_string(state.index + 1), state.record.label, state.state, state.detail,
                    state.job, percent(state.record.val_acc)});
  std::vector<size_t> widths(rows[0].size(), 0);
  for (const auto& row : rows)
    for (size_t c = 0; c < row.size(); ++c) widths[c] = std::max(widths[c], row[c].size());
  std::string text = runDir + ": " + countsLine(states) + "\n";
  for (const auto& row : rows) {
    std::string line;
    for (size_t c = 0; c < row.size(); ++c) {
      if (!cluster && c == 4) continue;
      line += c + 1 == row.size() ? row[c] : padded(row[c], widths[c] + 2);
    }
    while (!line.empty() && line.back() == ' ') line.pop_back();
    text += line + "\n";
  }
  std::fwrite(text.data(), 1, text.size(), stdout);
  return kExitOk;
}

}  // namespace sweeplab::cli
