// `importance RUN`: how much of a result's variance each swept key explains (fANOVA over a
// random forest, as Optuna's FanovaImportanceEvaluator computes it), most important first.
#include <algorithm>
#include <cstdio>
#include <string>
#include <vector>

#include "cli.h"
#include "commands.h"
#include "run_source.h"
#include "sweeplab/errors.h"
#include "sweeplab/sweep_insight.h"

namespace sweeplab::cli {
namespace {

unsigned seedFrom(const Arguments& args) {
  const std::string text = args.value("--seed", "0");
  if (text.empty() || text.size() > 9 || text.find_first_not_of("0123456789") != std::string::npos)
    throw InputError("importance: --seed: '" + text +
                     "' is not a whole number from 0 to 999999999");
  return static_cast<unsigned>(std::stoul(text));
}

std::string shareText(double share, const char* format) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, format, share);
  return buffer;
}

}  // namespace

int importanceCommand(const Arguments& args) {
  InsightResult result;
  try {
    result = insightResultFromKey(args.value("--result", "test_acc"));
  } catch (const InputError& error) {
    throw InputError(std::string("importance: --result: ") + error.what());
  }
  const std::string format = args.value("--format", "md");
  if (format != "md" && format != "csv")
    throw InputError("importance: --format: unknown format '" + format + "' (allowed: md, csv)");
  ImportanceOptions options;
  options.seed = seedFrom(args);

  const RunSummary run = readRunFromFolderOrStore(args, args.positional().at(0), "importance");
  const ImportanceTable table = importanceTable(run, result);
  if (table.keys.empty())
    throw InputError("importance: the run sweeps no key (seeds alone are repeats, not keys)");
  if (table.rows.size() < 2)
    throw InputError("importance: " + std::to_string(table.rows.size()) +
                     " finished trial(s) with a " + insightResultName(result) +
                     "; the forest needs at least 2");
  const std::vector<KeyImportance> importances = keyImportance(run, result, options);

  std::string text;
  if (format == "csv") {
    text = "key,importance\n";
    for (const KeyImportance& key : importances)
      text += key.key + "," + shareText(key.importance, "%.9g") + "\n";
  } else {
    size_t width = 3;
    for (const KeyImportance& key : importances) width = std::max(width, key.key.size());
    text = "| " + std::string("key") + std::string(width - 3, ' ') + " | importance |\n";
    text += "| " + std::string(width, '-') + " | ---------: |\n";
    for (const KeyImportance& key : importances)
      text += "| " + key.key + std::string(width - key.key.size(), ' ') + " | " +
              shareText(key.importance, "%10.4f") + " |\n";
    text += "\nShare of the variance of " + insightResultName(result) + " over " +
            std::to_string(table.rows.size()) +
            " finished trials that each key explains on its own (fANOVA, 64 trees, seed " +
            std::to_string(options.seed) + ").\n";
  }
  std::fwrite(text.data(), 1, text.size(), stdout);
  return kExitOk;
}

}  // namespace sweeplab::cli
