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

// The same average one value at a time, for curves that grow while a run streams: feeding a
// curve's values in order gives exactly what smoothDebiasedEma gives for the whole of it.
class DebiasedEma {
 public:
  explicit DebiasedEma(double weight = 0);
  double next(double value);

 private:
  double weight_ = 0;
  double average_ = 0;
  int finiteCount_ = 0;
};

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

// The range of an axis while points stream in. The current range [axisMin, axisMax] is kept as
// long as the data fits in it; when the data outgrows it, the new range leaves room for the
// data to grow by a good part of its span. The axes - and with them the geometry of every
// series, which Qt Charts recomputes on each range change - then change a few dozen times in a
// run instead of on every frame. Once the stream pauses, niceAxisRange fits the data tightly.
AxisRange growingAxisRange(double axisMin, double axisMax, double dataMin, double dataMax,
                           bool unitInterval, bool nonNegative, int targetTicks = 6);

// Tick spacing for a fixed range, e.g. after the user zoomed.
AxisRange axisTicks(double min, double max, int targetTicks = 6);

// The tick positions of a range, from its first tick at or above min to max (a tick within
// rounding of 0 is 0, so it reads "0", not "-0"); none when the interval is not positive.
std::vector<double> tickPositions(const AxisRange& range);

// A logarithmic axis for positive data: labels at the powers of `base` (10 when the data span
// two decades or more, else 2, so a loss from 1.6 down to 0.3 still gets several labels) and
// ends at the powers just outside the data. Without positive data: 0.1 to 10.
struct LogAxisRange {
  double min = 0.1;
  double max = 10;
  double base = 10;
};
LogAxisRange logAxisRange(double dataMin, double dataMax);

// Index of the point whose x is nearest to x (points x ascending), -1 when empty.
int nearestPointIndex(const std::vector<QPointF>& points, double x);

}  // namespace sweeplab::ui
