// writeFileAtomically: readers see either the old file or the complete new one, never a part,
// even when the process is killed or the machine loses power in the middle of a write.
#include "spec/atomic_file.h"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <string>
#include <thread>

#include "sweeplab/errors.h"

namespace sweeplab {
namespace {

[[noreturn]] void throwOsError(const std::string& path, const char* action, int error) {
  const std::string advice = writeFailureAdvice(error);
  throw WriteError(path + ": cannot " + action + ": " + std::strerror(error) +
                   (advice.empty() ? "" : "; " + advice));
}

std::string folderOf(const std::string& path) {
  const auto slash = path.find_last_of('/');
  if (slash == std::string::npos) return ".";
  if (slash == 0) return "/";
  return path.substr(0, slash);
}

// Hidden and unique per process and call, so concurrent writers of one folder never collide
// and a leftover from a crash is easy to recognise.
std::string temporaryPathFor(const std::string& path) {
  static std::atomic<unsigned> counter{0};
  const auto slash = path.find_last_of('/');
  const std::string folder = slash == std::string::npos ? "" : path.substr(0, slash + 1);
  const std::string name = slash == std::string::npos ? path : path.substr(slash + 1);
  return folder + "." + name + ".tmp-" + std::to_string(::getpid()) + "-" +
         std::to_string(counter++);
}

void writeAll(int fd, const std::string& content, const std::string& path) {
  const char* data = content.data();
  std::size_t left = content.size();
  while (left > 0) {
    const ssize_t written = ::write(fd, data, left);
    if (written < 0) {
      if (errno == EINTR) continue;
      throwOsError(path, "write", errno);
    }
    data += written;
    left -= static_cast<std::size_t>(written);
  }
}

// The rename is only durable once the folder's entry is on disk too. Some file systems do not
// support syncing a folder; the data itself is already safe then, so that is not an error.
void syncFolder(const std::string& folder) {
  const int fd = ::open(folder.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return;
  ::fsync(fd);
  ::close(fd);
}

// Crash tests set SWEEPLAB_TEST_SLOW_WRITES_MS so that a kill lands inside a write far more
// often than chance would have it: the write then pauses halfway through the content and again
// before the rename. Unset (always, outside those tests), writes run at full speed.
int testPauseMilliseconds() {
  static const int pause = [] {
    const char* text = std::getenv("SWEEPLAB_TEST_SLOW_WRITES_MS");
    return text ? std::max(0, std::atoi(text)) : 0;
  }();
  return pause;
}

void testPause() {
  if (const int pause = testPauseMilliseconds())
    std::this_thread::sleep_for(std::chrono::milliseconds(pause));
}

void writeContent(int fd, const std::string& content, const std::string& path) {
  if (!testPauseMilliseconds()) return writeAll(fd, content, path);
  const std::size_t half = content.size() / 2;
  writeAll(fd, content.substr(0, half), path);
  testPause();
  writeAll(fd, content.substr(half), path);
}

}  // namespace

std::string writeFailureAdvice(int error) {
  switch (error) {
    case ENOSPC:
      return "the disk is full: free some space or write to another folder";
    case EDQUOT:
      return "the disk quota is used up: free some space or write to another folder";
    case EFBIG:
      return "the file would pass the file-size limit of this process (ulimit -f) or the largest "
             "file this file system holds: raise the limit, free space or write to another folder";
    case EACCES:
    case EPERM:
      return "no permission to write there: choose a folder you can write to";
    case ENOTDIR:
      return "part of the path is a file, not a folder: choose another folder";
    case EROFS:
      return "the file system is read-only: choose another folder";
    default:
      return "";
  }
}

void writeFileAtomically(const std::string& path, const std::string& content) {
  if (path.empty()) throw WriteError("cannot write a file with an empty path");
  const std::string temporary = temporaryPathFor(path);
  const int fd = ::open(temporary.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
  if (fd < 0) throwOsError(path, "write", errno);
  bool closed = false;
  try {
    writeContent(fd, content, path);
    if (::fsync(fd) != 0) throwOsError(path, "write", errno);
    closed = true;  // close() releases the descriptor even when it reports an error
    if (::close(fd) != 0) throwOsError(path, "write", errno);
  } catch (...) {
    if (!closed) ::close(fd);
    ::unlink(temporary.c_str());
    throw;
  }
  testPause();
  if (::rename(temporary.c_str(), path.c_str()) != 0) {
    const int error = errno;
    ::unlink(temporary.c_str());
    throwOsError(path, "replace", error);
  }
  syncFolder(folderOf(path));
}

}  // namespace sweeplab
