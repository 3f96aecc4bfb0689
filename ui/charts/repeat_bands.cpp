// Mean curves and bands of seed repeats.
#include "charts/repeat_bands.h"

#include <QAreaSeries>
#include <QChart>
#include <QLegendMarker>
#include <QLineSeries>
#include <QValueAxis>
#include <algorithm>
#include <cmath>

#include "charts/chart_style.h"

namespace sweeplab::ui {
namespace {

// The x at which the band is evaluated: every x of the curves when there are few of them (one
// point per epoch), else an even grid, which is what the display can show anyway.
std::vector<double> bandGrid(const std::vector<const std::vector<QPointF>*>& curves, double xMin,
                             double xMax, int gridPoints) {
  double lo = INFINITY, hi = -INFINITY;
  size_t total = 0;
  for (const auto* curve : curves) {
    if (curve->empty()) continue;
    lo = std::min(lo, curve->front().x());
    hi = std::max(hi, curve->back().x());
    total += curve->size();
  }
  lo = std::max(lo, xMin);
  hi = std::min(hi, xMax);
  std::vector<double> grid;
  if (!(lo <= hi)) return grid;
  if (total <= static_cast<size_t>(2 * gridPoints)) {
    for (const auto* curve : curves)
      for (const QPointF& p : *curve)
        if (p.x() >= lo && p.x() <= hi) grid.push_back(p.x());
    std::sort(grid.begin(), grid.end());
    grid.erase(std::unique(grid.begin(), grid.end()), grid.end());
    return grid;
  }
  const int n = std::max(gridPoints, 2);
  for (int i = 0; i < n; ++i) grid.push_back(lo + (hi - lo) * i / (n - 1));
  return grid;
}

// The curve's value at x by linear interpolation; NaN outside its x range.
double valueAt(const std::vector<QPointF>& curve, double x) {
  if (curve.empty() || x < curve.front().x() || x > curve.back().x()) return NAN;
  auto after = std::lower_bound(curve.begin(), curve.end(), x,
                                [](const QPointF& p, double v) { return p.x() < v; });
  if (after->x() == x || after == curve.begin()) return after->y();
  const QPointF& b = *after;
  const QPointF& a = *(after - 1);
  return a.y() + (b.y() - a.y()) * (x - a.x()) / (b.x() - a.x());
}

}  // namespace

BandCurve repeatBand(const std::vector<const std::vector<QPointF>*>& curves, RepeatView view,
                     double xMin, double xMax, int gridPoints) {
  BandCurve band;
  for (double x : bandGrid(curves, xMin, xMax, gridPoints)) {
    double sum = 0, sumSquares = 0, low = INFINITY, high = -INFINITY;
    int count = 0;
    for (const auto* curve : curves) {
      const double y = valueAt(*curve, x);
      if (!std::isfinite(y)) continue;
      ++count;
      sum += y;
      sumSquares += y * y;
      low = std::min(low, y);
      high = std::max(high, y);
    }
    if (count == 0) continue;
    const double mean = sum / count;
    // Sample standard deviation (n - 1), as the results table reports it; 0 for one curve.
    const double variance =
        count > 1 ? std::max(0.0, (sumSquares - count * mean * mean) / (count - 1)) : 0.0;
    const double spread = std::sqrt(variance);
    band.mean.emplace_back(x, mean);
    band.lower.emplace_back(x, view == RepeatView::MeanMinMax ? low : mean - spread);
    band.upper.emplace_back(x, view == RepeatView::MeanMinMax ? high : mean + spread);
  }
  return band;
}

BandSeries addBandSeries(QChart* chart, int group, const QString& label, const QColor& color) {
  BandSeries series;
  series.lower = new QLineSeries;
  series.upper = new QLineSeries;
  series.area = new QAreaSeries(series.upper, series.lower);
  // A QAreaSeries does not own its edges: parented to it, they go when the chart deletes it.
  series.lower->setParent(series.area);
  series.upper->setParent(series.area);
  series.area->setName(label);
  QColor fill = color;
  fill.setAlphaF(0.22f);
  series.area->setBrush(fill);
  series.area->setPen(Qt::NoPen);
  chart->addSeries(series.area);
  series.area->attachAxis(xAxisOf(chart));
  series.area->attachAxis(valueAxisOf(chart));
  series.mean = addCurveSeries(chart, label, curvePen(color, kHighlightedLineWidth, 1.0));
  series.area->setObjectName(QStringLiteral("band:%1").arg(group));
  series.mean->setObjectName(QStringLiteral("mean:%1").arg(group));
  return series;
}

void showBand(BandSeries& series, const BandCurve& band, bool visible) {
  const auto list = [](const std::vector<QPointF>& points) {
    return QList<QPointF>(points.begin(), points.end());
  };
  replaceCurvePoints(series.mean, visible ? list(band.mean) : QList<QPointF>());
  series.upper->replace(visible ? list(band.upper) : QList<QPointF>());
  series.lower->replace(visible ? list(band.lower) : QList<QPointF>());
  series.mean->setVisible(visible);
  series.area->setVisible(visible);
}

void RepeatBandLayer::setTrials(const std::array<QChart*, 2>& charts,
                                const std::vector<TrialDisplay>& trials) {
  clear();
  std::map<int, std::vector<const TrialDisplay*>> members;
  for (const TrialDisplay& trial : trials)
    if (trial.group >= 0) members[trial.group].push_back(&trial);
  for (const auto& [id, list] : members) {
    if (list.size() < 2) continue;  // a single seed has no spread to show
    Group& group = groups_[id];
    const TrialDisplay& first = *list.front();
    const QString label = first.groupLabel.isEmpty() ? first.label : first.groupLabel;
    for (const TrialDisplay* trial : list) {
      group.trials.push_back(trial->trial);
      covered_.insert(trial->trial);
    }
    for (size_t chart = 0; chart < 2; ++chart) {
      group.series[chart] = addBandSeries(charts[chart], id, label, first.color);
      // In a two-key grid the mean line keeps its grid point's dash, as the trials' lines do.
      QPen pen = group.series[chart].mean->pen();
      pen.setStyle(first.lineStyle);
      group.series[chart].mean->setPen(pen);
      showBand(group.series[chart], {}, false);
    }
  }
}

void RepeatBandLayer::clear() {
  groups_.clear();
  covered_.clear();
}

bool RepeatBandLayer::covers(int trial) const {
  return covered_.count(trial) > 0;
}

void RepeatBandLayer::redraw(int chart, const CurveFigureModel& model, RepeatView view, double xMin,
                             double xMax, int gridPoints) {
  for (auto& [id, group] : groups_) {
    BandSeries& series = group.series[static_cast<size_t>(chart)];
    if (view == RepeatView::Lines) {
      showBand(series, {}, false);
      continue;
    }
    std::vector<const std::vector<QPointF>*> curves;
    for (int index : group.trials) {
      const TrialCurveData* data = model.find(index);
      if (data && data->shown) curves.push_back(&data->charts[static_cast<size_t>(chart)].drawn());
    }
    showBand(series, repeatBand(curves, view, xMin, xMax, gridPoints), !curves.empty());
  }
}

void RepeatBandLayer::syncLegend(const LegendMarkers& markers, int chart, RepeatView view) {
  const bool bands = view != RepeatView::Lines;
  for (auto& [id, group] : groups_) {
    const BandSeries& series = group.series[static_cast<size_t>(chart)];
    if (QLegendMarker* marker = markers.value(series.area)) marker->setVisible(false);
    if (QLegendMarker* marker = markers.value(series.mean)) marker->setVisible(bands);
  }
}

}  // namespace sweeplab::ui
