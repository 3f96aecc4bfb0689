// The "by value" results table: one row per value of a swept key, each metric's mean ± std over
// every finished trial with that value (its seeds and the other keys' values). It answers "which
// batch size is best, and at what cost?" in one small table for a report.
#include <cmath>
#include <iterator>
#include <string>
#include <vector>

#include "csv_text.h"
#include "sweep_insight_internal.h"
#include "sweeplab/errors.h"
#include "sweeplab/repeat_statistics.h"
#include "sweeplab/results_table.h"
#include "sweeplab/sweep_insight.h"
#include "sweeplab/trial.h"
#include "table_formats.h"

namespace sweeplab {
namespace {

struct ByValueColumn {
  const char* header;    // Markdown and LaTeX
  const char* csv_name;  // CSV: NAME_mean, NAME_std
  InsightResult result;
  int decimals;
};

const ByValueColumn kColumns[] = {
    {"Test acc", "test_acc", InsightResult::TestAcc, 4},
    {"Test loss", "test_loss", InsightResult::TestLoss, 4},
    {"Val acc at best loss", "best_val_acc", InsightResult::BestValAcc, 4},
    {"Wall time (s)", "wall_seconds", InsightResult::WallSeconds, 1},
};

struct ValueRow {
  std::string value;
  int trials = 0;                // with this value, whatever their status
  int finished = 0;              // counted in the statistics
  std::vector<MeanStd> metrics;  // per kColumns entry
};

std::vector<ValueRow> valueRows(const RunSummary& summary, const SweptKey& key) {
  std::vector<ValueRow> rows;
  for (const std::string& value : key.values) {
    ValueRow row{value, 0, 0, {}};
    std::vector<std::vector<double>> values(std::size(kColumns));
    for (const TrialSummary& trial : summary.trials) {
      const std::string* mine = sweptValue(trial, key.key);
      if (mine == nullptr || *mine != value) continue;
      ++row.trials;
      if (trial.status != TrialStatus::Finished) continue;
      ++row.finished;
      for (size_t c = 0; c < std::size(kColumns); ++c)
        values[c].push_back(insightResultValue(trial, kColumns[c].result));
    }
    for (const std::vector<double>& column : values) row.metrics.push_back(meanStd(column));
    rows.push_back(std::move(row));
  }
  return rows;
}

// "0.7123 ± 0.0041"; the mean alone for one trial, "-" for none.
std::string meanStdCell(const MeanStd& value, int decimals) {
  if (value.n == 0) return "-";
  if (value.n < 2) return fixedOrDash(value.mean, decimals);
  return fixedOrDash(value.mean, decimals) + " ± " + fixedOrDash(value.std, decimals);
}

std::vector<std::vector<std::string>> textRows(const std::string& keyName,
                                               const std::vector<ValueRow>& rows) {
  std::vector<std::string> header = {keyName, "n"};
  for (const ByValueColumn& column : kColumns) header.push_back(column.header);
  std::vector<std::vector<std::string>> text = {header};
  for (const ValueRow& row : rows) {
    std::vector<std::string> cells = {row.value, std::to_string(row.finished)};
    for (size_t c = 0; c < std::size(kColumns); ++c)
      cells.push_back(meanStdCell(row.metrics[c], kColumns[c].decimals));
    text.push_back(cells);
  }
  return text;
}

// What the numbers are over, said under the table: the seeds, and the other keys averaged out.
std::string caption(const RunSummary& summary, const SweptKey& key) {
  std::string others;
  for (const SweptKey& other : sweptKeys(summary))
    if (other.key != key.key) others += (others.empty() ? "" : ", ") + shortKey(other.key);
  std::string text = "Mean ± standard deviation over the finished trials with each value of " +
                     shortKey(key.key) + " (every seed";
  text += others.empty() ? ")" : " and every value of " + others + ")";
  return text + "; n is how many finished.";
}

std::string csvText(const SweptKey& key, const std::vector<ValueRow>& rows) {
  const auto number = [](double v) { return std::isfinite(v) ? formatNumber(v, "%.9g") : ""; };
  std::string csv = csvField(key.key) + ",trials,finished";
  for (const ByValueColumn& column : kColumns)
    csv += "," + std::string(column.csv_name) + "_mean," + column.csv_name + "_std";
  csv += "\n";
  for (const ValueRow& row : rows) {
    csv +=
        csvField(row.value) + "," + std::to_string(row.trials) + "," + std::to_string(row.finished);
    for (const MeanStd& metric : row.metrics)
      csv += "," + number(metric.mean) + "," + number(metric.std);
    csv += "\n";
  }
  return csv;
}

}  // namespace

std::string formatByValueTable(const RunSummary& summary, const std::string& key,
                               TableFormat format) {
  const SweptKey swept = findSweptKey(summary, key);
  const std::vector<ValueRow> rows = valueRows(summary, swept);
  const std::vector<std::vector<std::string>> text = textRows(shortKey(swept.key), rows);
  std::vector<bool> alignRight(text.front().size(), true);
  alignRight[0] = swept.numeric;
  switch (format) {
    case TableFormat::Markdown: {
      std::vector<std::vector<std::string>> escaped = text;
      for (auto& row : escaped)
        for (std::string& cell : row) cell = escapeMarkdownCell(cell);
      return alignedMarkdown(escaped, alignRight) + "\n" + caption(summary, swept) + "\n";
    }
    case TableFormat::Csv:
      return csvText(swept, rows);
    case TableFormat::Latex: {
      std::string align;
      for (bool right : alignRight) align += right ? 'r' : 'l';
      return latexTabular(text, align);
    }
    case TableFormat::MarkdownTransposed:
    case TableFormat::Json:
    case TableFormat::RepeatsCsv:
      break;
  }
  throw InputError("the by-value table is written as md, csv or latex only");
}

}  // namespace sweeplab
