// Pure number work behind the curves: smoothing, decimation for display, axis ranges.
// No widgets here, so it is tested directly and shared by the live panel and figure export.
#pragma once

#include <QList>
#include <QPointF>
#include <vector>

namespace sweeplab::ui {

// Exponential moving average with TensorBoard's debiasing: s_i = w*s_{i-1} + (1-w)*x_i from
// s_0 = 0, reported as s_i / (1 - w^n) where n counts the finite values so far. Without the
// debiasing the start of every curve would be dragged towards zero. Non-finite values pass
// through unchanged and do not disturb the average. weight is clamped to [0, 0.999]; 0 gives
// the input back.
std::vector<double> smoothDebiasedEma(const std::vector<double>& values, double weight);

// Same smoothing applied to the y of points (x kept).
std::vector<QPointF> smoothPoints(const std::vector<QPointF>& points, double weight);

// Reduces points (x ascending) for drawing: the part with x in [xMin, xMax] is cut into
// `buckets` equal x slices and each slice keeps its lowest and highest point, in x order, so
// spikes survive. The first and last of these points are always kept, and so is the nearest
// point outside the range on each side, so lines reach the plot edges. Returns at most
// 2 * buckets + 4 points, and the points unchanged when they fit in that budget already.
QList<QPointF> decimateMinMax(const std::vector<QPointF>& points, double xMin, double xMax,
                              int buckets);

struct AxisRange {
  double min = 0;
  double max = 1;
  double tickInterval = 0.2;  // 1, 2, 2.5 or 5 times a power of ten
  double tickAnchor = 0;      // a tick position: a multiple of tickInterval
  int decimals = 1;           // enough to tell neighbouring ticks apart
};

// A range around [dataMin, dataMax] with a small margin; an end snaps outwards to the next tick
// when that is close.
// `unitInterval` keeps the range inside [0, 1] (accuracies); `nonNegative` keeps min >= 0.
// An empty or degenerate range still gives a usable axis.
AxisRange niceAxisRange(double dataMin, double dataMax, bool unitInterval, bool nonNegative,
                        int targetTicks = 6);

// Tick spacing for a fixed range, e.g. after the user zoomed.
AxisRange axisTicks(double min, double max, int targetTicks = 6);

// Index of the point whose x is nearest to x (points x ascending), -1 when empty.
int nearestPointIndex(const std::vector<QPointF>& points, double x);

}  // namespace sweeplab::ui
