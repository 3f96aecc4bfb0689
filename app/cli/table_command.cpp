// `table RUN`: the results of a run in the format a report needs, read from its run folder or,
// for an experiment number, from the run store; with --by KEY, one row per value of that key.
#include <cstdio>
#include <string>

#include "cli.h"
#include "commands.h"
#include "run_source.h"
#include "sweeplab/errors.h"
#include "sweeplab/results_table.h"

namespace sweeplab::cli {

int tableCommand(const Arguments& args) {
  std::string formatName = args.value("--format", "md");
  TableFormat format;
  try {
    format = tableFormatFromString(formatName);
  } catch (const InputError& error) {
    throw InputError(std::string("table: --format: ") + error.what());
  }
  const bool byValue = args.has("--by");
  if (byValue && format != TableFormat::Markdown && format != TableFormat::Csv &&
      format != TableFormat::Latex)
    throw InputError("table: --by writes md, csv or latex, not --format " + formatName +
                     " (one row per value has no per-trial layout)");
  if (byValue && args.has("--per-class"))
    throw InputError(
        "table: --by and --per-class do not go together: the by-value table has "
        "one row per value, the per-class recall is per trial");
  const RunSummary run = readRunFromFolderOrStore(args, args.positional().at(0), "table");
  std::string table;
  if (byValue) {
    try {
      table = formatByValueTable(run, args.value("--by"), format);
    } catch (const InputError& error) {
      throw InputError(std::string("table: --by: ") + error.what());
    }
  } else {
    TableOptions options;
    options.per_class_recall = args.has("--per-class");
    table = formatResultsTable(run, format, options);
  }
  std::fwrite(table.data(), 1, table.size(), stdout);
  return kExitOk;
}

}  // namespace sweeplab::cli
