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

// The "by value" table: one row per value of the swept `key` (dotted, "training.batch_size", or
// short, "batch_size"), in axis order (numbers ascending, categories in file order), with the
// finished trials counted (n) and the mean ± std over them (every seed and every value of the
// other swept keys) of test accuracy, test loss, best validation accuracy and wall time.
// Markdown (followed by a line saying what the numbers are over), Csv (key, trials, finished,
// then NAME_mean and NAME_std per metric) or Latex. Throws InputError naming the swept keys when
// `key` is not one of them, or for another format.
std::string formatByValueTable(const RunSummary& summary, const std::string& key,
                               TableFormat format);

}  // namespace sweeplab
