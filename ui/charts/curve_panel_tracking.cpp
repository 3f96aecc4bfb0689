// The curve panel's value tracker: the pointer's position over a plot, the nearest point of the
// lines drawn there and the label that names it.
#include "charts/curve_panel_impl.h"

namespace sweeplab::ui {

void CurvePanel::Impl::trackPointer(int chart, const QPointF& viewPosition) {
  QChart* qchart = charts[static_cast<size_t>(chart)];
  const CurveChartView* view = views[static_cast<size_t>(chart)];
  const QPointF inChart = qchart->mapFromScene(view->mapToScene(viewPosition.toPoint()));
  if (!qchart->plotArea().contains(inChart)) return leavePlot(chart);
  pointers[static_cast<size_t>(chart)] = inChart;
  updateTracker(chart);
}

void CurvePanel::Impl::leavePlot(int chart) {
  pointers[static_cast<size_t>(chart)].reset();
  if (trackers[static_cast<size_t>(chart)]) trackers[static_cast<size_t>(chart)]->hide();
}

PlotMapping CurvePanel::Impl::plotMapping(int chart) const {
  QChart* qchart = charts[static_cast<size_t>(chart)];
  const QValueAxis* x = xAxisOf(qchart);
  if (const QLogValueAxis* log = logYAxisOf(qchart))
    return {qchart->plotArea(), x->min(), x->max(), log->min(), log->max(), true};
  const QValueAxis* y = yAxisOf(qchart);
  return {qchart->plotArea(), x->min(), x->max(), y->min(), y->max(), false};
}

void CurvePanel::Impl::updateTracker(int chart) {
  CurveTracker* tracker = trackers[static_cast<size_t>(chart)].get();
  const std::optional<QPointF>& pointer = pointers[static_cast<size_t>(chart)];
  if (!tracker || !pointer) return;
  // The lines drawn now: shown trials whose own line is visible (not folded into a band).
  std::vector<const std::vector<QPointF>*> curves;
  std::vector<const TrialCurves*> owners;
  for (const auto& [index, trial] : trials) {
    if (!trial.hasSeries() || !trial.charts[static_cast<size_t>(chart)].line->isVisible()) continue;
    const std::vector<QPointF>& drawn =
        model.trial(index).charts[static_cast<size_t>(chart)].drawn();
    if (drawn.empty()) continue;
    curves.push_back(&drawn);
    owners.push_back(&trial);
  }
  const PlotMapping mapping = plotMapping(chart);
  const NearestPoint nearest = nearestOnScreen(curves, mapping, *pointer);
  if (nearest.curve < 0) return tracker->hide();
  const TrialCurves& trial = *owners[static_cast<size_t>(nearest.curve)];
  const CurveData& curve = model.trial(trial.display.trial).charts[static_cast<size_t>(chart)];
  const QPointF value = curve.drawn()[static_cast<size_t>(nearest.index)];
  tracker->show(mapping.toChart(value),
                hoverText(trialFullLabel(trial, model), curve, nearest.index,
                          xAxisTitle(model.xAxis()), chartTitle(chart, model.metric())),
                trial.display.color, mapping.plot);
}

}  // namespace sweeplab::ui
