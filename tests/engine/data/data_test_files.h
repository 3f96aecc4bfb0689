// Small helpers shared by the data-layer tests: writing files into a temporary folder and
// reading the original (unscaled) values back out of a prepared dataset.
#pragma once

#include <QDir>
#include <QFile>
#include <QString>
#include <QTemporaryDir>
#include <cmath>
#include <string>

#include "sweeplab/dataset.h"
#include "sweeplab/errors.h"

namespace sweeplab::test {

inline std::string writeFile(const QTemporaryDir& dir, const QString& name,
                             const std::string& content) {
  const QString path = dir.filePath(name);
  QFile file(path);
  if (!file.open(QIODevice::WriteOnly)) return {};
  file.write(content.data(), static_cast<qint64>(content.size()));
  return path.toStdString();
}

// The value a row had in the source file, undoing the standard scaler.
inline double unscaled(const PreparedDataset& data, const Table& table, std::int64_t row,
                       int feature) {
  const float scaled = table.features[row * data.numFeatures() + feature];
  return scaled * data.scaler_scale[feature] + data.scaler_mean[feature];
}

// A CSV whose first feature is the row index, so a test can see where each row went.
inline std::string indexedCsv(int rows) {
  std::string text = "index,noise,class\n";
  for (int i = 0; i < rows; ++i) {
    text += std::to_string(i) + "," + std::to_string((i * 37) % 11) + "," +
            (i % 3 == 0 ? "a" : "b") + "\n";
  }
  return text;
}

inline std::vector<std::int64_t> sourceIndices(const PreparedDataset& data, const Table& table) {
  std::vector<std::int64_t> indices;
  for (std::int64_t row = 0; row < table.rows(); ++row) {
    indices.push_back(std::llround(unscaled(data, table, row, 0)));
  }
  return indices;
}

}  // namespace sweeplab::test
