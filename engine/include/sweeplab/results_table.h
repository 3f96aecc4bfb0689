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

// What a table shows beyond its standard columns. The defaults print the tables as they always
// were, so scripts that read them keep working.
struct TableOptions {
  // The tested checkpoint's test recall of each class: a "recall NAME" column per class in
  // Markdown and LaTeX, a row per class in md-transposed, test_recall_NAME fields at the end of
  // each CSV record. Macro accuracy alone hides a class the model never predicts.
  bool per_class_recall = false;
};

// Markdown tables of a run with seed repeats end with their statistics (repeat_statistics.h).
// The one-row-per-trial Markdown table is followed by a line for every trial with dead classes
// (class_diagnostics.h); a healthy run's table has none.
std::string formatResultsTable(const RunSummary& summary, TableFormat format,
                               const TableOptions& options = {});

}  // namespace sweeplab
