// Raw metric points of one trial as the curve panel keeps them, and their x/y extraction.
// Private to the charts folder.
#pragma once

#include <QHash>
#include <QPointF>
#include <QString>
#include <array>
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "charts/curve_math.h"
#include "charts/curve_panel.h"

class QAbstractSeries;
class QLegend;
class QLegendMarker;
class QLineSeries;
class QScatterSeries;

namespace sweeplab::ui {

// The five metrics the panel draws; anything else the engine reports is not kept here.
enum class CurveMetric { TrainAccuracy, TrainLoss, ValAccuracy, ValLoss, LearningRate };
inline constexpr int kCurveMetricCount = 5;

// nullopt-like -1 for metrics the panel does not draw.
int curveMetricSlot(const std::string& metricName);
int curveMetricSlot(int chart, MetricKind metric);

struct StoredPoint {
  std::array<double, 4> x{};  // indexed by XAxisKind: step, epoch, samples, wall seconds
  double value = 0;
};

StoredPoint storedPoint(const sweeplab::MetricPoint& point);

// Finite (x, value) pairs, sorted by x (stable, so equal x keep their order).
std::vector<QPointF> curvePoints(const std::vector<StoredPoint>& stored, XAxisKind kind);

bool endsInFailure(sweeplab::TrialStatus status);

// The bounding box of a set of points; empty (inverted) until a point is included.
struct DataExtent {
  double xMin = INFINITY, xMax = -INFINITY, yMin = INFINITY, yMax = -INFINITY;

  void include(const QPointF& p);
  void include(const DataExtent& other);
};

// What one chart draws for a trial.
struct ChartCurve {
  QLineSeries* line = nullptr;
  QLineSeries* raw = nullptr;  // faint raw curve behind a smoothed line
  QScatterSeries* failure = nullptr;
  std::vector<QPointF> points;    // raw values for the current metric and x axis
  std::vector<QPointF> smoothed;  // empty when smoothing is off
  DataExtent extent;              // of points
  bool dirty = true;              // needs redrawing
  bool stale = true;              // x axis, metric or smoothing changed: rebuild from scratch

  const std::vector<QPointF>& drawn() const { return smoothed.empty() ? points : smoothed; }

  // Brings points, smoothed and extent up to date with `stored`. While a run streams, only the
  // points that arrived since the last call are converted and smoothed, so a frame's cost does
  // not grow with the length of the curve; a point that breaks the x order (or a stale curve)
  // makes it rebuild everything, which gives the same result.
  void update(const std::vector<StoredPoint>& stored, XAxisKind kind, double smoothing);

 private:
  void rebuild(const std::vector<StoredPoint>& stored, XAxisKind kind, double smoothing);
  void add(const QPointF& p);

  size_t consumed_ = 0;  // entries of `stored` already in points
  bool smoothingOn_ = false;
  DebiasedEma ema_;
};

struct TrialCurves {
  TrialDisplay display;
  std::array<std::vector<StoredPoint>, kCurveMetricCount> stored;
  sweeplab::TrialStatus status = sweeplab::TrialStatus::Running;
  bool shown = true;
  std::array<ChartCurve, 2> charts;  // series null until made (see kEagerSeriesLimit)

  bool hasSeries() const { return charts[0].line != nullptr; }
};

// A legend's entries by series, looked up once per sync: QLegend::markers(series) scans every
// entry, which made a sync of a thousand trials take seconds.
using LegendMarkers = QHash<const QAbstractSeries*, QLegendMarker*>;
LegendMarkers legendMarkers(QLegend* legend);

// Only one chart shows a legend, one entry per trial (its line; the raw curve and the failure
// marker have none). An entry stays when its trial is hidden, dimmed, so that it can be clicked
// to bring the trial back; a trial drawn as part of a repeat band has none.
void syncTrialLegend(const LegendMarkers& markers, std::map<int, TrialCurves>& trials, int chart,
                     const std::function<bool(int)>& inBand);

// The value tracker's label for point `nearest` of a curve: trial, x and y, and the raw value
// under a smoothed line.
QString hoverText(const QString& trialLabel, const ChartCurve& curve, int nearest,
                  const QString& xTitle, const QString& yTitle);

}  // namespace sweeplab::ui
