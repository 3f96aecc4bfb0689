// Reading a file in a child process, for parsers whose libraries cannot be trusted with hostile
// input. HDF5 1.10 follows the sizes and offsets a file states about itself and can crash on a
// damaged file (found by tests/fuzz/fuzz_hdf5); in a child, such a crash becomes an error
// message instead of the end of the workbench and its unsaved work.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <string>

#include "sweeplab/dataset.h"

namespace sweeplab {

// Runs `read` in a forked child and returns the table it produced. An InputError thrown in the
// child is rethrown here with the same message. A child killed by a signal (a crash inside the
// library) gives an InputError naming `path`; a child that ends any other way without an answer
// gives std::runtime_error, since that is a fault of Sweeplab rather than of the file. HDF5
// can also loop for ever on a damaged file, allocating as it goes: a child still reading after
// `time` is killed, and its address space may grow by at most `memoryBytes` (not in sanitizer
// builds, which reserve terabytes of address space up front); both give an InputError.
struct ChildLimits {
  std::chrono::seconds time;
  std::uint64_t memoryBytes;
};
RawDataset readInChildProcess(const std::string& path, const std::function<RawDataset()>& read,
                              ChildLimits limits);

}  // namespace sweeplab
