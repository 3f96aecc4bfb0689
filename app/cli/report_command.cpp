// `report RUN [--out DIR]`: the report folder needs Qt (figures, PDF), which sweeplab-cli does
// not link so that it builds and runs on machines without Qt. The window binary writes it
// headless (`sweeplab --report`); this command hands over to that binary beside this one.
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <string>
#include <vector>

#include "cli.h"
#include "commands.h"
#include "sweeplab/errors.h"

namespace sweeplab::cli {
namespace {

std::string ownFolder() {
  std::vector<char> path(4096);
  const ssize_t size = ::readlink("/proc/self/exe", path.data(), path.size() - 1);
  if (size <= 0) return {};
  const std::string self(path.data(), static_cast<std::size_t>(size));
  const auto slash = self.rfind('/');
  return slash == std::string::npos ? std::string() : self.substr(0, slash);
}

}  // namespace

int reportCommand(const Arguments& args) {
  const std::string run = args.positional().at(0);
  const std::string folder = ownFolder();
  const std::string window = folder + "/sweeplab";
  if (folder.empty() || ::access(window.c_str(), X_OK) != 0) {
    throw InputError(
        "report: writing a report needs Qt, and the window binary 'sweeplab' that "
        "has it is not installed beside sweeplab-cli (looked for " +
        window +
        "). Build or install Sweeplab with the GUI (SWEEPLAB_BUILD_GUI=ON) and "
        "run: sweeplab --report " +
        run + " [--out DIR]");
  }
  std::vector<std::string> words = {window, "--report", run};
  if (args.has("--out")) {
    words.push_back("--out");
    words.push_back(args.value("--out", ""));
  }
  std::vector<char*> argv;
  for (std::string& word : words) argv.push_back(word.data());
  argv.push_back(nullptr);
  std::fflush(stdout);
  std::fflush(stderr);
  ::execv(window.c_str(), argv.data());
  throw InputError("report: cannot start " + window + " (" + std::string(std::strerror(errno)) +
                   ")");
}

}  // namespace sweeplab::cli
