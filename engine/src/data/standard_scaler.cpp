// Two passes in double (mean, then squared deviations): stable for features such as the jet
// mass whose mean is large compared with its spread.
#include "data/standard_scaler.h"

#include <cmath>

namespace sweeplab {

StandardScaler fitStandardScaler(const std::vector<const Table*>& tables, int num_features) {
  StandardScaler scaler;
  scaler.mean.assign(num_features, 0.0);
  scaler.scale.assign(num_features, 1.0);
  std::int64_t rows = 0;
  for (const Table* table : tables) {
    rows += table->rows();
    for (std::size_t i = 0; i < table->features.size(); ++i) {
      scaler.mean[i % num_features] += table->features[i];
    }
  }
  if (rows == 0) return scaler;
  for (double& mean : scaler.mean) mean /= static_cast<double>(rows);

  std::vector<double> squares(num_features, 0.0);
  for (const Table* table : tables) {
    for (std::size_t i = 0; i < table->features.size(); ++i) {
      const double deviation = table->features[i] - scaler.mean[i % num_features];
      squares[i % num_features] += deviation * deviation;
    }
  }
  for (int f = 0; f < num_features; ++f) {
    const double std_dev = std::sqrt(squares[f] / static_cast<double>(rows));
    scaler.scale[f] = std_dev > 0.0 ? std_dev : 1.0;
  }
  return scaler;
}

void applyStandardScaler(const StandardScaler& scaler, Table& table) {
  const std::size_t num_features = scaler.mean.size();
  for (std::size_t i = 0; i < table.features.size(); ++i) {
    const std::size_t f = i % num_features;
    table.features[i] = static_cast<float>((table.features[i] - scaler.mean[f]) / scaler.scale[f]);
  }
}

}  // namespace sweeplab
