// Reader for the hls4ml JSC HDF5 original (dataset `t_allpar_new`, a compound array whose
// named fields include the 16 inputs and the one-hot labels j_g, j_q, j_w, j_z, j_t).
#pragma once

#include <string>

#include "sweeplab/dataset.h"

namespace sweeplab {

// Reads the fields by name, whatever their order and numeric type. Classes are g, q, w, z, t.
RawDataset readJscHdf5(const std::string& path);

}  // namespace sweeplab
