// Locating and reading dataset files, with errors that name the path a person gave.
#pragma once

#include <string>

namespace sweeplab {

// Resolves `path` against `base_dir` when it is relative and checks that it names a readable
// regular file; throws InputError otherwise.
std::string resolveDataFile(const std::string& path, const std::string& base_dir);

// The whole file in memory.
std::string readWholeFile(const std::string& path);

}  // namespace sweeplab
