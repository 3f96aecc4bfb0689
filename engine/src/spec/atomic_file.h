// Writing a file so that readers see either the old or the new content, never half of it.
#pragma once

#include <string>

namespace sweeplab {

// Writes `content` to a temporary file beside `path`, flushes it to disk and renames it over
// `path`. Throws InputError naming the path and the reason.
void writeFileAtomically(const std::string& path, const std::string& content);

}  // namespace sweeplab
