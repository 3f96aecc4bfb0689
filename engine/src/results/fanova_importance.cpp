// The importance of each swept key: fANOVA over a random forest fitted to the result, with
// Optuna's FanovaImportanceEvaluator's method (64 trees, depth 64, bootstrap; a key's share is
// the variance of its main effect over each tree's total variance, averaged over the trees and
// normalised to sum 1; a category as one-hot columns judged together).
#include <algorithm>
#include <cmath>
#include <cstdlib>

#include "fanova_tree.h"
#include "regression_forest.h"
#include "sweep_insight_internal.h"
#include "sweeplab/errors.h"
#include "sweeplab/sweep_insight.h"

namespace sweeplab {
namespace {

// The forest's input: a numeric key is one column over its range; a category is one column per
// value (1 for the trials with it), as Optuna encodes categorical parameters, so that no order
// between the categories is invented. A key with a single value is left out (importance 0).
struct EncodedTable {
  std::vector<std::vector<double>> rows;
  std::vector<forest::Range> space;           // per column
  std::vector<std::vector<int>> key_columns;  // per key; empty for a key that did not vary
};

EncodedTable encode(const ImportanceTable& table) {
  EncodedTable encoded;
  encoded.rows.resize(table.rows.size());
  encoded.key_columns.resize(table.keys.size());
  for (size_t key = 0; key < table.keys.size(); ++key) {
    std::vector<double> values;
    for (const std::vector<double>& row : table.rows) values.push_back(row[key]);
    const auto [low, high] = std::minmax_element(values.begin(), values.end());
    if (values.empty() || *low == *high) continue;
    if (!table.categorical[key]) {
      encoded.key_columns[key].push_back(static_cast<int>(encoded.space.size()));
      encoded.space.push_back({*low, *high});
      for (size_t row = 0; row < values.size(); ++row) encoded.rows[row].push_back(values[row]);
      continue;
    }
    std::vector<double> categories = values;
    std::sort(categories.begin(), categories.end());
    categories.erase(std::unique(categories.begin(), categories.end()), categories.end());
    for (double category : categories) {
      encoded.key_columns[key].push_back(static_cast<int>(encoded.space.size()));
      encoded.space.push_back({0.0, 1.0});
      for (size_t row = 0; row < values.size(); ++row)
        encoded.rows[row].push_back(values[row] == category ? 1.0 : 0.0);
    }
  }
  return encoded;
}

void checkShape(const ImportanceTable& table) {
  if (table.categorical.size() != table.keys.size() || table.results.size() != table.rows.size())
    throw InputError("importance table: keys, categorical flags, rows and results do not match");
  for (const std::vector<double>& row : table.rows)
    if (row.size() != table.keys.size())
      throw InputError("importance table: a row has " + std::to_string(row.size()) +
                       " values for " + std::to_string(table.keys.size()) + " keys");
  for (size_t i = 0; i < table.rows.size(); ++i) {
    bool finite = std::isfinite(table.results[i]);
    for (double value : table.rows[i]) finite = finite && std::isfinite(value);
    if (!finite) throw InputError("importance table: row " + std::to_string(i) + " is not finite");
  }
}

}  // namespace

std::vector<KeyImportance> fanovaImportance(const ImportanceTable& table,
                                            const ImportanceOptions& options) {
  checkShape(table);
  std::vector<KeyImportance> importances;
  for (const std::string& key : table.keys) importances.push_back({key, 0.0});
  const EncodedTable encoded = encode(table);
  if (encoded.space.empty() || table.rows.size() < 2) return importances;

  forest::ForestOptions forestOptions;
  forestOptions.trees = options.trees;
  forestOptions.max_depth = options.max_depth;
  forestOptions.seed = options.seed;
  std::vector<forest::FanovaTree> trees;
  for (forest::RegressionTree& tree : forest::fitForest(encoded.rows, table.results, forestOptions))
    trees.emplace_back(std::move(tree), encoded.space);

  double total = 0;
  for (size_t key = 0; key < table.keys.size(); ++key) {
    if (encoded.key_columns[key].empty()) continue;
    // The mean over the trees that vary at all (a tree of one leaf explains nothing).
    double sum = 0;
    int counted = 0;
    for (const forest::FanovaTree& tree : trees) {
      if (!(tree.variance() > 0)) continue;
      sum += tree.marginalVariance(encoded.key_columns[key]) / tree.variance();
      ++counted;
    }
    importances[key].importance = counted > 0 ? sum / counted : 0.0;
    total += importances[key].importance;
  }
  // Shares of the keys' main effects; all 0 when none explains anything (a constant result).
  for (KeyImportance& importance : importances)
    importance.importance = total > 0 ? importance.importance / total : 0.0;
  return importances;
}

ImportanceTable importanceTable(const RunSummary& summary, InsightResult result) {
  const std::vector<SweptKey> keys = sweptKeys(summary);
  ImportanceTable table;
  for (const SweptKey& key : keys) {
    table.keys.push_back(key.key);
    table.categorical.push_back(!key.numeric);
  }
  for (const TrialSummary& trial : summary.trials) {
    const double value = insightResultValue(trial, result);
    if (trial.status != TrialStatus::Finished || !std::isfinite(value)) continue;
    std::vector<double> row;
    for (const SweptKey& key : keys) {
      const std::string* value = sweptValue(trial, key.key);
      if (value == nullptr) break;
      const auto at = std::find(key.values.begin(), key.values.end(), *value);
      const double number = std::strtod(value->c_str(), nullptr);
      if (!key.numeric)
        row.push_back(static_cast<double>(at - key.values.begin()));
      else
        row.push_back(key.log_scale ? std::log10(number) : number);
    }
    if (row.size() != keys.size()) continue;  // a trial without every key cannot be placed
    table.rows.push_back(std::move(row));
    table.results.push_back(value);
  }
  return table;
}

std::vector<KeyImportance> keyImportance(const RunSummary& summary, InsightResult result,
                                         const ImportanceOptions& options) {
  std::vector<KeyImportance> importances =
      fanovaImportance(importanceTable(summary, result), options);
  std::stable_sort(
      importances.begin(), importances.end(),
      [](const KeyImportance& a, const KeyImportance& b) { return a.importance > b.importance; });
  return importances;
}

}  // namespace sweeplab
