// What the curve charts show, free of any chart toolkit: per trial the stored metric points, and
// per chart the raw, smoothed and decimated points and the axis ranges for the current x axis,
// metric, smoothing and log scale. The live CurvePanel draws it through Qt Charts (a thin
// adapter); figure export fits its axes with fitAxes() below; tests check its numbers directly.
#pragma once

#include <QList>
#include <QPointF>
#include <array>
#include <map>
#include <optional>
#include <vector>

#include "charts/curve_kinds.h"
#include "charts/curve_math.h"
#include "charts/curve_series_data.h"
#include "sweeplab/metrics.h"

namespace sweeplab::ui {

struct TrialCurveData {
  std::array<std::vector<StoredPoint>, kCurveMetricCount> stored;
  sweeplab::TrialStatus status = sweeplab::TrialStatus::Running;
  bool shown = true;
  std::array<CurveData, 2> charts;  // 0 training, 1 validation

  bool hasSomethingToDraw() const;
};

// One chart's axes: a linear x axis and a linear or logarithmic y axis.
struct ChartAxes {
  AxisRange x;
  AxisRange y;  // used when !logY
  bool logY = false;
  LogAxisRange log;  // used when logY
};

// Axes fitted tightly to `data`: x from niceAxisRange with `xTicks` ticks (never below 0 when
// the data is not), y within [0, 1] for `unitInterval` (accuracy), or at decades (or powers of
// two) around the positive values for `logY`.
ChartAxes fitAxes(const DataExtent& data, bool unitInterval, bool logY, int xTicks);

class CurveFigureModel {
 public:
  static constexpr int kTrainingChart = 0;
  static constexpr int kValidationChart = 1;
  // Smoothing is for the noisy per-step training curve. Validation values are already averages
  // over the whole split, one per epoch; an average over a few of them would only shift them.
  static bool smoothedChart(int chart) { return chart == kTrainingChart; }

  void clear() { trials_.clear(); }
  TrialCurveData& trial(int index) { return trials_[index]; }  // created empty when new
  const TrialCurveData* find(int index) const;
  const std::map<int, TrialCurveData>& trials() const { return trials_; }

  // Keeps the points of the metrics the charts can show; a chart showing one of them is dirty.
  void append(int trial, const std::vector<sweeplab::MetricPoint>& points);
  void setStatus(int trial, sweeplab::TrialStatus status);
  // False when the trial is unknown or already so.
  bool setShown(int trial, bool shown);

  // Each of these makes the curves they change stale: rebuilt from the stored points.
  void setXAxis(XAxisKind kind);
  void setMetric(MetricKind kind);
  void setSmoothing(double weight);  // clamped to 0 (raw) .. 0.99
  void setLogScale(bool on);         // the person's choice; it applies to the loss charts only

  XAxisKind xAxis() const { return x_; }
  MetricKind metric() const { return metric_; }
  double smoothing() const { return smoothing_; }
  double smoothingOf(int chart) const { return smoothedChart(chart) ? smoothing_ : 0; }
  bool logScale() const { return logScale_; }
  bool logY() const { return logScale_ && metric_ == MetricKind::Loss; }
  // The learning rate needs one chart: the validation chart (which carries the legend) shows it.
  bool singleChart() const { return metric_ == MetricKind::LearningRate; }
  int metricSlot(int chart) const { return curveMetricSlot(chart, metric_); }

  void markDirty(int chart);
  void markAllDirty();
  bool anyDirty() const;
  // Brings the chart's dirty curves up to date and returns their trials, no longer dirty: the
  // ones to draw again.
  std::vector<int> update(int chart);

  // Of the shown trials' curves in the chart.
  DataExtent shownExtent(int chart) const;
  // Tight around the shown curves (after a pause in the stream, or a reset).
  ChartAxes fittedAxes(int chart, int xTicks) const;
  // While points stream: `current` kept while the data fits, else grown with room to spare
  // (growingAxisRange), so the axes change a few dozen times in a run, not every frame. A log
  // axis has no streaming room and is always fitted.
  ChartAxes growingAxes(int chart, const ChartAxes& current, int xTicks) const;

  // What a trial's line in the chart draws within [xMin, xMax]: the smoothed points when
  // smoothing is on, else the raw ones, min-max decimated to `buckets` x slices.
  QList<QPointF> linePoints(int chart, int trial, double xMin, double xMax, int buckets) const;
  // The faint raw curve under a smoothed line; empty without smoothing.
  QList<QPointF> rawPoints(int chart, int trial, double xMin, double xMax, int buckets) const;
  // Where a diverged or failed trial's line ends.
  std::optional<QPointF> failureMarker(int chart, int trial) const;
  // Where a pruned trial's line ends, and the epoch it was pruned at (its last validation
  // epoch; -1 when the trial is not pruned or has no validation point).
  std::optional<QPointF> prunedMarker(int chart, int trial) const;
  int prunedEpoch(int trial) const;
  // The raw points of the chart's metric on the current x axis, for a figure.
  std::vector<QPointF> figurePoints(int chart, int trial) const;

 private:
  void markStale(int chart);

  std::map<int, TrialCurveData> trials_;
  XAxisKind x_ = XAxisKind::Step;
  MetricKind metric_ = MetricKind::Accuracy;
  double smoothing_ = 0;
  bool logScale_ = false;
};

}  // namespace sweeplab::ui
