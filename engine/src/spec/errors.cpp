// Builds the one-line message of a SpecError: "FILE:LINE:COL: KEY: PROBLEM".
#include "sweeplab/errors.h"

#include <sstream>

namespace sweeplab {
namespace {

std::string formatSpecError(const std::string& file, int line, int column, const std::string& key,
                            const std::string& problem) {
  std::ostringstream out;
  out << (file.empty() ? "<experiment>" : file);
  if (line > 0) {
    out << ':' << line;
    if (column > 0) out << ':' << column;
  }
  out << ": ";
  if (!key.empty()) out << key << ": ";
  out << problem;
  return out.str();
}

}  // namespace

SpecError::SpecError(std::string file, int line, int column, std::string key, std::string problem)
    : InputError(formatSpecError(file, line, column, key, problem)),
      file_(std::move(file)),
      line_(line),
      column_(column),
      key_(std::move(key)),
      problem_(std::move(problem)) {}

}  // namespace sweeplab
