// Raw metric points of one trial as the curve panel keeps them, and their x/y extraction.
// Private to the charts folder.
#pragma once

#include <QPointF>
#include <array>
#include <string>
#include <vector>

#include "charts/curve_panel.h"

class QLineSeries;
class QScatterSeries;

namespace sweeplab::ui {

// The four metrics the panel draws; anything else the engine reports is not kept here.
enum class CurveMetric { TrainAccuracy, TrainLoss, ValAccuracy, ValLoss };
inline constexpr int kCurveMetricCount = 4;

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

// What one chart draws for a trial.
struct ChartCurve {
  QLineSeries* line = nullptr;
  QLineSeries* raw = nullptr;  // faint raw curve behind a smoothed line
  QScatterSeries* failure = nullptr;
  std::vector<QPointF> points;    // raw values for the current metric and x axis
  std::vector<QPointF> smoothed;  // empty when smoothing is off
  bool dirty = true;

  const std::vector<QPointF>& drawn() const { return smoothed.empty() ? points : smoothed; }
};

struct TrialCurves {
  TrialDisplay display;
  std::array<std::vector<StoredPoint>, kCurveMetricCount> stored;
  sweeplab::TrialStatus status = sweeplab::TrialStatus::Running;
  bool shown = true;
  std::array<ChartCurve, 2> charts;
};

}  // namespace sweeplab::ui
