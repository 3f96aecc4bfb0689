// The results table of a run in the formats people paste into reports.
#pragma once

#include <string>

#include "sweeplab/metrics.h"

namespace sweeplab {

enum class TableFormat {
  Markdown,            // one row per trial
  MarkdownTransposed,  // the lab report's Table 1: metrics as rows, trials as columns
  Csv,
  Latex,
  Json,
  RepeatsCsv,  // one row per grid point: mean and std over seeds, Welch's test against the best
};

// Parses "md", "md-transposed", "csv", "latex", "json", "repeats-csv"; throws InputError naming the
// choices.
TableFormat tableFormatFromString(const std::string& name);

// Markdown tables of a run with seed repeats end with their statistics (repeat_statistics.h).
std::string formatResultsTable(const RunSummary& summary, TableFormat format);

}  // namespace sweeplab
