// The two-key heatmap (the engine's heatmap() with colour positions and texts) and parallel
// coordinates (one line per trial through one axis per swept key and the result's axis).
#include <algorithm>
#include <cmath>

#include "insight/summary_axes.h"
#include "insight/summary_figures.h"

namespace sweeplab::ui {
namespace {

// Where a value sits on the colour scale: better results are always at the top (1), so a
// loss or a cost reads the same way as an accuracy.
double colourPosition(InsightResult result, double value, double low, double high) {
  if (!std::isfinite(value)) return 0;
  const double t = high > low ? (value - low) / (high - low) : 0.5;
  return std::clamp(higherIsBetter(result) ? t : 1 - t, 0.0, 1.0);
}

}  // namespace

HeatmapFigure heatmapFigure(const RunSummary& summary, const std::string& xKey,
                            const std::string& yKey, InsightResult result) {
  const Heatmap grid = heatmap(summary, xKey, yKey, result);
  HeatmapFigure figure;
  figure.result = result;
  figure.x = categoryAxis(keyTitle(xKey), grid.x_key.values);
  figure.y = categoryAxis(keyTitle(yKey), grid.y_key.values);
  double low = INFINITY, high = -INFINITY;
  for (const HeatmapCell& cell : grid.cells)
    if (cell.result.n > 0 && std::isfinite(cell.result.mean)) {
      low = std::min(low, cell.result.mean);
      high = std::max(high, cell.result.mean);
    }
  figure.low = std::isfinite(low) ? low : 0;
  figure.high = std::isfinite(high) ? high : 1;
  for (const HeatmapCell& cell : grid.cells) {
    HeatCell shown;
    shown.x = cell.x;
    shown.y = cell.y;
    shown.result = cell.result;
    for (int position : cell.trials) shown.trials.push_back(summary.trials.at(position).index);
    shown.colour = colourPosition(result, cell.result.mean, figure.low, figure.high);
    shown.text = cell.result.n > 0 ? resultText(result, cell.result.mean) : std::string();
    figure.cells.push_back(std::move(shown));
  }
  return figure;
}

bool insideBrushes(const ParallelLine& line, const std::vector<AxisBrush>& brushes) {
  for (const AxisBrush& brush : brushes) {
    if (brush.axis < 0 || brush.axis >= static_cast<int>(line.positions.size())) continue;
    const double at = line.positions[brush.axis];
    if (at < brush.low - 1e-9 || at > brush.high + 1e-9) return false;
  }
  return true;
}

std::vector<int> trialsInBrushes(const ParallelFigure& figure,
                                 const std::vector<AxisBrush>& brushes) {
  std::vector<int> trials;
  for (const ParallelLine& line : figure.lines)
    if (insideBrushes(line, brushes)) trials.push_back(line.trial);
  return trials;
}

double axisPosition(const SummaryAxis& axis, double value) {
  if (!std::isfinite(value)) return kNoValue;
  if (axis.categorical())
    return axis.categories.size() <= 1 ? 0.5 : value / double(axis.categories.size() - 1);
  if (axis.log) {
    if (value <= 0 || axis.min <= 0) return kNoValue;
    const double span = std::log10(axis.max) - std::log10(axis.min);
    return span > 0 ? (std::log10(value) - std::log10(axis.min)) / span : 0.5;
  }
  return axis.max > axis.min ? (value - axis.min) / (axis.max - axis.min) : 0.5;
}

ParallelFigure parallelFigure(const RunSummary& summary, InsightResult result,
                              const std::vector<std::string>& keyOrder) {
  ParallelFigure figure;
  figure.result = result;
  std::vector<SweptKey> keys = sweptKeys(summary);
  if (!keyOrder.empty()) {
    std::vector<SweptKey> ordered;
    for (const std::string& name : keyOrder)
      for (const SweptKey& key : keys)
        if (key.key == name) ordered.push_back(key);
    for (const SweptKey& key : keys)  // keys the order does not name yet go last
      if (std::find(keyOrder.begin(), keyOrder.end(), key.key) == keyOrder.end())
        ordered.push_back(key);
    keys = ordered;
  }
  for (const SweptKey& key : keys) {
    ParallelAxis axis{key.key, {}};
    if (key.numeric) {
      std::vector<double> values;
      for (const std::string& value : key.values) values.push_back(*numberOf(value));
      axis.axis = valueAxis(keyTitle(key.key), values, key.log_scale, false);
    } else {
      axis.axis = categoryAxis(keyTitle(key.key), key.values);
    }
    figure.axes.push_back(std::move(axis));
  }

  double low = INFINITY, high = -INFINITY;
  for (const TrialSummary& trial : summary.trials) {
    const bool running = trial.status == TrialStatus::Running;
    const bool pruned = trial.status == TrialStatus::Pruned;
    if (trial.status != TrialStatus::Finished && !running && !pruned) continue;
    ParallelLine line;
    line.trial = trial.index;
    line.running = running;
    line.pruned = pruned;
    // A pruned trial ended: its summary holds its values at the epoch it was pruned at.
    line.result = running ? runningResultValue(trial, result) : insightResultValue(trial, result);
    if (!std::isfinite(line.result)) continue;
    bool complete = true;
    for (std::size_t k = 0; k < keys.size() && complete; ++k) {
      const std::optional<std::string> value = sweptValueOf(trial, keys[k].key);
      if (!value) {
        complete = false;
        break;
      }
      const SummaryAxis& axis = figure.axes[k].axis;
      const double number =
          axis.categorical()
              ? double(std::find(keys[k].values.begin(), keys[k].values.end(), *value) -
                       keys[k].values.begin())
              : numberOf(*value).value_or(kNoValue);
      line.positions.push_back(axisPosition(axis, number));
      complete = std::isfinite(line.positions.back());
    }
    if (!complete) continue;
    low = std::min(low, line.result);
    high = std::max(high, line.result);
    figure.lines.push_back(std::move(line));
  }
  ParallelAxis result_axis{
      "", resultAxis(resultTitle(result), low, high, resultIsShare(result), false)};
  for (ParallelLine& line : figure.lines) {
    line.positions.push_back(axisPosition(result_axis.axis, line.result));
    line.colour = colourPosition(result, line.result, low, high);
  }
  figure.axes.push_back(std::move(result_axis));
  const bool prunedDrawn = std::any_of(figure.lines.begin(), figure.lines.end(),
                                       [](const ParallelLine& line) { return line.pruned; });
  if (prunedDrawn) figure.note = prunedNote(summary, true);
  return figure;
}

}  // namespace sweeplab::ui
