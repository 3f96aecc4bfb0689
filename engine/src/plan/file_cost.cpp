#include "plan/file_cost.h"

#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <vector>

#include "sweeplab/metrics.h"
#include "sweeplab/run_folder.h"

namespace sweeplab {
namespace {

double secondsToWrite(const std::string& path, int points) {
  std::vector<MetricPoint> metrics;
  metrics.reserve(points);
  for (int i = 0; i < points; ++i)
    metrics.push_back({i % 3 == 0 ? metric::kTrainLossStep : metric::kTrainAccStep, 50LL * i,
                       0.01 * i, 6400LL * i, 0.001 * i, 0.5 + 1e-6 * i});
  const auto start = std::chrono::steady_clock::now();
  writeFileAtomically(path, metricsToCsv(metrics));
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

}  // namespace

FileCost measureFileCost(const std::string& dir) {
  namespace fs = std::filesystem;
  constexpr int kSmall = 10, kLarge = 30000;
  const fs::path folder = fs::path(dir.empty() ? fs::temp_directory_path().string() : dir) /
                          ("cost-files-" + std::to_string(::getpid()));
  FileCost cost;
  try {
    fs::create_directories(folder);
    const std::string path = (folder / "metrics.csv").string();
    double small = 1e9, large = 1e9;  // the quickest of three: the cost, not the noise
    for (int i = 0; i < 3; ++i) {
      small = std::min(small, secondsToWrite(path, kSmall));
      large = std::min(large, secondsToWrite(path, kLarge));
    }
    cost.seconds_per_point = std::max(0.0, (large - small) / (kLarge - kSmall));
    cost.seconds_per_write = std::max(0.0, small - kSmall * cost.seconds_per_point);
  } catch (const std::exception&) {
  }
  std::error_code error;
  fs::remove_all(folder, error);
  return cost;
}

double trialFileSeconds(const FileCost& cost, int epochs, double pointsPerEpoch) {
  // Epoch e rewrites e epochs' points; the end writes metrics.csv and the TensorBoard CSVs,
  // which hold every point once more between them.
  const double rewritten = pointsPerEpoch * epochs * (epochs + 1) / 2.0;
  const double atTheEnd = 2.0 * pointsPerEpoch * epochs;
  return (epochs + 1) * cost.seconds_per_write + (rewritten + atTheEnd) * cost.seconds_per_point;
}

}  // namespace sweeplab
