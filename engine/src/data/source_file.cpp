// Path checks done up front so readers can assume an existing, readable, regular file.
#include "data/source_file.h"

#include <filesystem>
#include <fstream>

#include "sweeplab/errors.h"

namespace sweeplab {

namespace fs = std::filesystem;

std::string resolveDataFile(const std::string& path, const std::string& base_dir) {
  if (path.empty()) throw InputError("dataset: no data file given (set dataset.path)");
  fs::path resolved(path);
  if (resolved.is_relative() && !base_dir.empty()) resolved = fs::path(base_dir) / resolved;
  std::error_code error;
  const fs::file_status status = fs::status(resolved, error);
  if (!fs::exists(status)) {
    throw InputError(resolved.string() + ": data file not found" +
                     (resolved.string() != path ? " (dataset.path '" + path + "')" : ""));
  }
  if (fs::is_directory(status)) {
    throw InputError(resolved.string() + ": is a folder; dataset.path must name a data file");
  }
  if (!fs::is_regular_file(status)) {
    throw InputError(resolved.string() + ": not a regular file");
  }
  std::ifstream probe(resolved, std::ios::binary);
  if (!probe) throw InputError(resolved.string() + ": cannot be read (check its permissions)");
  return resolved.string();
}

std::string readWholeFile(const std::string& path) {
  std::ifstream file(path, std::ios::binary | std::ios::ate);
  if (!file) throw InputError(path + ": cannot be read (check its permissions)");
  const std::streamoff size = file.tellg();
  std::string content(static_cast<std::size_t>(size), '\0');
  file.seekg(0);
  if (size > 0 && !file.read(content.data(), size)) {
    throw InputError(path + ": reading failed after " + std::to_string(file.gcount()) + " bytes");
  }
  return content;
}

}  // namespace sweeplab
