// Writing a file so that readers see either the old or the new content, never half of it. The
// one implementation for every file Sweeplab writes (experiment files, run folders,
// checkpoints); sweeplab/run_folder.h declares the same function for users of the run folder.
#pragma once

#include <string>

namespace sweeplab {

// Writes `content` to a hidden temporary file beside `path`, flushes it to disk and renames it
// over `path`. Throws WriteError naming the path, the reason and what to do about it; the old
// file, if any, is then untouched and no temporary file is left behind.
void writeFileAtomically(const std::string& path, const std::string& content);

// What a person can do about a failed write with this errno: "free some space ..." or "".
std::string writeFailureAdvice(int error);

}  // namespace sweeplab
