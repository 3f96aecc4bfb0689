// The executable's own folder comes from /proc/self/exe, so the lookup follows the binary
// wherever its prefix was installed (or copied) to.
#include "example_experiments.h"

#include <cstdlib>
#include <filesystem>
#include <system_error>

namespace fs = std::filesystem;

namespace sweeplab::cli {

std::vector<std::string> exampleExperimentsCandidates() {
  std::vector<std::string> candidates;
  if (const char* fromEnvironment = std::getenv("SWEEPLAB_EXPERIMENTS_DIR");
      fromEnvironment && *fromEnvironment)
    candidates.emplace_back(fromEnvironment);
  std::error_code error;
  const fs::path executable = fs::read_symlink("/proc/self/exe", error);
  if (!error)
    candidates.push_back(
        (executable.parent_path() / ".." / "share" / "sweeplab" / "experiments").string());
#ifdef SWEEPLAB_SOURCE_DIR
  candidates.emplace_back(SWEEPLAB_SOURCE_DIR "/experiments");
#endif
  for (std::string& candidate : candidates) {
    candidate = fs::path(candidate).lexically_normal().string();
    if (candidate.size() > 1 && candidate.back() == '/') candidate.pop_back();
  }
  return candidates;
}

std::string findExampleExperiments() {
  for (const std::string& candidate : exampleExperimentsCandidates()) {
    std::error_code error;
    if (fs::is_directory(candidate, error)) return candidate;
  }
  return {};
}

}  // namespace sweeplab::cli
