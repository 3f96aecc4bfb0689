// `table RUN`: the results of a run in the format a report needs, read from its run folder or,
// for an experiment number, from the run store.
#include <sys/stat.h>

#include <cstdio>
#include <string>

#include "cli.h"
#include "commands.h"
#include "store_option.h"
#include "sweeplab/results_table.h"
#include "sweeplab/run_folder.h"

namespace sweeplab::cli {
namespace {

bool isFolder(const std::string& path) {
  struct stat info {};
  return ::stat(path.c_str(), &info) == 0 && S_ISDIR(info.st_mode);
}

// "12" or "#12": an experiment of the store. Anything else is a run folder.
long long experimentNumber(const std::string& text) {
  const std::string digits = !text.empty() && text[0] == '#' ? text.substr(1) : text;
  if (digits.empty() || digits.size() > 15 ||
      digits.find_first_not_of("0123456789") != std::string::npos)
    return 0;
  return std::stoll(digits);
}

RunSummary readRunFromFolderOrStore(const Arguments& args, const std::string& run) {
  const long long id = experimentNumber(run);
  if (id > 0 && !isFolder(run)) return openStoreForReading(args, "table").runSummary(id);
  if (!isFolder(run))
    throw InputError("table: '" + run +
                     "' is neither a run folder nor an experiment number of the run store "
                     "(see 'sweeplab-cli history')");
  return readRunSummary(run);
}

}  // namespace

int tableCommand(const Arguments& args) {
  std::string formatName = args.value("--format", "md");
  TableFormat format;
  try {
    format = tableFormatFromString(formatName);
  } catch (const InputError& error) {
    throw InputError(std::string("table: --format: ") + error.what());
  }
  TableOptions options;
  options.per_class_recall = args.has("--per-class");
  const std::string table =
      formatResultsTable(readRunFromFolderOrStore(args, args.positional().at(0)), format, options);
  std::fwrite(table.data(), 1, table.size(), stdout);
  return kExitOk;
}

}  // namespace sweeplab::cli
