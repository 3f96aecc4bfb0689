// The one-key figure: the engine's groupByValue per experiment, placed on one shared value
// axis, with the running trials' latest epochs as hollow markers.
#include <algorithm>
#include <cmath>
#include <map>

#include "insight/summary_axes.h"
#include "insight/summary_figures.h"

namespace sweeplab::ui {
namespace {

constexpr const char* kOverlayKey = "run";

// The key's values over every run, in file order, and whether all are numbers.
SweptKey combinedKey(const std::vector<SummaryRun>& runs, const std::string& name) {
  SweptKey combined;
  combined.key = name;
  combined.numeric = true;
  bool found = false;
  for (const SummaryRun& run : runs)
    for (const SweptKey& key : sweptKeys(run.summary)) {
      if (key.key != name) continue;
      if (!found) combined.log_scale = key.log_scale;
      found = true;
      combined.numeric = combined.numeric && key.numeric;
      for (const std::string& value : key.values)
        if (std::find(combined.values.begin(), combined.values.end(), value) ==
            combined.values.end())
          combined.values.push_back(value);
    }
  if (!found) combined.numeric = false;
  if (combined.numeric)
    std::stable_sort(combined.values.begin(), combined.values.end(),
                     [](const std::string& a, const std::string& b) {
                       return numberOf(a).value_or(0) < numberOf(b).value_or(0);
                     });
  return combined;
}

}  // namespace

std::vector<SummaryRun> summaryRunsOf(const RunSummary& summary) {
  const bool overlay = !summary.trials.empty() && !summary.trials.front().swept.empty() &&
                       summary.trials.front().swept.front().first == kOverlayKey;
  if (!overlay) return {{summary.experiment_name, summary}};
  std::vector<SummaryRun> runs;
  for (TrialSummary trial : summary.trials) {
    const std::string name = sweptValueOf(trial, kOverlayKey).value_or(std::string());
    trial.swept.erase(std::remove_if(trial.swept.begin(), trial.swept.end(),
                                     [](const auto& entry) { return entry.first == kOverlayKey; }),
                      trial.swept.end());
    auto run = std::find_if(runs.begin(), runs.end(),
                            [&name](const SummaryRun& r) { return r.name == name; });
    if (run == runs.end()) {
      runs.push_back({name, summary});
      runs.back().summary.experiment_name = name;
      runs.back().summary.trials.clear();
      run = runs.end() - 1;
    }
    run->summary.trials.push_back(trial);
  }
  return runs;
}

RunSummary mergedRuns(const std::vector<SummaryRun>& runs) {
  if (runs.empty()) return {};
  RunSummary all = runs.front().summary;
  if (runs.size() == 1) return all;
  all.experiment_name = "overlay";
  for (std::size_t r = 1; r < runs.size(); ++r)
    all.trials.insert(all.trials.end(), runs[r].summary.trials.begin(),
                      runs[r].summary.trials.end());
  return all;
}

SliceFigure sliceFigure(const std::vector<SummaryRun>& runs, const std::string& key,
                        InsightResult result, int logScale) {
  SliceFigure figure;
  figure.key = key;
  figure.result = result;
  const SweptKey swept = combinedKey(runs, key);
  const bool log = swept.numeric && (logScale < 0 ? swept.log_scale : logScale > 0);
  const auto positionOf = [&swept](const std::string& value) -> double {
    if (swept.numeric) return numberOf(value).value_or(kNoValue);
    const auto at = std::find(swept.values.begin(), swept.values.end(), value);
    return at == swept.values.end() ? kNoValue : double(at - swept.values.begin());
  };

  double low = INFINITY, high = -INFINITY, wall_high = 0;
  const auto extend = [&low, &high](double value) {
    if (std::isfinite(value)) low = std::min(low, value), high = std::max(high, value);
  };
  for (std::size_t r = 0; r < runs.size(); ++r) {
    const RunSummary& summary = runs[r].summary;
    figure.otherKeys = figure.otherKeys || sweptKeys(summary).size() > 1;
    SliceSeries series;
    series.name = runs.size() > 1 ? runs[r].name : std::string();
    series.group = static_cast<int>(r);
    for (const ValueGroup& group : groupByValue(summary, key, result)) {
      if (group.result.n == 0) continue;  // on the axis, but nothing to draw
      SlicePoint point;
      point.x = positionOf(group.value);
      point.result = group.result;
      point.seeds = group.results;
      for (int position : group.trials) point.trials.push_back(summary.trials.at(position).index);
      point.wall_seconds = group.wall_seconds;
      for (double seed : point.seeds) extend(seed);
      if (std::isfinite(point.result.std)) {
        extend(point.result.mean - point.result.std);
        extend(point.result.mean + point.result.std);
      }
      const double wall_top =
          point.wall_seconds.mean +
          (std::isfinite(point.wall_seconds.std) ? point.wall_seconds.std : 0.0);
      if (std::isfinite(wall_top)) wall_high = std::max(wall_high, wall_top);
      series.points.push_back(point);
    }
    for (const TrialSummary& trial : summary.trials) {
      if (trial.status != TrialStatus::Running) continue;
      const double value = runningResultValue(trial, result);
      const std::optional<std::string> at = sweptValueOf(trial, key);
      if (!std::isfinite(value) || !at) continue;
      series.running.push_back({positionOf(*at), value, trial.index, trial.epochs_completed});
      extend(value);
    }
    figure.series.push_back(std::move(series));
  }

  const std::string title = keyTitle(key);
  if (swept.numeric) {
    std::vector<double> values;
    for (const std::string& value : swept.values) values.push_back(*numberOf(value));
    figure.x = valueAxis(title, values, log, true);
  } else {
    figure.x = categoryAxis(title, swept.values);
  }
  figure.y = resultAxis(resultTitle(result), low, high, resultIsShare(result),
                        result == InsightResult::WallSeconds || result == InsightResult::Steps);
  // Short: it runs along the small chart under the result.
  figure.wall = resultAxis("Time (s)", 0, wall_high, false, true);
  figure.note = prunedNote(mergedRuns(runs), false);
  return figure;
}

}  // namespace sweeplab::ui
