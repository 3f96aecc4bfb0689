// The --store option shared by the commands that record or read the run history.
#pragma once

#include <memory>
#include <string>

#include "arguments.h"
#include "progress_printer.h"
#include "sweeplab/run_store.h"
#include "sweeplab/store_recorder.h"

namespace sweeplab::cli {

inline constexpr const char* kStoreOptionHelp =
    "  --store PATH     the run history database (default: $SWEEPLAB_STORE, else\n"
    "                   $XDG_DATA_HOME/sweeplab/runs.sqlite); 'none' turns it off\n";

// The store path from --store, SWEEPLAB_STORE or the XDG default; empty when turned off.
std::string storePathFrom(const Arguments& args);

// Opens the store for reading; throws InputError when it is turned off or absent.
RunStore openStoreForReading(const Arguments& args, const std::string& command);

// A recorder for `run`, or none when the store is turned off. Its warnings go to stderr even
// with --quiet: they say that this run is missing from the history.
std::unique_ptr<StoreRecorder> startStoreRecorder(const Arguments& args, const ExperimentSpec& spec,
                                                  ProgressPrinter& printer);

}  // namespace sweeplab::cli
