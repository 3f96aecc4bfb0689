// The files of a run folder: the experiment as run, summary.json, per-trial metrics CSV.
// Writers are atomic (temp file, fsync, rename) so a crash never leaves half a file.
#pragma once

#include <string>
#include <vector>

#include "sweeplab/metrics.h"

namespace sweeplab {

inline constexpr const char* kSummaryFileName = "summary.json";
inline constexpr const char* kExperimentFileName = "experiment.yaml";
inline constexpr const char* kMetricsFileName = "metrics.csv";

// Temp file, fsync, rename; throws WriteError naming the path, the reason and the remedy.
void writeFileAtomically(const std::string& path, const std::string& content);

std::string runSummaryToJson(const RunSummary& summary);
RunSummary runSummaryFromJson(const std::string& json, const std::string& origin);
void writeRunSummary(const std::string& runDir, const RunSummary& summary);
RunSummary readRunSummary(const std::string& runDir);  // throws InputError

// metrics.csv columns: name,step,epoch,samples,wall_seconds,value
std::string metricsToCsv(const std::vector<MetricPoint>& points);
std::vector<MetricPoint> readTrialMetrics(const std::string& runDir, const TrialSummary& trial);

}  // namespace sweeplab
