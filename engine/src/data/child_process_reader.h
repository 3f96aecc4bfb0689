// Reading a file in a child process, for parsers whose libraries cannot be trusted with hostile
// input. HDF5 1.10 follows the sizes and offsets a file states about itself and can crash on a
// damaged file (found by tests/fuzz/fuzz_hdf5); in a child, such a crash becomes an error
// message instead of the end of the workbench and its unsaved work.
#pragma once

#include <functional>
#include <string>

#include "sweeplab/dataset.h"

namespace sweeplab {

// Runs `read` in a forked child and returns the table it produced. An InputError thrown in the
// child is rethrown here with the same message. A child killed by a signal (a crash inside the
// library) gives an InputError naming `path`; a child that ends any other way without an answer
// gives std::runtime_error, since that is a fault of Sweeplab rather than of the file.
RawDataset readInChildProcess(const std::string& path, const std::function<RawDataset()>& read);

}  // namespace sweeplab
