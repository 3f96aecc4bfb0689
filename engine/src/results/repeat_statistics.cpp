// Grouping the trials of a run by grid point, their mean ± std, and the tables that show them.
#include "sweeplab/repeat_statistics.h"

#include <cmath>
#include <cstdio>

#include "csv_text.h"
#include "sweeplab/trial.h"
#include "table_formats.h"

namespace sweeplab {
namespace {

std::string meanStdText(const MeanStd& value, int decimals) {
  if (value.n == 0) return "-";
  if (value.n < 2) return fixedOrDash(value.mean, decimals);
  return fixedOrDash(value.mean, decimals) + " ± " + fixedOrDash(value.std, decimals);
}

std::string signedText(double value, int decimals) {
  if (!std::isfinite(value)) return "-";
  return (value >= 0 ? "+" : "") + fixedOrDash(value, decimals);
}

std::string pValueText(double p) {
  if (!std::isfinite(p)) return "-";
  if (p < 0.0001) return "< 0.0001";
  return fixedOrDash(p, 4);
}

std::string tText(double t) {
  if (std::isinf(t)) return t > 0 ? "inf" : "-inf";
  return fixedOrDash(t, 2);
}

}  // namespace

std::string gridPointLabel(const std::vector<std::pair<std::string, std::string>>& swept) {
  std::string text;
  for (const auto& [key, value] : swept)
    text += (text.empty() ? "" : ", ") + shortKey(key) + "=" + value;
  return text.empty() ? "all seeds" : text;
}

MeanStd meanStd(const std::vector<double>& values) {
  MeanStd result;
  double sum = 0;
  for (double v : values) {
    if (std::isnan(v)) continue;
    sum += v;
    ++result.n;
  }
  if (result.n == 0) return result;
  result.mean = sum / result.n;
  if (result.n < 2) return result;
  double squares = 0;
  for (double v : values)
    if (!std::isnan(v)) squares += (v - result.mean) * (v - result.mean);
  result.std = std::sqrt(squares / (result.n - 1));
  return result;
}

std::vector<GridPointStatistics> repeatStatistics(const RunSummary& summary) {
  std::vector<GridPointStatistics> points;
  std::vector<std::vector<const TrialSummary*>> members;
  for (const TrialSummary& trial : summary.trials) {
    size_t at = 0;
    while (at < points.size() && points[at].swept != trial.swept) ++at;
    if (at == points.size()) {
      points.push_back({gridPointLabel(trial.swept), trial.swept, {}, 0, {}, {}, {}, {}, {}});
      members.emplace_back();
    }
    points[at].trials.push_back(trial.index);
    if (trial.status == TrialStatus::Finished) members[at].push_back(&trial);
  }
  for (size_t i = 0; i < points.size(); ++i) {
    GridPointStatistics& point = points[i];
    std::vector<double> testLoss, bestVal, val;
    for (const TrialSummary* trial : members[i]) {
      point.test_acc_values.push_back(trial->test_acc);
      testLoss.push_back(trial->test_loss);
      bestVal.push_back(trial->best_val_acc);
      val.push_back(trial->val_acc);
    }
    point.finished = static_cast<int>(members[i].size());
    point.test_acc = meanStd(point.test_acc_values);
    point.test_loss = meanStd(testLoss);
    point.best_val_acc = meanStd(bestVal);
    point.val_acc = meanStd(val);
  }
  return points;
}

bool hasSeedRepeats(const RunSummary& summary) {
  for (const GridPointStatistics& point : repeatStatistics(summary))
    if (point.trials.size() > 1) return true;
  return false;
}

std::vector<RepeatComparison> compareWithBest(const std::vector<GridPointStatistics>& points) {
  int best = -1;
  for (size_t i = 0; i < points.size(); ++i) {
    if (points[i].test_acc.n == 0) continue;
    if (best < 0 || points[i].test_acc.mean > points[best].test_acc.mean)
      best = static_cast<int>(i);
  }
  std::vector<RepeatComparison> comparisons;
  if (best < 0) return comparisons;
  for (size_t i = 0; i < points.size(); ++i) {
    if (static_cast<int>(i) == best) continue;
    comparisons.push_back({best, static_cast<int>(i),
                           welchTTest(points[best].test_acc_values, points[i].test_acc_values)});
  }
  return comparisons;
}

RepeatTables repeatStatisticsTables(const RunSummary& summary) {
  RepeatTables tables;
  if (!hasSeedRepeats(summary)) return tables;
  const std::vector<GridPointStatistics> points = repeatStatistics(summary);
  tables.gridPoints = {{"Grid point", "Seeds", "Test acc", "Test loss", "Val acc at best loss"}};
  for (const GridPointStatistics& p : points) {
    tables.gridPoints.push_back(
        {p.label, std::to_string(p.finished) + "/" + std::to_string(p.trials.size()),
         meanStdText(p.test_acc, 4), meanStdText(p.test_loss, 4), meanStdText(p.best_val_acc, 4)});
  }
  const std::vector<RepeatComparison> comparisons = compareWithBest(points);
  if (comparisons.empty()) return tables;
  tables.comparisons = {{"Comparison", "Δ test acc", "t", "df", "p", "Beyond seed noise"}};
  for (const RepeatComparison& c : comparisons) {
    const WelchTest& w = c.test;
    tables.comparisons.push_back(
        {points[c.better].label + " vs " + points[c.other].label, signedText(w.difference, 4),
         w.valid ? tText(w.t) : "-", w.valid ? fixedOrDash(w.df, 1) : "-", pValueText(w.p_value),
         !w.valid ? "needs 2+ seeds each" : (w.significant() ? "yes" : "no")});
  }
  return tables;
}

std::string repeatStatisticsMarkdown(const RunSummary& summary) {
  RepeatTables tables = repeatStatisticsTables(summary);
  if (tables.gridPoints.empty()) return "";
  for (auto* rows : {&tables.gridPoints, &tables.comparisons})
    for (auto& row : *rows) row[0] = escapeMarkdownCell(row[0]);
  std::string text = std::string("\n") + kRepeatsCaption + "\n\n";
  text += alignedMarkdown(tables.gridPoints, {false, true, true, true, true});
  if (tables.comparisons.empty()) return text;
  text += std::string("\n") + kWelchCaption + "\n\n";
  text += alignedMarkdown(tables.comparisons, {false, true, true, true, true, false});
  return text;
}

std::string repeatStatisticsCsv(const RunSummary& summary) {
  const std::vector<GridPointStatistics> points = repeatStatistics(summary);
  const std::vector<RepeatComparison> comparisons = compareWithBest(points);
  std::string csv =
      "grid_point,trials,finished,test_acc_mean,test_acc_std,test_loss_mean,test_loss_std,"
      "best_val_acc_mean,best_val_acc_std,compared_with,test_acc_difference,welch_t,welch_df,"
      "p_value\n";
  const auto number = [](double v) { return std::isfinite(v) ? formatNumber(v, "%.9g") : ""; };
  for (size_t i = 0; i < points.size(); ++i) {
    const GridPointStatistics& p = points[i];
    csv += csvField(p.label) + "," + std::to_string(p.trials.size()) + "," +
           std::to_string(p.finished) + "," + number(p.test_acc.mean) + "," +
           number(p.test_acc.std) + "," + number(p.test_loss.mean) + "," + number(p.test_loss.std) +
           "," + number(p.best_val_acc.mean) + "," + number(p.best_val_acc.std);
    const RepeatComparison* mine = nullptr;
    for (const RepeatComparison& c : comparisons)
      if (c.other == static_cast<int>(i)) mine = &c;
    if (mine && mine->test.valid) {
      // Signed as this grid point minus the best, so the row reads "how far behind".
      csv += "," + csvField(points[mine->better].label) + "," + number(-mine->test.difference) +
             "," + number(-mine->test.t) + "," + number(mine->test.df) + "," +
             number(mine->test.p_value);
    } else {
      csv += ",,,,,";
    }
    csv += "\n";
  }
  return csv;
}

}  // namespace sweeplab
