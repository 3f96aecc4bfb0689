// `history`: the experiments (or trials) of the run store, newest first, with filters.
#include <algorithm>
#include <cctype>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "cli.h"
#include "commands.h"
#include "store_option.h"

namespace sweeplab::cli {
namespace {

std::string joined(const std::vector<std::string>& parts) {
  std::string text;
  for (const std::string& part : parts) text += (text.empty() ? "" : ", ") + part;
  return text.empty() ? "-" : text;
}

std::string dash(const std::string& text) {
  return text.empty() ? "-" : text;
}

// ISO 8601 "2026-01-31T17:15:00Z" as "2026-01-31 17:15".
std::string shortTime(const std::string& iso) {
  if (iso.size() < 16) return dash(iso);
  return iso.substr(0, 10) + " " + iso.substr(11, 5);
}

std::string number(double value) {
  if (value != value) return "-";
  char text[32];
  std::snprintf(text, sizeof text, "%.4f", value);
  return text;
}

std::string lowered(std::string text) {
  for (char& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return text;
}

int positiveNumber(const Arguments& args, const std::string& option) {
  const std::string text = args.value(option);
  char* end = nullptr;
  const long value = std::strtol(text.c_str(), &end, 10);
  if (text.empty() || *end != '\0' || value < 1)
    throw InputError("history: " + option + ": '" + text + "' is not a whole number above 0");
  return static_cast<int>(value);
}

// Dates are compared as ISO 8601 text, so only that form is accepted.
std::string checkedDate(const Arguments& args, const std::string& option) {
  const std::string text = args.value(option);
  const bool shaped = text.size() >= 10 && text[4] == '-' && text[7] == '-' &&
                      text.find_first_not_of("0123456789-T:Z") == std::string::npos;
  if (!text.empty() && !shaped)
    throw InputError("history: " + option + ": '" + text +
                     "' is not a date (allowed: YYYY-MM-DD or YYYY-MM-DDTHH:MM:SSZ, UTC)");
  return text;
}

// "pruned at epoch 3" for a trial the pruner stopped, as the results tables say it (its numbers
// are that epoch's); the plain status otherwise.
std::string trialStatusText(const TrialSummary& trial) {
  if (trial.status == TrialStatus::Pruned && trial.epochs_completed > 0)
    return "pruned at epoch " + std::to_string(trial.epochs_completed);
  return toString(trial.status);
}

void print(const std::vector<std::vector<std::string>>& rows) {
  std::vector<size_t> widths(rows.front().size(), 0);
  for (const auto& row : rows)
    for (size_t c = 0; c < row.size(); ++c) widths[c] = std::max(widths[c], row[c].size());
  std::string text;
  for (const auto& row : rows) {
    std::string line;
    for (size_t c = 0; c < row.size(); ++c) {
      line += row[c];
      if (c + 1 < row.size()) line += std::string(widths[c] - row[c].size() + 2, ' ');
    }
    text += line + "\n";
  }
  std::fwrite(text.data(), 1, text.size(), stdout);
}

}  // namespace

int historyCommand(const Arguments& args) {
  HistoryFilter filter;
  filter.name = args.value("--name");
  filter.model = args.value("--model");
  filter.dataset = args.value("--dataset");
  filter.status = args.value("--status");
  filter.since = checkedDate(args, "--since");
  filter.until = checkedDate(args, "--until");
  if (args.has("--limit")) filter.limit = positiveNumber(args, "--limit");
  const long long only = args.has("--experiment") ? positiveNumber(args, "--experiment") : 0;
  const RunStore store = openStoreForReading(args, "history");

  std::vector<StoredExperiment> experiments;
  if (only > 0) {
    experiments.push_back(store.experiment(only));
  } else {
    experiments = store.experiments(filter);
  }
  if (experiments.empty()) {
    std::fprintf(stdout, "no experiments in %s match\n", store.path().c_str());
    return kExitOk;
  }
  if (!args.has("--trials") && only == 0) {
    std::vector<std::vector<std::string>> rows = {
        {"ID", "Started (UTC)", "Name", "Status", "Trials", "Models", "Dataset", "Run folder"}};
    for (const StoredExperiment& e : experiments)
      rows.push_back({std::to_string(e.id), shortTime(e.started_at), e.name, e.status,
                      std::to_string(e.trial_count), joined(e.models), dash(e.dataset),
                      dash(e.run_dir)});
    print(rows);
    return kExitOk;
  }
  std::vector<std::vector<std::string>> rows = {{"ID", "Trial", "Label", "Model", "Status",
                                                 "Val acc at best loss", "Test acc",
                                                 "Started (UTC)"}};
  for (const StoredExperiment& e : experiments) {
    for (const StoredTrial& t : store.trials(e.id)) {
      const TrialSummary& s = t.summary;
      // The store picked experiments with a matching trial; the trials view shows only those.
      if (lowered(s.model).find(lowered(filter.model)) == std::string::npos) continue;
      if (!filter.status.empty() && lowered(toString(s.status)) != lowered(filter.status) &&
          lowered(e.status) != lowered(filter.status))
        continue;
      rows.push_back({std::to_string(e.id), std::to_string(s.index + 1), s.label, dash(s.model),
                      trialStatusText(s), number(s.best_val_acc), number(s.test_acc),
                      shortTime(t.started_at)});
    }
  }
  print(rows);
  return kExitOk;
}

}  // namespace sweeplab::cli
