// A run's results arranged against its swept keys: the keys and their values, one group of
// trials per value, and the two-key heatmap. The numbers behind the Summary views.
#include "sweeplab/sweep_insight.h"

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <set>

#include "spec/validation.h"
#include "sweep_insight_internal.h"
#include "sweeplab/errors.h"
#include "sweeplab/trial.h"

namespace sweeplab {
namespace {

// Seeds are repeats of a grid point, never an axis (the views draw them as error bars).
constexpr const char* kSeedKey = "training.seed";

// Keys whose values people compare by ratio: they get a logarithmic axis whatever their span.
bool isRatioKey(const std::string& key) {
  return key == "training.learning_rate" || key == "training.weight_decay" ||
         key == "training.scheduler.eta_min";
}

// More than two decades between the smallest and the largest value reads better on a log axis.
constexpr double kLogSpanRatio = 100;

bool parseNumber(const std::string& text, double& number) {
  if (text.empty()) return false;
  errno = 0;
  char* end = nullptr;
  number = std::strtod(text.c_str(), &end);
  return errno == 0 && end == text.c_str() + text.size() && std::isfinite(number);
}

double numberOf(const std::string& text) {
  double number = kNoValue;
  return parseNumber(text, number) ? number : kNoValue;
}

int positionOf(const std::vector<std::string>& values, const std::string& value) {
  const auto at = std::find(values.begin(), values.end(), value);
  return at == values.end() ? -1 : static_cast<int>(at - values.begin());
}

void classify(SweptKey& key) {
  std::vector<double> numbers;
  for (const std::string& value : key.values) {
    double number = 0;
    if (!parseNumber(value, number)) return;  // a category: keep file order
    numbers.push_back(number);
  }
  key.numeric = !numbers.empty();
  if (!key.numeric) return;
  std::stable_sort(
      key.values.begin(), key.values.end(),
      [](const std::string& a, const std::string& b) { return numberOf(a) < numberOf(b); });
  const auto [low, high] = std::minmax_element(numbers.begin(), numbers.end());
  const bool positive = *low > 0;
  key.log_scale = positive && (isRatioKey(key.key) || *high / *low > kLogSpanRatio);
}

}  // namespace

// Keys are compared in canonical form: a sweep of the shorthand "model" is a sweep of
// "model.name".
const std::string* sweptValue(const TrialSummary& trial, const std::string& key) {
  for (const auto& [name, value] : trial.swept)
    if (canonicalKey(name) == key) return &value;
  return nullptr;
}

std::vector<SweptKey> sweptKeys(const RunSummary& summary) {
  std::vector<SweptKey> keys;
  for (const TrialSummary& trial : summary.trials) {
    for (const auto& [written, value] : trial.swept) {
      const std::string name = canonicalKey(written);
      if (name == kSeedKey) continue;
      auto key =
          std::find_if(keys.begin(), keys.end(), [&](const SweptKey& k) { return k.key == name; });
      if (key == keys.end()) key = keys.insert(keys.end(), SweptKey{name, {}, false, false});
      if (positionOf(key->values, value) < 0) key->values.push_back(value);
    }
  }
  for (SweptKey& key : keys) classify(key);
  return keys;
}

SweptKey findSweptKey(const RunSummary& summary, const std::string& key) {
  const std::vector<SweptKey> keys = sweptKeys(summary);
  for (const SweptKey& swept : keys)
    if (swept.key == canonicalKey(key)) return swept;
  for (const SweptKey& swept : keys)  // "batch_size" for "training.batch_size"
    if (shortKey(swept.key) == key) return swept;
  std::string names;
  for (const SweptKey& swept : keys) names += (names.empty() ? "" : ", ") + swept.key;
  const std::string swept = names.empty() ? "this run sweeps no key" : "swept: " + names;
  if (key == kSeedKey || key == shortKey(kSeedKey))
    throw InputError("seeds are repeats of a grid point, not a swept key (" + swept + ")");
  throw InputError("'" + key + "' is not a swept key of this run (" + swept + ")");
}

bool isFullGrid(const RunSummary& summary) {
  const std::vector<SweptKey> keys = sweptKeys(summary);
  std::set<std::vector<int>> points;
  for (const TrialSummary& trial : summary.trials) {
    std::vector<int> point;
    for (const SweptKey& key : keys) {
      const std::string* value = sweptValue(trial, key.key);
      if (value == nullptr) return false;  // a trial that did not set every key
      point.push_back(positionOf(key.values, *value));
    }
    points.insert(point);
  }
  size_t combinations = 1;
  for (const SweptKey& key : keys) combinations *= key.values.size();
  return !summary.trials.empty() && points.size() == combinations;
}

std::vector<ValueGroup> groupByValue(const RunSummary& summary, const std::string& key,
                                     InsightResult result) {
  const SweptKey swept = findSweptKey(summary, key);
  std::vector<ValueGroup> groups;
  std::vector<std::vector<double>> walls(swept.values.size());
  for (const std::string& value : swept.values)
    groups.push_back({value, swept.numeric ? numberOf(value) : kNoValue, {}, {}, {}, {}});
  for (int i = 0; i < static_cast<int>(summary.trials.size()); ++i) {
    const TrialSummary& trial = summary.trials[i];
    const std::string* value = sweptValue(trial, swept.key);
    const double y = insightResultValue(trial, result);
    if (value == nullptr || trial.status != TrialStatus::Finished || !std::isfinite(y)) continue;
    const int at = positionOf(swept.values, *value);
    groups[at].trials.push_back(i);
    groups[at].results.push_back(y);
    walls[at].push_back(trial.wall_seconds);
  }
  for (size_t at = 0; at < groups.size(); ++at) {
    groups[at].result = meanStd(groups[at].results);
    groups[at].wall_seconds = meanStd(walls[at]);
  }
  return groups;
}

Heatmap heatmap(const RunSummary& summary, const std::string& x_key, const std::string& y_key,
                InsightResult result) {
  Heatmap map{findSweptKey(summary, x_key), findSweptKey(summary, y_key), {}};
  if (map.x_key.key == map.y_key.key)
    throw InputError("a heatmap needs two different swept keys, not '" + map.x_key.key + "' twice");
  const int columns = static_cast<int>(map.x_key.values.size());
  const int rows = static_cast<int>(map.y_key.values.size());
  for (int y = 0; y < rows; ++y)
    for (int x = 0; x < columns; ++x) map.cells.push_back({x, y, {}, {}});
  std::vector<std::vector<double>> results(map.cells.size());
  for (int i = 0; i < static_cast<int>(summary.trials.size()); ++i) {
    const TrialSummary& trial = summary.trials[i];
    const std::string* xValue = sweptValue(trial, map.x_key.key);
    const std::string* yValue = sweptValue(trial, map.y_key.key);
    const double value = insightResultValue(trial, result);
    if (xValue == nullptr || yValue == nullptr || trial.status != TrialStatus::Finished ||
        !std::isfinite(value))
      continue;
    const size_t cell =
        positionOf(map.y_key.values, *yValue) * columns + positionOf(map.x_key.values, *xValue);
    map.cells[cell].trials.push_back(i);
    results[cell].push_back(value);
  }
  for (size_t cell = 0; cell < map.cells.size(); ++cell)
    map.cells[cell].result = meanStd(results[cell]);
  return map;
}

}  // namespace sweeplab
