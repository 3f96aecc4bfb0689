// Writes the prepared train/val/test splits as raw arrays, so another program (the PyTorch
// reference of the accuracy check) trains and validates on exactly the rows Sweeplab uses.
#pragma once

#include <string>

#include "sweeplab/dataset.h"

namespace sweeplab {

// DIR/{train,val,test}_x.f32 (float32, rows x features, row-major), DIR/{split}_y.i64 (int64)
// in little-endian byte order, and DIR/splits.json with the shapes, names and the dataset's
// description and fingerprint. Creates DIR; throws InputError when a file cannot be written.
void dumpSplits(const PreparedDataset& dataset, const std::string& dir);

}  // namespace sweeplab
