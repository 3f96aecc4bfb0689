// Metric bookkeeping for the curve panel.
#include "charts/trial_curves.h"

#include <algorithm>
#include <cmath>

#include "charts/chart_style.h"

namespace sweeplab::ui {

int curveMetricSlot(const std::string& metricName) {
  namespace m = sweeplab::metric;
  if (metricName == m::kTrainAccStep) return static_cast<int>(CurveMetric::TrainAccuracy);
  if (metricName == m::kTrainLossStep) return static_cast<int>(CurveMetric::TrainLoss);
  if (metricName == m::kValAccEpoch) return static_cast<int>(CurveMetric::ValAccuracy);
  if (metricName == m::kValLossEpoch) return static_cast<int>(CurveMetric::ValLoss);
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

bool endsInFailure(sweeplab::TrialStatus status) {
  return status == sweeplab::TrialStatus::Diverged || status == sweeplab::TrialStatus::Failed;
}

}  // namespace sweeplab::ui
