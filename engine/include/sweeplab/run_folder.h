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
// Throws InputError. When the process that wrote the folder is gone without finishing the
// sweep, its running trials read as interrupted (see markInterruptedTrials).
RunSummary readRunSummary(const std::string& runDir);

// The writing process of this host and its id, as a run folder records its writer.
std::string currentHost();
long long currentProcessId();
// True when the run's writer can no longer be running: the sweep did not record its end, and
// its process id on this host no longer exists. A run written on another host, or by this very
// process, is taken as alive.
bool runWriterIsGone(const RunSummary& summary);
// Turns the running trials of a run whose writer is gone into interrupted ones.
void markInterruptedTrials(RunSummary& summary);

// metrics.csv columns: name,step,epoch,samples,wall_seconds,value
std::string metricsToCsv(const std::vector<MetricPoint>& points);
std::vector<MetricPoint> readTrialMetrics(const std::string& runDir, const TrialSummary& trial);

}  // namespace sweeplab
