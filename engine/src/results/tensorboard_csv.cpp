// TensorBoard's CSV download layout, so plotting scripts written for TensorBoard exports read a
// Sweeplab trial unchanged.
#include <algorithm>
#include <cctype>
#include <filesystem>

#include "csv_text.h"
#include "sweeplab/errors.h"
#include "sweeplab/interop_exports.h"
#include "sweeplab/run_folder.h"

namespace sweeplab {
namespace fs = std::filesystem;
namespace {

// Metric and folder names become part of a file name: keep them to safe characters.
std::string fileNamePart(const std::string& text) {
  std::string safe;
  for (char c : text) {
    const bool ok = std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' || c == '.';
    safe += ok ? c : '_';
  }
  return safe;
}

}  // namespace

std::string tensorBoardCsvFileName(const std::string& run, const std::string& metric) {
  return "run-" + fileNamePart(run) + "-tag-" + fileNamePart(metric) + ".csv";
}

std::string tensorBoardCsv(const std::vector<MetricPoint>& points, const std::string& metric,
                           double startUnix) {
  std::string csv = "Wall time,Step,Value\n";
  for (const MetricPoint& point : points) {
    if (point.name != metric) continue;
    csv += formatNumber(startUnix + point.wall_seconds, "%.6f");
    csv += ',' + std::to_string(point.step);
    csv += ',' + formatNumber(point.value, "%.9g") + '\n';
  }
  return csv;
}

std::vector<std::string> metricNames(const std::vector<MetricPoint>& points) {
  std::vector<std::string> names;
  for (const MetricPoint& point : points)
    if (std::find(names.begin(), names.end(), point.name) == names.end())
      names.push_back(point.name);
  return names;
}

std::vector<std::string> writeTensorBoardCsvs(const std::string& folder, const std::string& run,
                                              const std::vector<MetricPoint>& points,
                                              double startUnix) {
  std::error_code error;
  fs::create_directories(folder, error);
  if (error) throw InputError(folder + ": cannot create the folder: " + error.message());
  std::vector<std::string> paths;
  for (const std::string& metric : metricNames(points)) {
    const std::string path = (fs::path(folder) / tensorBoardCsvFileName(run, metric)).string();
    writeFileAtomically(path, tensorBoardCsv(points, metric, startUnix));
    paths.push_back(path);
  }
  return paths;
}

}  // namespace sweeplab
