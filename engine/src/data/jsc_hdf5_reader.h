// Reader for the hls4ml JSC HDF5 original (dataset `t_allpar_new`, a compound array whose
// named fields include the 16 inputs and the one-hot labels j_g, j_q, j_w, j_z, j_t).
#pragma once

#include <chrono>
#include <string>

#include "sweeplab/dataset.h"

namespace sweeplab {

// Reads the fields by name, whatever their order and numeric type. Classes are g, q, w, z, t.
// The file is read in a child process (child_process_reader.h): a damaged file that crashes
// the HDF5 library, or keeps it busy far longer than a valid file of its size, gives an
// InputError here. `limit` 0 means: two minutes plus a second per 10 MB of file. The child may
// use four times the file's size plus 1 GB of memory.
RawDataset readJscHdf5(const std::string& path, std::chrono::seconds limit = {});

// The same, in this process (what the child runs).
RawDataset readJscHdf5InThisProcess(const std::string& path);

}  // namespace sweeplab
