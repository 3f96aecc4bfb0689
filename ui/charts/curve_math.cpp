// Smoothing, min/max decimation and axis ranges.
#include "charts/curve_math.h"

#include <algorithm>
#include <cmath>

namespace sweeplab::ui {

DebiasedEma::DebiasedEma(double weight) : weight_(std::clamp(weight, 0.0, 0.999)) {}

double DebiasedEma::next(double value) {
  if (!std::isfinite(value)) return value;
  ++finiteCount_;
  average_ = average_ * weight_ + (1 - weight_) * value;
  const double debias = weight_ == 0 ? 1.0 : 1.0 - std::pow(weight_, finiteCount_);
  return average_ / debias;
}

std::vector<double> smoothDebiasedEma(const std::vector<double>& values, double weight) {
  DebiasedEma ema(weight);
  std::vector<double> smoothed;
  smoothed.reserve(values.size());
  for (double value : values) smoothed.push_back(ema.next(value));
  return smoothed;
}

std::vector<QPointF> smoothPoints(const std::vector<QPointF>& points, double weight) {
  if (weight <= 0) return points;
  std::vector<double> ys;
  ys.reserve(points.size());
  for (const QPointF& p : points) ys.push_back(p.y());
  const std::vector<double> smoothed = smoothDebiasedEma(ys, weight);
  std::vector<QPointF> result;
  result.reserve(points.size());
  for (size_t i = 0; i < points.size(); ++i) result.emplace_back(points[i].x(), smoothed[i]);
  return result;
}

QList<QPointF> decimateMinMax(const std::vector<QPointF>& points, double xMin, double xMax,
                              int buckets) {
  QList<QPointF> result;
  if (points.empty()) return result;
  using Iterator = std::vector<QPointF>::const_iterator;
  auto first = std::lower_bound(points.begin(), points.end(), xMin,
                                [](const QPointF& p, double x) { return p.x() < x; });
  auto last = std::upper_bound(points.begin(), points.end(), xMax,
                               [](double x, const QPointF& p) { return x < p.x(); });
  // One neighbour outside on each side, so the line runs to the plot edge when zoomed in.
  if (first != points.begin()) --first;
  if (last != points.end()) ++last;
  buckets = std::max(buckets, 1);
  if (last - first <= 2 * buckets + 4 || !(xMax > xMin)) {
    result.reserve(static_cast<int>(last - first));
    for (auto it = first; it != last; ++it) result.append(*it);
    return result;
  }
  result.reserve(2 * buckets + 4);
  // The ends are always kept: the newest value is the one a person watching a run looks for.
  const Iterator end = last;
  result.append(*first);
  const Iterator inside = first + 1;
  const Iterator insideEnd = end - 1;
  const double bucketWidth = (xMax - xMin) / buckets;
  const auto bucketOf = [&](const QPointF& p) {
    return std::clamp(static_cast<int>((p.x() - xMin) / bucketWidth), 0, buckets - 1);
  };
  for (Iterator it = inside; it != insideEnd;) {
    const int bucket = bucketOf(*it);
    Iterator lowest = it;
    Iterator highest = it;
    for (; it != insideEnd && bucketOf(*it) == bucket; ++it) {
      if (it->y() < lowest->y()) lowest = it;
      if (it->y() > highest->y()) highest = it;
    }
    if (lowest == highest) {
      result.append(*lowest);
    } else {
      result.append(*std::min(lowest, highest));
      result.append(*std::max(lowest, highest));
    }
  }
  result.append(*insideEnd);
  return result;
}

namespace {

double niceStep(double span, int targetTicks) {
  const double rough = span / std::max(targetTicks - 1, 1);
  const double magnitude = std::pow(10.0, std::floor(std::log10(rough)));
  for (double factor : {1.0, 2.0, 2.5, 5.0, 10.0}) {
    if (factor * magnitude >= rough) return factor * magnitude;
  }
  return 10 * magnitude;
}

}  // namespace

AxisRange niceAxisRange(double dataMin, double dataMax, bool unitInterval, bool nonNegative,
                        int targetTicks) {
  if (!std::isfinite(dataMin) || !std::isfinite(dataMax) || dataMin > dataMax) {
    return axisTicks(0, 1, targetTicks);  // nothing to show yet
  }
  double low = dataMin;
  double high = dataMax;
  if (high > low) {
    const double margin = (high - low) * 0.04;
    low -= margin;
    high += margin;
  } else {  // a single value: centre it in a small window
    const double halfWindow = std::max(std::abs(low) * 0.05, unitInterval ? 0.05 : 0.5);
    low -= halfWindow;
    high += halfWindow;
  }
  if (nonNegative || unitInterval) low = std::max(low, 0.0);
  if (unitInterval) high = std::min(high, 1.0);
  if (unitInterval && high - low > 0.5) {  // mostly the full range: show all of [0, 1]
    low = 0;
    high = 1;
  }
  const double step = niceStep(high - low, targetTicks);
  // Ends snap outwards to a tick only when that adds little, so no axis runs far past its data.
  const double snappedLow = std::floor(low / step) * step;
  const double snappedHigh = std::ceil(high / step) * step;
  double min = low - snappedLow < step * 0.35 ? snappedLow : low;
  double max = snappedHigh - high < step * 0.35 ? snappedHigh : high;
  if (unitInterval) {
    min = std::max(min, 0.0);
    max = std::min(max, 1.0);
  }
  if (max <= min) max = min + step;
  return axisTicks(min, max, targetTicks);
}

AxisRange growingAxisRange(double axisMin, double axisMax, double dataMin, double dataMax,
                           bool unitInterval, bool nonNegative, int targetTicks) {
  const bool hasData = std::isfinite(dataMin) && std::isfinite(dataMax) && dataMin <= dataMax;
  if (hasData && axisMin <= dataMin && dataMax <= axisMax && axisMax > axisMin) {
    return axisTicks(axisMin, axisMax, targetTicks);
  }
  if (!hasData) return niceAxisRange(dataMin, dataMax, unitInterval, nonNegative, targetTicks);
  // Room for 30 % more of the span on each side: a curve that keeps growing at the same pace
  // then needs a new range only after it has grown by that much again.
  const double room = (dataMax - dataMin) * 0.3;
  return niceAxisRange(dataMin - room, dataMax + room, unitInterval, nonNegative, targetTicks);
}

std::vector<double> tickPositions(const AxisRange& range) {
  std::vector<double> ticks;
  if (!(range.tickInterval > 0)) return ticks;
  const double first =
      range.tickAnchor +
      std::ceil((range.min - range.tickAnchor) / range.tickInterval - 1e-9) * range.tickInterval;
  for (double tick = first; tick <= range.max + range.tickInterval * 1e-9;
       tick += range.tickInterval)
    ticks.push_back(std::abs(tick) < range.tickInterval * 1e-9 ? 0.0 : tick);
  return ticks;
}

AxisRange axisTicks(double min, double max, int targetTicks) {
  AxisRange range;
  range.min = min;
  range.max = max > min ? max : min + 1;
  const double step = niceStep(range.max - range.min, targetTicks);
  range.tickInterval = step;
  range.tickAnchor = std::ceil(range.min / step - 1e-9) * step;
  // 2.5-steps need one more digit than their power of ten.
  const double digits = -std::floor(std::log10(step) + 1e-9);
  const bool quarter = std::abs(step / std::pow(10.0, -digits) - 2.5) < 1e-6;
  range.decimals = std::max(0, static_cast<int>(digits) + (quarter ? 1 : 0));
  return range;
}

LogAxisRange logAxisRange(double dataMin, double dataMax) {
  LogAxisRange range;
  if (!(dataMin > 0) || !(dataMax >= dataMin) || !std::isfinite(dataMax)) return range;
  range.base = std::log10(dataMax / dataMin) >= 2 ? 10 : 2;
  const auto power = [&range](double exponent) { return std::pow(range.base, exponent); };
  const double logBase = std::log(range.base);
  // A hair inside, so a value that is a power itself does not get a whole power of room.
  range.min = power(std::floor(std::log(dataMin) / logBase + 1e-9));
  range.max = power(std::ceil(std::log(dataMax) / logBase - 1e-9));
  if (range.max <= range.min) range.max = range.min * range.base;
  return range;
}

int nearestPointIndex(const std::vector<QPointF>& points, double x) {
  if (points.empty()) return -1;
  auto it = std::lower_bound(points.begin(), points.end(), x,
                             [](const QPointF& p, double value) { return p.x() < value; });
  if (it == points.end()) return static_cast<int>(points.size()) - 1;
  if (it != points.begin() && x - (it - 1)->x() < it->x() - x) --it;
  return static_cast<int>(it - points.begin());
}

}  // namespace sweeplab::ui
