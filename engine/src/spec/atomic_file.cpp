// Temp file + fsync + rename, the only way a crash cannot leave a truncated experiment file.
#include "spec/atomic_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <vector>

#include "sweeplab/errors.h"

namespace sweeplab {
namespace {

[[noreturn]] void fail(const std::string& path, const std::string& what, int error) {
  throw InputError("cannot write '" + path + "': " + what + ": " + std::strerror(error));
}

std::string folderOf(const std::string& path) {
  const size_t slash = path.rfind('/');
  if (slash == std::string::npos) return ".";
  return slash == 0 ? "/" : path.substr(0, slash);
}

bool writeAll(int fd, const std::string& content) {
  size_t written = 0;
  while (written < content.size()) {
    const ssize_t n = ::write(fd, content.data() + written, content.size() - written);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return false;
    written += static_cast<size_t>(n);
  }
  return true;
}

}  // namespace

void writeFileAtomically(const std::string& path, const std::string& content) {
  std::string pattern = path + ".tmp-XXXXXX";
  std::vector<char> name(pattern.begin(), pattern.end());
  name.push_back('\0');
  const int fd = ::mkstemp(name.data());
  if (fd < 0) fail(path, "cannot create a temporary file", errno);
  const std::string tempPath(name.data());
  // mkstemp creates 0600; an experiment file is an ordinary document.
  ::fchmod(fd, 0644);
  if (!writeAll(fd, content) || ::fsync(fd) != 0) {
    const int error = errno;
    ::close(fd);
    ::unlink(tempPath.c_str());
    fail(path, "writing failed", error);
  }
  if (::close(fd) != 0 || std::rename(tempPath.c_str(), path.c_str()) != 0) {
    const int error = errno;
    ::unlink(tempPath.c_str());
    fail(path, "cannot replace the file", error);
  }
  // The rename itself must reach the disk too; failure here only risks the old version.
  const int folder = ::open(folderOf(path).c_str(), O_RDONLY | O_DIRECTORY);
  if (folder >= 0) {
    ::fsync(folder);
    ::close(folder);
  }
}

}  // namespace sweeplab
