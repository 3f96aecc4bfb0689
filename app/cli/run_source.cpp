// Reading a finished run from its folder or from the run store, for `table` and `importance`.
#include "run_source.h"

#include <sys/stat.h>

#include "store_option.h"
#include "sweeplab/errors.h"
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

}  // namespace

RunSummary readRunFromFolderOrStore(const Arguments& args, const std::string& run,
                                    const std::string& command) {
  const long long id = experimentNumber(run);
  if (id > 0 && !isFolder(run)) return openStoreForReading(args, command).runSummary(id);
  if (!isFolder(run))
    throw InputError(command + ": '" + run +
                     "' is neither a run folder nor an experiment number of the run store "
                     "(see 'sweeplab-cli history')");
  return readRunSummary(run);
}

}  // namespace sweeplab::cli
