// Files written for other tools: per-metric CSVs in TensorBoard's download layout, and the names
// of the weight files that Python's torch.load reads as a state dict with MASE's module names.
#pragma once

#include <string>
#include <vector>

#include "sweeplab/metrics.h"

namespace sweeplab {

// Trained weights as a dict of tensors ("seq_blocks.0.weight", ...), next to best.pt/last.pt.
inline constexpr const char* kBestStateDictFileName = "best.state_dict.pt";
inline constexpr const char* kLastStateDictFileName = "last.state_dict.pt";

// Folder inside a trial folder that holds one CSV per metric.
inline constexpr const char* kTensorBoardCsvFolder = "tensorboard-csv";

// TensorBoard's "download CSV" name for a run and tag: run-<run>-tag-<metric>.csv.
std::string tensorBoardCsvFileName(const std::string& run, const std::string& metric);

// The points of one metric as TensorBoard downloads them: "Wall time,Step,Value" with the wall
// time in seconds since 1970 (`startUnix` plus the point's seconds since the trial started).
std::string tensorBoardCsv(const std::vector<MetricPoint>& points, const std::string& metric,
                           double startUnix);

// Metric names in the order they first appear.
std::vector<std::string> metricNames(const std::vector<MetricPoint>& points);

// Writes one CSV per metric into `folder` (created if needed), atomically; returns the paths.
std::vector<std::string> writeTensorBoardCsvs(const std::string& folder, const std::string& run,
                                              const std::vector<MetricPoint>& points,
                                              double startUnix);

}  // namespace sweeplab
