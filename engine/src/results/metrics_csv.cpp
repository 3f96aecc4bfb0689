// metrics.csv of a trial: every metric point in the order reported, with enough digits that
// reading the file gives back the values the trainer saw (they are float32 underneath).
#include <cerrno>
#include <cstdlib>
#include <fstream>

#include "csv_text.h"
#include "sweeplab/errors.h"
#include "sweeplab/run_folder.h"

namespace sweeplab {
namespace {

constexpr const char* kHeader = "name,step,epoch,samples,wall_seconds,value";

double parseDouble(const std::string& text, const std::string& where) {
  const char* begin = text.c_str();
  char* end = nullptr;
  errno = 0;
  const double value = std::strtod(begin, &end);
  if (text.empty() || end != begin + text.size()) {
    throw InputError(where + ": '" + text + "' is not a number");
  }
  return value;
}

long long parseInteger(const std::string& text, const std::string& where) {
  const char* begin = text.c_str();
  char* end = nullptr;
  errno = 0;
  const long long value = std::strtoll(begin, &end, 10);
  if (text.empty() || end != begin + text.size() || errno == ERANGE) {
    throw InputError(where + ": '" + text + "' is not a whole number");
  }
  return value;
}

// A trial folder comes from summary.json, which a person may edit: keep it inside the run.
void checkTrialFolder(const std::string& folder, const std::string& runDir) {
  const bool escapes = folder.empty() || folder.front() == '/' || folder == ".." ||
                       folder.rfind("../", 0) == 0 || folder.find("/../") != std::string::npos ||
                       (folder.size() >= 3 && folder.compare(folder.size() - 3, 3, "/..") == 0);
  if (escapes) {
    throw InputError(runDir + "/" + kSummaryFileName + ": trial folder '" + folder +
                     "' is not a folder inside the run folder");
  }
}

}  // namespace

std::string metricsToCsv(const std::vector<MetricPoint>& points) {
  std::string csv = std::string(kHeader) + "\n";
  for (const MetricPoint& point : points) {
    csv += csvField(point.name);
    csv += ',' + std::to_string(point.step);
    csv += ',' + formatNumber(point.epoch, "%.9g");
    csv += ',' + std::to_string(point.samples);
    csv += ',' + formatNumber(point.wall_seconds, "%.9g");
    csv += ',' + formatNumber(point.value, "%.9g");
    csv += '\n';
  }
  return csv;
}

std::vector<MetricPoint> readTrialMetrics(const std::string& runDir, const TrialSummary& trial) {
  checkTrialFolder(trial.folder, runDir);
  const std::string path = runDir + "/" + trial.folder + "/" + kMetricsFileName;
  std::ifstream file(path);
  if (!file) throw InputError(path + ": cannot read the file (no metrics for this trial)");

  std::string line;
  if (std::getline(file, line) && !line.empty() && line.back() == '\r') line.pop_back();
  if (line != kHeader) {
    throw InputError(path + ":1: expected the header '" + kHeader + "'");
  }
  static const char* const kColumns[] = {"name",    "step",         "epoch",
                                         "samples", "wall_seconds", "value"};
  std::vector<MetricPoint> points;
  for (int lineNumber = 2; std::getline(file, line); ++lineNumber) {
    if (line.empty() || line == "\r") continue;
    const std::string where = path + ":" + std::to_string(lineNumber);
    const std::vector<std::string> fields = splitCsvRecord(line, where);
    if (fields.size() != 6) {
      throw InputError(where + ": expected 6 columns, found " + std::to_string(fields.size()));
    }
    const auto at = [&](int column) { return where + ": " + kColumns[column]; };
    MetricPoint point;
    point.name = fields[0];
    point.step = parseInteger(fields[1], at(1));
    point.epoch = parseDouble(fields[2], at(2));
    point.samples = parseInteger(fields[3], at(3));
    point.wall_seconds = parseDouble(fields[4], at(4));
    point.value = parseDouble(fields[5], at(5));
    points.push_back(std::move(point));
  }
  return points;
}

}  // namespace sweeplab
