// One trial's metric points as the curves keep them, and one chart's curve of them: raw
// points for the current x axis, their smoothed line and their extent. No chart toolkit here.
#pragma once

#include <QPointF>
#include <QString>
#include <array>
#include <cmath>
#include <string>
#include <vector>

#include "charts/curve_kinds.h"
#include "charts/curve_math.h"
#include "sweeplab/metrics.h"

namespace sweeplab::ui {

// The five metrics the curves draw; anything else the engine reports is not kept.
enum class CurveMetric { TrainAccuracy, TrainLoss, ValAccuracy, ValLoss, LearningRate };
inline constexpr int kCurveMetricCount = 5;

// -1 for metrics the curves do not draw.
int curveMetricSlot(const std::string& metricName);
int curveMetricSlot(int chart, MetricKind metric);
// Chart 0 training, 1 validation: "train_acc_step", "val_loss_epoch", "lr".
const char* metricName(int chart, MetricKind metric);
double xValue(const sweeplab::MetricPoint& point, XAxisKind kind);

struct StoredPoint {
  std::array<double, 4> x{};  // indexed by XAxisKind: step, epoch, samples, wall seconds
  double value = 0;
};

StoredPoint storedPoint(const sweeplab::MetricPoint& point);

// Finite (x, value) pairs, sorted by x (stable, so equal x keep their order).
std::vector<QPointF> curvePoints(const std::vector<StoredPoint>& stored, XAxisKind kind);

bool endsInFailure(sweeplab::TrialStatus status);
// Stopped by the study's pruner at an epoch end: the line ends in a hollow ring.
bool endsPruned(sweeplab::TrialStatus status);
// "pruned at epoch 3", for legends and tooltips; empty for -1 (not pruned).
QString prunedAtEpochText(int epoch);

// The bounding box of a set of points; empty (inverted) until a point is included. The lowest
// positive y is kept apart for a logarithmic axis.
struct DataExtent {
  double xMin = INFINITY, xMax = -INFINITY, yMin = INFINITY, yMax = -INFINITY;
  double yMinPositive = INFINITY;

  void include(const QPointF& p);
  void include(const DataExtent& other);
};

// One chart's curve of a trial.
struct CurveData {
  std::vector<QPointF> points;    // raw values for the current metric and x axis
  std::vector<QPointF> smoothed;  // empty when smoothing is off
  DataExtent extent;              // of points
  bool dirty = true;              // changed since last drawn
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

}  // namespace sweeplab::ui
