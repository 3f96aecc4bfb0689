#include "store_option.h"

namespace sweeplab::cli {

std::string storePathFrom(const Arguments& args) {
  if (args.has("--store") && args.value("--store").empty())
    throw InputError("--store needs a file name, or 'none' to turn the run store off");
  return resolveStorePath(args.value("--store"));
}

RunStore openStoreForReading(const Arguments& args, const std::string& command) {
  const std::string path = storePathFrom(args);
  if (path.empty())
    throw InputError(command +
                     ": the run store is turned off (--store none or SWEEPLAB_STORE=none)");
  return RunStore(path, /*create=*/false);
}

std::unique_ptr<StoreRecorder> startStoreRecorder(const Arguments& args, const ExperimentSpec& spec,
                                                  ProgressPrinter& printer) {
  const std::string path = storePathFrom(args);
  if (path.empty()) return nullptr;
  return std::make_unique<StoreRecorder>(path, spec, [&printer](const std::string& message) {
    printer.printLine("sweeplab-cli: warning: " + message);
  });
}

}  // namespace sweeplab::cli
