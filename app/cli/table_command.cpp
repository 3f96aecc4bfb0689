// `table RUNDIR`: the results of a run folder in the format a report needs.
#include <cstdio>
#include <string>

#include "cli.h"
#include "commands.h"
#include "sweeplab/results_table.h"
#include "sweeplab/run_folder.h"

namespace sweeplab::cli {

int tableCommand(const Arguments& args) {
  std::string formatName = args.value("--format", "md");
  TableFormat format;
  try {
    format = tableFormatFromString(formatName);
  } catch (const InputError& error) {
    throw InputError(std::string("table: --format: ") + error.what());
  }
  const std::string table = formatResultsTable(readRunSummary(args.positional().at(0)), format);
  std::fwrite(table.data(), 1, table.size(), stdout);
  return kExitOk;
}

}  // namespace sweeplab::cli
