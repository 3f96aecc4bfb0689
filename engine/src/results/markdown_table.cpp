// Markdown results tables, padded into aligned columns so they read well in a terminal too.
#include <algorithm>
#include <cstddef>
#include <string>
#include <vector>

#include "sweeplab/class_results.h"
#include "sweeplab/repeat_statistics.h"
#include "table_formats.h"

namespace sweeplab {
namespace {

// Characters, not bytes, so labels with non-ASCII text still line up.
std::size_t displayWidth(const std::string& text) {
  std::size_t width = 0;
  for (unsigned char c : text) width += (c & 0xC0) != 0x80;
  return width;
}

}  // namespace

std::string escapeMarkdownCell(const std::string& text) {
  std::string escaped;
  for (char c : text) {
    if (c == '|') escaped += '\\';
    escaped += (c == '\n' || c == '\r') ? ' ' : c;
  }
  return escaped;
}

std::string alignedMarkdown(const std::vector<std::vector<std::string>>& rows,
                            const std::vector<bool>& alignRight) {
  std::vector<std::size_t> widths(alignRight.size(), 3);
  for (const auto& row : rows) {
    for (std::size_t c = 0; c < row.size(); ++c) {
      widths[c] = std::max(widths[c], displayWidth(row[c]));
    }
  }
  const auto line = [&](const std::vector<std::string>& row) {
    std::string text = "|";
    for (std::size_t c = 0; c < row.size(); ++c) {
      const std::string padding(widths[c] - displayWidth(row[c]), ' ');
      text += ' ' + (alignRight[c] ? padding + row[c] : row[c] + padding) + " |";
    }
    return text + "\n";
  };
  std::string table = line(rows.front());
  table += "|";
  for (std::size_t c = 0; c < widths.size(); ++c) {
    table += alignRight[c] ? " " + std::string(widths[c] - 1, '-') + ": |"
                           : " " + std::string(widths[c], '-') + " |";
  }
  table += "\n";
  for (std::size_t r = 1; r < rows.size(); ++r) table += line(rows[r]);
  return table;
}

std::string deadClassMarkdown(const RunSummary& summary) {
  const std::vector<std::string> warnings = deadClassWarnings(summary);
  if (warnings.empty()) return "";
  std::string text = std::string("\n") + kDeadClassCaption + "\n\n";
  for (const std::string& warning : warnings) text += "- " + escapeMarkdownCell(warning) + "\n";
  return text;
}

std::string markdownTable(const RunSummary& summary, const TableOptions& options) {
  const std::vector<TableColumn> columns = trialRowColumns(summary, options);
  std::vector<std::vector<std::string>> rows(1);
  std::vector<bool> alignRight;
  for (const TableColumn& column : columns) {
    rows[0].push_back(escapeMarkdownCell(column.header));  // class names come from the data
    alignRight.push_back(column.numeric);
  }
  for (const TrialSummary& trial : summary.trials) {
    std::vector<std::string> row;
    for (const TableColumn& column : columns) row.push_back(escapeMarkdownCell(column.cell(trial)));
    rows.push_back(std::move(row));
  }
  std::string table = alignedMarkdown(rows, alignRight);
  if (options.per_class_recall && runClassNames(summary).empty())
    table += std::string("\n") + kNoClassRecall + "\n";
  return table + deadClassMarkdown(summary) + repeatStatisticsMarkdown(summary);
}

// The lab report's Table 1 layout: test metrics as rows and one column per trial, with six
// decimals. The rows name their split ("test accuracy", where the lab report wrote "acc"), since
// the rows after them add validation figures and what else a reader needs to judge them.
std::string markdownTransposedTable(const RunSummary& summary, const TableOptions& options) {
  struct MetricRow {
    const char* name;
    std::string (*cell)(const TrialSummary&);
  };
  static const MetricRow kRows[] = {
      {"test accuracy", [](const TrialSummary& t) { return fixedOrDash(t.test_acc, 6); }},
      {"test loss", [](const TrialSummary& t) { return fixedOrDash(t.test_loss, 6); }},
      {"val acc at best loss",
       [](const TrialSummary& t) { return fixedOrDash(t.best_val_acc, 6); }},
      {"params",
       [](const TrialSummary& t) {
         return t.trainable_parameters > 0 ? std::to_string(t.trainable_parameters) : "-";
       }},
      {"epochs", [](const TrialSummary& t) { return std::to_string(t.epochs_completed); }},
      {"wall time", [](const TrialSummary& t) { return durationText(t.wall_seconds); }},
      {"status", [](const TrialSummary& t) { return statusCellText(t); }},
  };
  std::vector<std::vector<std::string>> rows;
  rows.push_back({"Metric"});
  for (const TrialSummary& trial : summary.trials)
    rows[0].push_back(escapeMarkdownCell(trial.label));
  const auto addRow = [&](const std::string& name, const auto& cell) {
    std::vector<std::string> row{escapeMarkdownCell(name)};
    for (const TrialSummary& trial : summary.trials) row.push_back(escapeMarkdownCell(cell(trial)));
    rows.push_back(std::move(row));
  };
  for (const MetricRow& metric : kRows) {
    addRow(metric.name, metric.cell);
    // The per-class recalls belong with the test metrics they break down.
    if (options.per_class_recall && std::string(metric.name) == "test loss") {
      for (const TableColumn& column : classRecallColumns(summary, 6))
        addRow(column.header, column.cell);
    }
  }
  std::vector<bool> alignRight(rows[0].size(), true);
  alignRight[0] = false;
  return alignedMarkdown(rows, alignRight) + repeatStatisticsMarkdown(summary);
}

}  // namespace sweeplab
