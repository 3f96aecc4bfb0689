// Picks the table writer for a format, and the cells that every human-readable table shares.
#include "sweeplab/results_table.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <utility>

#include "csv_text.h"
#include "sweeplab/class_results.h"
#include "sweeplab/errors.h"
#include "sweeplab/repeat_statistics.h"
#include "table_formats.h"

namespace sweeplab {
namespace {

const std::pair<const char*, TableFormat> kFormatNames[] = {
    {"md", TableFormat::Markdown}, {"md-transposed", TableFormat::MarkdownTransposed},
    {"csv", TableFormat::Csv},     {"latex", TableFormat::Latex},
    {"json", TableFormat::Json},   {"repeats-csv", TableFormat::RepeatsCsv},
};

std::string countOrDash(long long count) {
  return count > 0 ? std::to_string(count) : "-";
}

}  // namespace

std::string fixedOrDash(double value, int decimals) {
  if (!std::isfinite(value)) return "-";
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%.*f", decimals, value);
  return buffer;
}

std::string durationText(double seconds) {
  if (!std::isfinite(seconds) || seconds <= 0) return "-";  // 0: the trial never ran
  char buffer[32];
  if (seconds < 59.95) {
    std::snprintf(buffer, sizeof buffer, "%.1fs", seconds);
  } else if (seconds < 3599.5) {
    const long whole = std::lround(seconds);
    std::snprintf(buffer, sizeof buffer, "%ldm%02lds", whole / 60, whole % 60);
  } else {
    const long minutes = std::lround(seconds / 60);
    std::snprintf(buffer, sizeof buffer, "%ldh%02ldm", minutes / 60, minutes % 60);
  }
  return buffer;
}

std::string statusCellText(const TrialSummary& trial) {
  // A pruned trial's values are those of its last epoch: the table says which one that was.
  if (trial.status == TrialStatus::Pruned && trial.epochs_completed > 0)
    return "pruned at epoch " + std::to_string(trial.epochs_completed);
  return toString(trial.status);
}

const std::vector<TableColumn>& trialRowColumns() {
  static const std::vector<TableColumn> columns = {
      {"Trial", false, [](const TrialSummary& t) { return t.label; }},
      {"Status", false, [](const TrialSummary& t) { return statusCellText(t); }},
      {"Model", false, [](const TrialSummary& t) { return t.model.empty() ? "-" : t.model; }},
      {"Params", true, [](const TrialSummary& t) { return countOrDash(t.trainable_parameters); }},
      {"Epochs", true, [](const TrialSummary& t) { return std::to_string(t.epochs_completed); }},
      {"Val acc at best loss", true,
       [](const TrialSummary& t) { return fixedOrDash(t.best_val_acc, 4); }},
      {"Final val acc", true, [](const TrialSummary& t) { return fixedOrDash(t.val_acc, 4); }},
      {"Test acc", true, [](const TrialSummary& t) { return fixedOrDash(t.test_acc, 4); }},
      {"Test loss", true, [](const TrialSummary& t) { return fixedOrDash(t.test_loss, 4); }},
      {"Wall time", true, [](const TrialSummary& t) { return durationText(t.wall_seconds); }},
  };
  return columns;
}

std::vector<TableColumn> classRecallColumns(const RunSummary& summary, int decimals) {
  std::vector<TableColumn> columns;
  const std::vector<std::string> names = runClassNames(summary);
  for (int i = 0; i < static_cast<int>(names.size()); ++i) {
    columns.push_back({"recall " + names[i], true, [i, decimals](const TrialSummary& t) {
                         return fixedOrDash(testClassRecall(t, i), decimals);
                       }});
  }
  return columns;
}

std::vector<TableColumn> trialRowColumns(const RunSummary& summary, const TableOptions& options) {
  std::vector<TableColumn> columns = trialRowColumns();
  if (!options.per_class_recall) return columns;
  const auto afterTestLoss =
      std::find_if(columns.begin(), columns.end(),
                   [](const TableColumn& column) { return column.header == "Test loss"; }) +
      1;
  const std::vector<TableColumn> recalls = classRecallColumns(summary);
  columns.insert(afterTestLoss, recalls.begin(), recalls.end());
  return columns;
}

TableFormat tableFormatFromString(const std::string& name) {
  std::string allowed;
  for (const auto& [text, format] : kFormatNames) {
    if (name == text) return format;
    allowed += allowed.empty() ? text : std::string(", ") + text;
  }
  throw InputError("unknown table format '" + name + "' (allowed: " + allowed + ")");
}

std::string formatResultsTable(const RunSummary& summary, TableFormat format,
                               const TableOptions& options) {
  switch (format) {
    case TableFormat::Markdown:
      return markdownTable(summary, options);
    case TableFormat::MarkdownTransposed:
      return markdownTransposedTable(summary, options);
    case TableFormat::Csv:
      return csvTable(summary, options);
    case TableFormat::Latex:
      return latexTable(summary, options);
    case TableFormat::Json:
      return jsonTable(summary);  // every summary field, per-class lists included
    case TableFormat::RepeatsCsv:
      return repeatStatisticsCsv(summary);
  }
  return markdownTable(summary, options);
}

}  // namespace sweeplab
