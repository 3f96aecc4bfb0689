// Metric bookkeeping and incremental curves, shared by the figure model and figure export.
#include "charts/curve_series_data.h"

#include <QObject>
#include <algorithm>

namespace sweeplab::ui {

const char* metricName(int chart, MetricKind metric) {
  namespace m = sweeplab::metric;
  // The learning rate is logged with the training steps; either chart asks for it.
  if (metric == MetricKind::LearningRate) return m::kLearningRate;
  if (chart == 0) return metric == MetricKind::Accuracy ? m::kTrainAccStep : m::kTrainLossStep;
  return metric == MetricKind::Accuracy ? m::kValAccEpoch : m::kValLossEpoch;
}

double xValue(const sweeplab::MetricPoint& point, XAxisKind kind) {
  switch (kind) {
    case XAxisKind::Step:
      return static_cast<double>(point.step);
    case XAxisKind::Epoch:
      return point.epoch;
    case XAxisKind::SamplesSeen:
      return static_cast<double>(point.samples);
    case XAxisKind::WallTime:
      return point.wall_seconds;
  }
  return 0;
}

int curveMetricSlot(const std::string& metricName) {
  namespace m = sweeplab::metric;
  if (metricName == m::kTrainAccStep) return static_cast<int>(CurveMetric::TrainAccuracy);
  if (metricName == m::kTrainLossStep) return static_cast<int>(CurveMetric::TrainLoss);
  if (metricName == m::kValAccEpoch) return static_cast<int>(CurveMetric::ValAccuracy);
  if (metricName == m::kValLossEpoch) return static_cast<int>(CurveMetric::ValLoss);
  if (metricName == m::kLearningRate) return static_cast<int>(CurveMetric::LearningRate);
  return -1;
}

int curveMetricSlot(int chart, MetricKind metric) {
  return curveMetricSlot(metricName(chart, metric));
}

StoredPoint storedPoint(const sweeplab::MetricPoint& point) {
  StoredPoint stored;
  for (XAxisKind kind :
       {XAxisKind::Step, XAxisKind::Epoch, XAxisKind::SamplesSeen, XAxisKind::WallTime}) {
    stored.x[static_cast<size_t>(kind)] = xValue(point, kind);
  }
  stored.value = point.value;
  return stored;
}

std::vector<QPointF> curvePoints(const std::vector<StoredPoint>& stored, XAxisKind kind) {
  std::vector<QPointF> points;
  points.reserve(stored.size());
  const auto axis = static_cast<size_t>(kind);
  for (const StoredPoint& p : stored) {
    if (std::isfinite(p.x[axis]) && std::isfinite(p.value)) points.emplace_back(p.x[axis], p.value);
  }
  const auto byX = [](const QPointF& a, const QPointF& b) { return a.x() < b.x(); };
  if (!std::is_sorted(points.begin(), points.end(), byX)) {
    std::stable_sort(points.begin(), points.end(), byX);
  }
  return points;
}

void DataExtent::include(const QPointF& p) {
  xMin = std::min(xMin, p.x());
  xMax = std::max(xMax, p.x());
  yMin = std::min(yMin, p.y());
  yMax = std::max(yMax, p.y());
  if (p.y() > 0) yMinPositive = std::min(yMinPositive, p.y());
}

void DataExtent::include(const DataExtent& other) {
  xMin = std::min(xMin, other.xMin);
  xMax = std::max(xMax, other.xMax);
  yMin = std::min(yMin, other.yMin);
  yMax = std::max(yMax, other.yMax);
  yMinPositive = std::min(yMinPositive, other.yMinPositive);
}

void CurveData::update(const std::vector<StoredPoint>& stored, XAxisKind kind, double smoothing) {
  if (stale || consumed_ > stored.size()) {
    rebuild(stored, kind, smoothing);
    return;
  }
  const auto axis = static_cast<size_t>(kind);
  double lastX = points.empty() ? -INFINITY : points.back().x();
  for (size_t i = consumed_; i < stored.size(); ++i) {
    const double x = stored[i].x[axis];
    if (!std::isfinite(x) || !std::isfinite(stored[i].value)) continue;
    if (x < lastX) {  // out of x order: curvePoints sorts, so start over
      rebuild(stored, kind, smoothing);
      return;
    }
    lastX = x;
  }
  for (size_t i = consumed_; i < stored.size(); ++i) {
    const double x = stored[i].x[axis];
    if (std::isfinite(x) && std::isfinite(stored[i].value)) add({x, stored[i].value});
  }
  consumed_ = stored.size();
}

void CurveData::rebuild(const std::vector<StoredPoint>& stored, XAxisKind kind, double smoothing) {
  std::vector<QPointF> all = curvePoints(stored, kind);
  points.clear();
  smoothed.clear();
  extent = {};
  ema_ = DebiasedEma(smoothing);
  stale = false;
  // Without smoothing nothing is added to `smoothed`, so drawn() falls back to the raw points.
  smoothingOn_ = smoothing > 0;
  points.reserve(all.size());
  for (const QPointF& p : all) add(p);
  consumed_ = stored.size();
}

void CurveData::add(const QPointF& p) {
  points.push_back(p);
  extent.include(p);
  if (smoothingOn_) smoothed.emplace_back(p.x(), ema_.next(p.y()));
}

QString prunedAtEpochText(int epoch) {
  return epoch < 0 ? QString() : QObject::tr("pruned at epoch %1").arg(epoch);
}

bool endsPruned(sweeplab::TrialStatus status) {
  return status == sweeplab::TrialStatus::Pruned;
}

bool endsInFailure(sweeplab::TrialStatus status) {
  return status == sweeplab::TrialStatus::Diverged || status == sweeplab::TrialStatus::Failed;
}

}  // namespace sweeplab::ui
