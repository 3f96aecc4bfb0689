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
};

// Parses "md", "md-transposed", "csv", "latex", "json"; throws InputError naming the choices.
TableFormat tableFormatFromString(const std::string& name);

std::string formatResultsTable(const RunSummary& summary, TableFormat format);

}  // namespace sweeplab
