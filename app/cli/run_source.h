// Where the commands that read a finished run find it: a run folder, or an experiment number
// of the run store.
#pragma once

#include <string>

#include "arguments.h"
#include "sweeplab/metrics.h"

namespace sweeplab::cli {

// `run` is a run folder (the folder that holds summary.json) or an experiment number of the
// store ("12" or "#12"; a folder of that name wins). Throws InputError, with `command` in the
// message, when it is neither.
RunSummary readRunFromFolderOrStore(const Arguments& args, const std::string& run,
                                    const std::string& command);

}  // namespace sweeplab::cli
