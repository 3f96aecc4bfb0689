// The individual results-table writers behind formatResultsTable, and the cell texts they share.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "sweeplab/metrics.h"
#include "sweeplab/results_table.h"

namespace sweeplab {

// A column of the one-row-per-trial tables (Markdown and LaTeX show the same columns).
struct TableColumn {
  std::string header;
  bool numeric;  // right-aligned
  std::function<std::string(const TrialSummary&)> cell;
};
const std::vector<TableColumn>& trialRowColumns();
// "finished", "diverged", or "pruned at epoch 3" for a trial the pruner stopped.
std::string statusCellText(const TrialSummary& trial);
// The standard columns with, when asked, a "recall NAME" column per class after "Test loss".
std::vector<TableColumn> trialRowColumns(const RunSummary& summary, const TableOptions& options);
// "recall NAME" for each of the run's classes (runClassNames); empty without per-class results.
std::vector<TableColumn> classRecallColumns(const RunSummary& summary, int decimals = 4);

// Cell texts; a missing value (NaN) prints as "-".
std::string fixedOrDash(double value, int decimals);
std::string durationText(double seconds);  // "12.3s", "4m05s", "2h07m"; "-" for none

// A Markdown table padded into aligned columns; rows[0] is the header. alignRight[c]
// right-aligns column c (and marks it in the rule row).
std::string alignedMarkdown(const std::vector<std::vector<std::string>>& rows,
                            const std::vector<bool>& alignRight);
std::string escapeMarkdownCell(const std::string& text);  // '|' escaped, line breaks as spaces

// The seed-repeat section as plain cell texts (mean ± std, Welch's t-test against the best grid
// point); rows[0] of each is the header; both empty without repeats, comparisons empty with a
// single grid point. Markdown and LaTeX escape and lay them out.
struct RepeatTables {
  std::vector<std::vector<std::string>> gridPoints;
  std::vector<std::vector<std::string>> comparisons;
};
RepeatTables repeatStatisticsTables(const RunSummary& summary);
inline constexpr const char* kRepeatsCaption =
    "Seed repeats: mean ± standard deviation over the finished seeds of each grid point.";
inline constexpr const char* kWelchCaption =
    "Welch's t-test on test accuracy, two-sided; a difference is beyond seed noise when "
    "p < 0.05.";

// Below the one-row-per-trial Markdown table: the dead-class warnings, one list item per trial;
// empty for a healthy run.
std::string deadClassMarkdown(const RunSummary& summary);
inline constexpr const char* kDeadClassCaption = "Dead classes:";
inline constexpr const char* kNoClassRecall =
    "Per-class recall: not recorded in this run (written before Sweeplab recorded it).";

// LaTeX: text with its special characters escaped; a cell of text that may also hold ± or Δ
// (set in math mode); a booktabs tabular of rows (rows[0] the header, cells as plain text).
std::string escapeLatex(const std::string& text);
std::string latexCell(const std::string& text);
std::string latexTabular(const std::vector<std::vector<std::string>>& rows,
                         const std::string& align);

std::string markdownTable(const RunSummary& summary, const TableOptions& options);
std::string markdownTransposedTable(const RunSummary& summary, const TableOptions& options);
std::string csvTable(const RunSummary& summary, const TableOptions& options);
std::string latexTable(const RunSummary& summary, const TableOptions& options);
std::string jsonTable(const RunSummary& summary);

}  // namespace sweeplab
