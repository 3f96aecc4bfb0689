// Standardisation as scikit-learn's StandardScaler does it: population std, scale 1 where a
// feature is constant.
#pragma once

#include <vector>

#include "sweeplab/dataset.h"

namespace sweeplab {

struct StandardScaler {
  std::vector<double> mean;
  std::vector<double> scale;
};

// Fits on the rows of all the given tables together (e.g. train and val for train_val).
StandardScaler fitStandardScaler(const std::vector<const Table*>& tables, int num_features);

void applyStandardScaler(const StandardScaler& scaler, Table& table);

}  // namespace sweeplab
