// The curve panel's series: created per trial, styled, and given the figure model's decimated
// points and axis ranges at most ~30 times a second.
#include <algorithm>
#include <cmath>

#include "charts/curve_panel_impl.h"

namespace sweeplab::ui {

void CurvePanel::Impl::noteStreaming() {
  settleTimer.start();
  if (streaming) return;
  streaming = true;
  for (CurveChartView* view : views) view->setRenderHint(QPainter::Antialiasing, false);
}

void CurvePanel::Impl::settle() {
  streaming = false;
  for (CurveChartView* view : views) {
    view->setRenderHint(QPainter::Antialiasing, true);
    view->viewport()->update();
  }
  model.markAllDirty();  // the axes left room to grow while streaming; fit them to the data now
  schedule();
}

TrialCurves& CurvePanel::Impl::trialFor(int index) {
  auto it = trials.find(index);
  if (it != trials.end()) return it->second;
  TrialDisplay display;
  display.trial = index;
  display.label = QStringLiteral("trial %1").arg(index);
  display.color = trialColor(index);
  return addTrial(display);
}

TrialCurves& CurvePanel::Impl::addTrial(const TrialDisplay& display, bool sync, bool withSeries) {
  model.trial(display.trial);
  TrialCurves& trial = trials[display.trial];
  trial.display = display;
  if (!trial.display.color.isValid()) trial.display.color = trialColor(display.trial);
  if (withSeries) createTrialSeries(trial);
  if (sync) syncLegend();
  return trial;
}

void CurvePanel::Impl::createTrialSeries(TrialCurves& trial) {
  for (int c = 0; c < 2; ++c) createSeries(trial.display.trial, trial, c);
  applyStyle(trial);
  applyVisibility(trial);
}

void CurvePanel::Impl::createSeries(int index, TrialCurves& trial, int chart) {
  QChart* qchart = charts[static_cast<size_t>(chart)];
  ChartCurve& curve = trial.charts[static_cast<size_t>(chart)];
  // The legend shows what tells the trials apart; the full label is in its tooltip.
  const QString label = styles.legendText(trial.display.label);
  // Added first so it lies under the line.
  curve.raw = addCurveSeries(qchart, label, QPen());
  curve.line = addCurveSeries(qchart, label, QPen());
  curve.failure = addFailureMarkerSeries(qchart, label, fonts.tickLabel.pixelSize() * 1.2);
  // Names let tests and accessibility tools find a trial's series.
  curve.raw->setObjectName(QStringLiteral("raw:%1").arg(index));
  curve.line->setObjectName(QStringLiteral("line:%1").arg(index));
  curve.failure->setObjectName(QStringLiteral("failure:%1").arg(index));
  if (chart != kValidationChart) return;
  for (QLegendMarker* marker : qchart->legend()->markers(curve.line)) {
    QObject::connect(marker, &QLegendMarker::clicked, panel,
                     [this, index] { panel->setTrialShown(index, !panel->isTrialShown(index)); });
    QObject::connect(marker, &QLegendMarker::hovered, panel, [this, index](bool on) {
      const auto it = trials.find(index);
      showLegendTip(on && it != trials.end() ? trialFullLabel(it->second, model) : QString());
    });
  }
}

void CurvePanel::Impl::removeAllSeries() {
  for (QChart* chart : charts) chart->removeAllSeries();
  trials.clear();
  model.clear();
  bands.clear();
  gridLegend.clear();
  for (int chart = 0; chart < 2; ++chart) leavePlot(chart);
  trainingHint->setVisible(false);
}

void CurvePanel::Impl::applyStyle(TrialCurves& trial) {
  if (!trial.hasSeries()) return;
  const bool emphasised = highlighted.contains(trial.display.trial);
  const bool dimmed = !highlighted.isEmpty() && !emphasised;
  const double width = emphasised ? kHighlightedLineWidth : kLineWidth;
  const double alpha = dimmed ? kDimmedAlpha : 1.0;
  QPen line = curvePen(trial.display.color, width, alpha);
  line.setStyle(trial.display.lineStyle);
  for (ChartCurve& curve : trial.charts) {
    curve.line->setPen(line);
    curve.raw->setPen(curvePen(trial.display.color, kRawLineWidth, kRawAlpha * alpha));
  }
}

void CurvePanel::Impl::applyVisibility(TrialCurves& trial) {
  if (!trial.hasSeries()) return;
  const TrialCurveData& data = model.trial(trial.display.trial);
  const bool failed = endsInFailure(data.status);
  // In a band view a repeat's own line gives way to its grid point's band.
  const bool own =
      data.shown && !(repeatView != RepeatView::Lines && bands.covers(trial.display.trial));
  for (int chart = 0; chart < 2; ++chart) {
    ChartCurve& curve = trial.charts[static_cast<size_t>(chart)];
    curve.line->setVisible(own);
    curve.raw->setVisible(own && model.smoothingOf(chart) > 0);
    curve.failure->setVisible(data.shown && failed);
    if (curve.pruned) curve.pruned->setVisible(data.shown && endsPruned(data.status));
  }
}

// Gives the charts the y axis the metric asks for (linear or logarithmic) and listens to its
// range, which a zoom changes.
void CurvePanel::Impl::applyYAxes() {
  for (int chart = 0; chart < 2; ++chart) {
    QChart* qchart = charts[static_cast<size_t>(chart)];
    const bool changing = (logYAxisOf(qchart) != nullptr) != model.logY();
    QAbstractAxis* axis = setLogYAxis(qchart, model.logY(), fonts);
    if (!changing && yConnected[static_cast<size_t>(chart)]) continue;
    yConnected[static_cast<size_t>(chart)] = true;
    const auto changed = [this, chart] { handleRangeChanged(chart); };
    if (auto* linear = qobject_cast<QValueAxis*>(axis))
      QObject::connect(linear, &QValueAxis::rangeChanged, panel, changed);
    else if (auto* log = qobject_cast<QLogValueAxis*>(axis))
      QObject::connect(log, &QLogValueAxis::rangeChanged, panel, changed);
  }
  views[kTrainingChart]->setVisible(!model.singleChart());
}

void CurvePanel::Impl::updateTitles() {
  for (int chart = 0; chart < 2; ++chart) {
    QChart* qchart = charts[static_cast<size_t>(chart)];
    qchart->setTitle(chartTitle(chart, model.metric()));
    xAxisOf(qchart)->setTitleText(xAxisTitle(model.xAxis()));
    valueAxisOf(qchart)->setTitleText(yAxisTitle(model.metric()));
  }
}

int CurvePanel::Impl::bucketsFor(int chart) const {
  // One bucket per two pixels of plot width: up to one point per horizontal pixel. Qt Charts
  // draws a line segment by segment, and the tall min-max segments of a noisy per-step curve
  // are what a frame spends its time on; twice as many would look the same and cost twice.
  const double width = charts[static_cast<size_t>(chart)]->plotArea().width();
  return std::max(100, static_cast<int>(std::ceil(width / 2)));
}

// As many x ticks as fit the plot's width with room for labels such as "12000": a narrow
// chart (a legend beside it, a small window) would otherwise elide them to "1…".
int CurvePanel::Impl::xTickTarget(const QChart* chart) {
  const double width = chart->plotArea().width();
  return width <= 0 ? 7 : std::clamp(static_cast<int>(width / 80), 3, 7);
}

void CurvePanel::Impl::updateAutoRange(int chart) {
  QChart* qchart = charts[static_cast<size_t>(chart)];
  QValueAxis* x = xAxisOf(qchart);
  QValueAxis* y = yAxisOf(qchart);
  const int xTicks = xTickTarget(qchart);
  ChartAxes axes;
  if (streaming && !refit[static_cast<size_t>(chart)] && y) {
    ChartAxes current;
    current.x = axisTicks(x->min(), x->max());
    current.y = axisTicks(y->min(), y->max());
    axes = model.growingAxes(chart, current, xTicks);
  } else {
    axes = model.fittedAxes(chart, xTicks);
  }
  applyingRange = true;
  applyAxisRange(x, axes.x);
  if (QLogValueAxis* log = logYAxisOf(qchart))
    applyLogAxisRange(log, axes.log);
  else if (y)
    applyAxisRange(y, axes.y);
  refit[static_cast<size_t>(chart)] = false;
  applyingRange = false;
}

void CurvePanel::Impl::redraw(TrialCurves& trial, int chart) {
  ChartCurve& curve = trial.charts[static_cast<size_t>(chart)];
  const QValueAxis* axis = xAxisOf(charts[static_cast<size_t>(chart)]);
  const int index = trial.display.trial;
  const int count = buckets[static_cast<size_t>(chart)];
  const double xMin = axis->min(), xMax = axis->max();
  replaceCurvePoints(curve.line, model.linePoints(chart, index, xMin, xMax, count));
  // The faint raw curve behind a smoothed line is a noisy band whose tall segments cost the
  // most to stroke and paint; while points stream it is drawn at half the resolution.
  const int rawCount = streaming ? std::max(50, count / 2) : count;
  curve.raw->replace(model.rawPoints(chart, index, xMin, xMax, rawCount));
  const std::optional<QPointF> marker = model.failureMarker(chart, index);
  curve.failure->replace(marker ? QList<QPointF>{*marker} : QList<QPointF>());
  const std::optional<QPointF> ring = model.prunedMarker(chart, index);
  if (ring && !curve.pruned) {  // made when needed: most trials of most sweeps are never pruned
    QChart* qchart = charts[static_cast<size_t>(chart)];
    curve.pruned =
        addPrunedMarkerSeries(qchart, curve.line->name(), fonts.tickLabel.pixelSize() * 1.1);
    curve.pruned->setObjectName(QStringLiteral("pruned:%1").arg(index));
  }
  if (curve.pruned) curve.pruned->replace(ring ? QList<QPointF>{*ring} : QList<QPointF>());
}

// The timer's refresh: one chart per frame, the other on the next one, so that a frame while
// trials stream costs the repaint of one chart rather than of both.
void CurvePanel::Impl::refresh() {
  refreshTimer.stop();
  const int first = nextChart;
  nextChart = 1 - nextChart;
  if (!refreshChart(first)) refreshChart(1 - first);
  if (model.anyDirty()) schedule();
}

void CurvePanel::Impl::refreshAll() {
  refreshTimer.stop();
  refreshChart(0);
  refreshChart(1);
}

// Redraws the chart's changed curves; false when nothing in it had changed.
bool CurvePanel::Impl::refreshChart(int chart) {
  const int count = bucketsFor(chart);
  if (count != buckets[static_cast<size_t>(chart)]) {
    buckets[static_cast<size_t>(chart)] = count;
    model.markDirty(chart);
  }
  const std::vector<int> changed = model.update(chart);
  if (changed.empty()) return false;
  if (!zoomed[static_cast<size_t>(chart)]) updateAutoRange(chart);
  for (int index : changed) {
    TrialCurves& trial = trialFor(index);
    if (!trial.hasSeries() && model.trial(index).hasSomethingToDraw()) createTrialSeries(trial);
    if (trial.hasSeries()) redraw(trial, chart);
  }
  const QValueAxis* axis = xAxisOf(charts[static_cast<size_t>(chart)]);
  bands.redraw(chart, model, repeatView, axis->min(), axis->max(),
               buckets[static_cast<size_t>(chart)]);
  for (auto& [index, trial] : trials) applyVisibility(trial);
  syncLegend();
  updateTrainingHint();
  updateTracker(chart);  // the point under a resting pointer moved with the data
  return true;
}

// Training points come every log_every_n_steps steps, validation points every epoch: with
// epochs shorter than that interval the validation chart fills while the training chart stays
// empty, which without a word looks like a fault.
void CurvePanel::Impl::updateTrainingHint() {
  const auto trainingSlot = static_cast<size_t>(model.metricSlot(kTrainingChart));
  const auto validationSlot = static_cast<size_t>(model.metricSlot(kValidationChart));
  bool training = false, validation = false;
  for (const auto& [index, data] : model.trials()) {
    training = training || !data.stored[trainingSlot].empty();
    validation = validation || !data.stored[validationSlot].empty();
  }
  trainingHint->setVisible(validation && !training);
}

// A range change we did not make is the user zooming: keep it and redraw for it.
void CurvePanel::Impl::handleRangeChanged(int chart) {
  if (applyingRange) return;
  zoomed[static_cast<size_t>(chart)] = true;
  QChart* qchart = charts[static_cast<size_t>(chart)];
  applyingRange = true;
  for (QValueAxis* axis : {xAxisOf(qchart), yAxisOf(qchart)}) {
    if (axis) applyAxisRange(axis, axisTicks(axis->min(), axis->max()));
  }
  applyingRange = false;
  model.markDirty(chart);
  schedule();
}

}  // namespace sweeplab::ui
