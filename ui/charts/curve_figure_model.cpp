// The curves' numbers: stored points, incremental curves, axis ranges and decimation.
#include "charts/curve_figure_model.h"

#include <algorithm>
#include <cmath>

namespace sweeplab::ui {

bool TrialCurveData::hasSomethingToDraw() const {
  if (endsInFailure(status) || endsPruned(status)) return true;
  for (const auto& points : stored)
    if (!points.empty()) return true;
  return false;
}

ChartAxes fitAxes(const DataExtent& data, bool unitInterval, bool logY, int xTicks) {
  ChartAxes axes;
  axes.x = niceAxisRange(data.xMin, data.xMax, false, !(data.xMin < 0), xTicks);
  axes.logY = logY;
  if (logY)
    axes.log = logAxisRange(data.yMinPositive, data.yMax);
  else
    axes.y = niceAxisRange(data.yMin, data.yMax, unitInterval, !(data.yMin < 0));
  return axes;
}

const TrialCurveData* CurveFigureModel::find(int index) const {
  auto it = trials_.find(index);
  return it == trials_.end() ? nullptr : &it->second;
}

void CurveFigureModel::append(int trial, const std::vector<sweeplab::MetricPoint>& points) {
  TrialCurveData& data = trials_[trial];
  // A batch holds long runs of the same metric: look its slot up once per run of names.
  const std::string* lastName = nullptr;
  int slot = -1;
  for (const sweeplab::MetricPoint& point : points) {
    if (lastName == nullptr || point.name != *lastName) slot = curveMetricSlot(point.name);
    lastName = &point.name;
    if (slot < 0) continue;
    data.stored[static_cast<size_t>(slot)].push_back(storedPoint(point));
    for (int chart = 0; chart < 2; ++chart)  // only a chart showing this metric changes
      if (metricSlot(chart) == slot) data.charts[static_cast<size_t>(chart)].dirty = true;
  }
}

void CurveFigureModel::setStatus(int trial, sweeplab::TrialStatus status) {
  TrialCurveData& data = trials_[trial];
  data.status = status;
  for (CurveData& curve : data.charts) curve.dirty = true;
}

bool CurveFigureModel::setShown(int trial, bool shown) {
  auto it = trials_.find(trial);
  if (it == trials_.end() || it->second.shown == shown) return false;
  it->second.shown = shown;
  markAllDirty();  // the fitted ranges follow the shown trials
  return true;
}

void CurveFigureModel::setXAxis(XAxisKind kind) {
  if (kind == x_) return;
  x_ = kind;
  markStale(kTrainingChart);
  markStale(kValidationChart);
}

void CurveFigureModel::setMetric(MetricKind kind) {
  if (kind == metric_) return;
  metric_ = kind;
  markStale(kTrainingChart);
  markStale(kValidationChart);
}

void CurveFigureModel::setSmoothing(double weight) {
  const double clamped = std::clamp(weight, 0.0, 0.99);
  if (clamped == smoothing_) return;
  smoothing_ = clamped;
  markStale(kTrainingChart);
}

void CurveFigureModel::setLogScale(bool on) {
  if (on == logScale_) return;
  logScale_ = on;
  markAllDirty();
}

void CurveFigureModel::markDirty(int chart) {
  for (auto& [index, trial] : trials_) trial.charts[static_cast<size_t>(chart)].dirty = true;
}

void CurveFigureModel::markAllDirty() {
  markDirty(kTrainingChart);
  markDirty(kValidationChart);
}

void CurveFigureModel::markStale(int chart) {
  for (auto& [index, trial] : trials_) {
    CurveData& curve = trial.charts[static_cast<size_t>(chart)];
    curve.dirty = true;
    curve.stale = true;
  }
}

bool CurveFigureModel::anyDirty() const {
  for (const auto& [index, trial] : trials_)
    for (const CurveData& curve : trial.charts)
      if (curve.dirty) return true;
  return false;
}

std::vector<int> CurveFigureModel::update(int chart) {
  std::vector<int> updated;
  const auto slot = static_cast<size_t>(metricSlot(chart));
  for (auto& [index, trial] : trials_) {
    CurveData& curve = trial.charts[static_cast<size_t>(chart)];
    if (!curve.dirty) continue;
    curve.update(trial.stored[slot], x_, smoothingOf(chart));
    curve.dirty = false;
    updated.push_back(index);
  }
  return updated;
}

DataExtent CurveFigureModel::shownExtent(int chart) const {
  DataExtent data;
  for (const auto& [index, trial] : trials_)
    if (trial.shown) data.include(trial.charts[static_cast<size_t>(chart)].extent);
  return data;
}

ChartAxes CurveFigureModel::fittedAxes(int chart, int xTicks) const {
  return fitAxes(shownExtent(chart), metric_ == MetricKind::Accuracy, logY(), xTicks);
}

ChartAxes CurveFigureModel::growingAxes(int chart, const ChartAxes& current, int xTicks) const {
  if (logY()) return fittedAxes(chart, xTicks);
  const DataExtent data = shownExtent(chart);
  ChartAxes axes;
  axes.x = growingAxisRange(current.x.min, current.x.max, data.xMin, data.xMax, false,
                            !(data.xMin < 0), xTicks);
  axes.y = growingAxisRange(current.y.min, current.y.max, data.yMin, data.yMax,
                            metric_ == MetricKind::Accuracy, !(data.yMin < 0));
  return axes;
}

QList<QPointF> CurveFigureModel::linePoints(int chart, int trial, double xMin, double xMax,
                                            int buckets) const {
  const TrialCurveData* data = find(trial);
  if (!data) return {};
  return decimateMinMax(data->charts[static_cast<size_t>(chart)].drawn(), xMin, xMax, buckets);
}

QList<QPointF> CurveFigureModel::rawPoints(int chart, int trial, double xMin, double xMax,
                                           int buckets) const {
  const TrialCurveData* data = find(trial);
  if (!data) return {};
  const CurveData& curve = data->charts[static_cast<size_t>(chart)];
  if (curve.smoothed.empty()) return {};
  return decimateMinMax(curve.points, xMin, xMax, buckets);
}

std::optional<QPointF> CurveFigureModel::failureMarker(int chart, int trial) const {
  const TrialCurveData* data = find(trial);
  if (!data || !endsInFailure(data->status)) return std::nullopt;
  const std::vector<QPointF>& drawn = data->charts[static_cast<size_t>(chart)].drawn();
  if (drawn.empty()) return std::nullopt;
  return drawn.back();
}

std::optional<QPointF> CurveFigureModel::prunedMarker(int chart, int trial) const {
  const TrialCurveData* data = find(trial);
  if (!data || !endsPruned(data->status)) return std::nullopt;
  const std::vector<QPointF>& drawn = data->charts[static_cast<size_t>(chart)].drawn();
  if (drawn.empty()) return std::nullopt;
  return drawn.back();
}

int CurveFigureModel::prunedEpoch(int trial) const {
  const TrialCurveData* data = find(trial);
  if (!data || !endsPruned(data->status)) return -1;
  // The pruner decides at epoch ends, after the validation pass: its last point is the epoch.
  double epoch = -1;
  for (CurveMetric metric : {CurveMetric::ValAccuracy, CurveMetric::ValLoss})
    for (const StoredPoint& point : data->stored[static_cast<size_t>(metric)])
      epoch = std::max(epoch, point.x[static_cast<size_t>(XAxisKind::Epoch)]);
  return epoch < 0 ? -1 : static_cast<int>(std::lround(epoch));
}

std::vector<QPointF> CurveFigureModel::figurePoints(int chart, int trial) const {
  const TrialCurveData* data = find(trial);
  if (!data) return {};
  return curvePoints(data->stored[static_cast<size_t>(metricSlot(chart))], x_);
}

}  // namespace sweeplab::ui
