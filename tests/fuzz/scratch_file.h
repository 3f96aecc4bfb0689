// One scratch file per fuzzing process, rewritten for every input and removed at exit; in
// /dev/shm where there is one, so that writing each input costs no disk traffic.
#pragma once

#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <string>

#include "fuzz_require.h"

inline const std::string& scratchPath() {
  static const std::string path = [] {
    std::string pattern = (::access("/dev/shm", W_OK) == 0 ? "/dev/shm" : "/tmp") +
                          std::string("/sweeplab-fuzz-XXXXXX");
    const int fd = ::mkstemp(pattern.data());
    require(fd >= 0, "a scratch file can be made");
    ::close(fd);
    static std::string removeAtExit;
    removeAtExit = pattern;
    std::atexit([] { std::remove(removeAtExit.c_str()); });
    return pattern;
  }();
  return path;
}
