// Reader for the hls4ml JSC HDF5 original (dataset `t_allpar_new`, a compound array whose
// named fields include the 16 inputs and the one-hot labels j_g, j_q, j_w, j_z, j_t).
#pragma once

#include <string>

#include "sweeplab/dataset.h"

namespace sweeplab {

// Reads the fields by name, whatever their order and numeric type. Classes are g, q, w, z, t.
// The file is read in a child process (child_process_reader.h): a damaged file that crashes
// the HDF5 library gives an InputError here.
RawDataset readJscHdf5(const std::string& path);

// The same, in this process (what the child runs).
RawDataset readJscHdf5InThisProcess(const std::string& path);

}  // namespace sweeplab
