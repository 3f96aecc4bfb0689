// The child writes one message to a pipe: 'T' and the table, or 'E' and an error text. It ends
// with _exit so nothing of the parent (threads, static destructors) runs twice.
#include "data/child_process_reader.h"

#include <poll.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <stdexcept>

#include "sweeplab/errors.h"

#if defined(__SANITIZE_ADDRESS__)
#define SWEEPLAB_ADDRESS_SANITIZER 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define SWEEPLAB_ADDRESS_SANITIZER 1
#endif
#endif

namespace sweeplab {
namespace {

class Message {
 public:
  void pod(std::uint64_t value) { raw(&value, sizeof value); }
  void raw(const void* data, std::size_t size) {
    bytes_.append(static_cast<const char*>(data), size);
  }
  void text(const std::string& value) {
    pod(value.size());
    bytes_ += value;
  }
  template <typename T>
  void vector(const std::vector<T>& values) {
    pod(values.size());
    raw(values.data(), values.size() * sizeof(T));
  }
  const std::string& bytes() const { return bytes_; }

 private:
  std::string bytes_;
};

class Reply {
 public:
  explicit Reply(const std::string& bytes) : bytes_(bytes) {}
  bool pod(std::uint64_t& value) { return raw(&value, sizeof value); }
  bool raw(void* data, std::size_t size) {
    if (size > bytes_.size() - pos_) return false;
    std::memcpy(data, bytes_.data() + pos_, size);
    pos_ += size;
    return true;
  }
  bool text(std::string& value) {
    std::uint64_t size = 0;
    if (!pod(size) || size > bytes_.size() - pos_) return false;
    value.assign(bytes_, pos_, size);
    pos_ += size;
    return true;
  }
  template <typename T>
  bool vector(std::vector<T>& values) {
    std::uint64_t count = 0;
    if (!pod(count) || count > (bytes_.size() - pos_) / sizeof(T)) return false;
    values.resize(count);
    return raw(values.data(), count * sizeof(T));
  }
  bool strings(std::vector<std::string>& values) {
    std::uint64_t count = 0;
    if (!pod(count) || count > bytes_.size() - pos_) return false;
    values.resize(count);
    for (std::string& value : values)
      if (!text(value)) return false;
    return true;
  }
  bool atEnd() const { return pos_ == bytes_.size(); }

 private:
  const std::string& bytes_;
  std::size_t pos_ = 0;
};

std::string encode(const RawDataset& data) {
  Message message;
  message.raw("T", 1);
  message.pod(data.feature_names.size());
  for (const std::string& name : data.feature_names) message.text(name);
  message.pod(data.class_names.size());
  for (const std::string& name : data.class_names) message.text(name);
  message.vector(data.table.features);
  message.vector(data.table.labels);
  return message.bytes();
}

bool writeAll(int fd, const std::string& bytes) {
  std::size_t done = 0;
  while (done < bytes.size()) {
    const ssize_t n = ::write(fd, bytes.data() + done, bytes.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    done += static_cast<std::size_t>(n);
  }
  return true;
}

std::uint64_t currentAddressSpace() {
  unsigned long long pages = 0;
  if (std::FILE* statm = std::fopen("/proc/self/statm", "r")) {
    if (std::fscanf(statm, "%llu", &pages) != 1) pages = 0;
    std::fclose(statm);
  }
  return pages * static_cast<std::uint64_t>(::sysconf(_SC_PAGESIZE));
}

[[noreturn]] void runChild(int fd, const std::function<RawDataset()>& read,
                           std::uint64_t memoryBytes) {
#ifndef SWEEPLAB_ADDRESS_SANITIZER
  // On top of what the forked copy of the parent already maps (LibTorch, a CUDA context).
  const rlim_t cap = currentAddressSpace() + memoryBytes;
  const rlimit memory{cap, cap};
  ::setrlimit(RLIMIT_AS, &memory);
#else
  (void)memoryBytes;
#endif
  // A wild access inside the library must end the child by its signal, so the parent can tell
  // a crash (the file's fault) from any other way of dying (ours). Sanitizer builds would
  // otherwise catch SIGSEGV themselves and exit with a status.
  for (int signal : {SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGABRT}) ::signal(signal, SIG_DFL);
  std::string reply;
  try {
    reply = encode(read());
  } catch (const InputError& error) {
    Message message;
    message.raw("E", 1);
    message.text(error.what());
    reply = message.bytes();
  } catch (const std::exception& error) {
    Message message;
    message.raw("F", 1);
    message.text(error.what());
    reply = message.bytes();
  }
  ::_exit(writeAll(fd, reply) ? 0 : 3);
}

// Everything the child writes until it closes the pipe; false when `deadline` passes first.
bool readAll(int fd, std::chrono::steady_clock::time_point deadline, std::string& bytes) {
  char buffer[1 << 16];
  for (;;) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0) return false;
    pollfd wait{fd, POLLIN, 0};
    const int ready = ::poll(&wait, 1, static_cast<int>(std::min<long long>(left.count(), 1000)));
    if (ready < 0 && errno != EINTR) return true;
    if (ready <= 0) continue;
    const ssize_t n = ::read(fd, buffer, sizeof buffer);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return true;
    bytes.append(buffer, static_cast<std::size_t>(n));
  }
}

RawDataset decodeTable(Reply& reply) {
  RawDataset data;
  if (reply.strings(data.feature_names) && reply.strings(data.class_names) &&
      reply.vector(data.table.features) && reply.vector(data.table.labels) && reply.atEnd())
    return data;
  throw std::runtime_error("the reading process sent an incomplete table");
}

}  // namespace

RawDataset readInChildProcess(const std::string& path, const std::function<RawDataset()>& read,
                              ChildLimits limits) {
  const auto deadline = std::chrono::steady_clock::now() + limits.time;
  int fds[2];
  if (::pipe(fds) != 0)
    throw std::runtime_error(std::string("cannot start a reading process: ") +
                             std::strerror(errno));
  const pid_t child = ::fork();
  if (child < 0) {
    const int error = errno;
    ::close(fds[0]);
    ::close(fds[1]);
    throw std::runtime_error(std::string("cannot start a reading process: ") +
                             std::strerror(error));
  }
  if (child == 0) {
    ::close(fds[0]);
    runChild(fds[1], read, limits.memoryBytes);
  }
  ::close(fds[1]);
  std::string bytes;
  const bool answered = readAll(fds[0], deadline, bytes);
  ::close(fds[0]);
  if (!answered) ::kill(child, SIGKILL);
  int status = 0;
  while (::waitpid(child, &status, 0) < 0 && errno == EINTR) {
  }
  if (!answered) {
    throw InputError(path + ": the HDF5 library was still reading this file after " +
                     std::to_string(limits.time.count()) +
                     " s and was stopped; the file is damaged (a valid file of this size reads "
                     "in a fraction of that)");
  }
  if (WIFSIGNALED(status)) {
    throw InputError(path + ": the HDF5 library crashed reading this file (" +
                     ::strsignal(WTERMSIG(status)) +
                     "); the file is damaged or not an HDF5 file Sweeplab can read");
  }
  Reply reply(bytes);
  char kind = 0;
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0 || !reply.raw(&kind, 1))
    throw std::runtime_error(path + ": the reading process ended without an answer (status " +
                             std::to_string(status) + ")");
  std::string text;
  if (kind == 'E' && reply.text(text)) throw InputError(text);
  if (kind == 'F' && reply.text(text)) throw std::runtime_error(text);
  if (kind == 'T') return decodeTable(reply);
  throw std::runtime_error(path + ": the reading process sent an unknown answer");
}

}  // namespace sweeplab
