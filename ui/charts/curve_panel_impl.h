// The curve panel's state and drawing, shared by the files that implement CurvePanel.
// Private to the charts folder.
#pragma once

#include <QChart>
#include <QCursor>
#include <QLabel>
#include <QLegend>
#include <QLegendMarker>
#include <QLineSeries>
#include <QLogValueAxis>
#include <QScatterSeries>
#include <QTimer>
#include <QToolTip>
#include <QValueAxis>
#include <algorithm>
#include <array>
#include <cmath>
#include <map>
#include <memory>
#include <optional>

#include "charts/chart_style.h"
#include "charts/curve_chart_view.h"
#include "charts/curve_panel.h"
#include "charts/curve_tracker.h"
#include "charts/grid_legend.h"
#include "charts/repeat_bands.h"
#include "charts/trial_curves.h"
#include "charts/trial_palette.h"
#include "charts/trial_styles.h"

namespace sweeplab::ui {
struct CurvePanel::Impl {
  static constexpr int kRefreshIntervalMs = 33;
  // How long the point stream must pause before the charts are drawn antialiased again.
  static constexpr int kSettleIntervalMs = 600;
  static constexpr int kTrainingChart = 0;
  static constexpr int kValidationChart = 1;  // the chart that carries the legend
  // A sweep of more trials than this gets each trial's series when the trial has something to
  // draw, not all when it starts: Qt Charts' bookkeeping for an added series (theme, legend
  // layout) grows with the series already there, and a 1,000-trial sweep's 6,000 series made
  // the window wait 17 s before the first curve. Up to this many, every trial is in the legend
  // from the start.
  static constexpr int kEagerSeriesLimit = 100;

  // Smoothing is for the noisy per-step training curve. Validation values are already averages
  // over the whole split, one per epoch; an average over a few of them would only shift them.
  static bool smoothedChart(int chart) { return chart == kTrainingChart; }

  CurvePanel* panel;
  ChartFonts fonts;
  std::array<QChart*, 2> charts{};
  std::array<CurveChartView*, 2> views{};
  std::map<int, TrialCurves> trials;
  RepeatBandLayer bands;
  TrialStyles styles;  // of the trials given to setTrials
  GridLegend gridLegend;
  std::array<std::unique_ptr<CurveTracker>, 2> trackers;
  std::array<std::optional<QPointF>, 2> pointers;  // over the plot, chart coordinates
  RepeatView repeatView = RepeatView::Lines;
  QLabel* note = nullptr;
  QLabel* trainingHint = nullptr;  // over the training chart while it has nothing to draw
  XAxisKind xKind = XAxisKind::Step;  // shown: the person's choice, else the run's preferred
  std::optional<XAxisKind> chosenX;
  XAxisKind preferredX = XAxisKind::Step;
  MetricKind metric = MetricKind::Accuracy;
  double smoothing = 0;
  bool logScale = false;  // the person's choice; it applies to the loss charts only
  QSet<int> highlighted;
  QTimer refreshTimer;
  QTimer settleTimer;  // fires once points have stopped arriving for a moment
  bool streaming = false;
  int nextChart = 0;  // the chart the timer's next refresh redraws first
  std::array<bool, 2> zoomed{};
  std::array<bool, 2> refit{};
  std::array<bool, 2> yConnected{};  // the y axis's range is listened to  // the next range is
                                     // fitted to the data, even while streaming
  std::array<int, 2> buckets{};
  bool applyingRange = false;

  explicit Impl(CurvePanel* owner) : panel(owner) {}

  void markDirty(int chart) {
    for (auto& [index, trial] : trials) trial.charts[static_cast<size_t>(chart)].dirty = true;
  }
  void markAllDirty() {
    markDirty(0);
    markDirty(1);
  }
  // The x axis, the metric or the smoothing changed: curves are rebuilt from the stored points.
  void markStale(int chart) {
    for (auto& [index, trial] : trials) {
      ChartCurve& curve = trial.charts[static_cast<size_t>(chart)];
      curve.dirty = true;
      curve.stale = true;
    }
  }
  // While points stream in, the charts draw without antialiasing: a frame of five noisy per-step
  // curves then costs about a third less, and the lines move too fast to see the difference.
  // Once the stream pauses they are drawn smooth again, so what stays on screen (and every
  // export, which paints on its own) is antialiased.
  void noteStreaming() {
    settleTimer.start();
    if (streaming) return;
    streaming = true;
    for (CurveChartView* view : views) view->setRenderHint(QPainter::Antialiasing, false);
  }
  void settle() {
    streaming = false;
    for (CurveChartView* view : views) {
      view->setRenderHint(QPainter::Antialiasing, true);
      view->viewport()->update();
    }
    markAllDirty();  // the axes left room to grow while streaming; fit them to the data now
    schedule();
  }

  void schedule() {
    // Not restarted while pending: a steady stream of points must not postpone the redraw.
    if (!refreshTimer.isActive()) refreshTimer.start();
  }

  TrialCurves& trialFor(int index) {
    auto it = trials.find(index);
    if (it != trials.end()) return it->second;
    TrialDisplay display{index, QStringLiteral("trial %1").arg(index), trialColor(index)};
    return addTrial(display);
  }

  // `sync` false leaves the legend to the caller, which adds many trials and syncs once;
  // `withSeries` false leaves the series to the first refresh that has something to draw.
  TrialCurves& addTrial(const TrialDisplay& display, bool sync = true, bool withSeries = true) {
    TrialCurves& trial = trials[display.trial];
    trial.display = display;
    if (!trial.display.color.isValid()) trial.display.color = trialColor(display.trial);
    if (withSeries) createTrialSeries(trial);
    if (sync) syncLegend();
    return trial;
  }

  void createTrialSeries(TrialCurves& trial) {
    for (int c = 0; c < 2; ++c) createSeries(trial.display.trial, trial, c);
    applyStyle(trial);
    applyVisibility(trial);
  }

  static bool hasSomethingToDraw(const TrialCurves& trial) {
    if (endsInFailure(trial.status)) return true;
    for (const auto& stored : trial.stored)
      if (!stored.empty()) return true;
    return false;
  }

  void createSeries(int index, TrialCurves& trial, int chart) {
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
    if (chart == kValidationChart) {
      for (QLegendMarker* marker : qchart->legend()->markers(curve.line)) {
        QObject::connect(marker, &QLegendMarker::clicked, panel, [this, index] {
          panel->setTrialShown(index, !panel->isTrialShown(index));
        });
        const QString full = trial.display.label;
        QObject::connect(marker, &QLegendMarker::hovered, panel,
                         [this, full](bool on) { showLegendTip(on ? full : QString()); });
      }
    }
  }

  void removeAllSeries() {
    for (QChart* chart : charts) chart->removeAllSeries();
    trials.clear();
    bands.clear();
    gridLegend.clear();
    for (int chart = 0; chart < 2; ++chart) leavePlot(chart);
    trainingHint->setVisible(false);
  }

  void applyStyle(TrialCurves& trial) {
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

  void applyVisibility(TrialCurves& trial) {
    if (!trial.hasSeries()) return;
    const bool failed = endsInFailure(trial.status);
    // In a band view a repeat's own line gives way to its grid point's band.
    const bool own =
        trial.shown && !(repeatView != RepeatView::Lines && bands.covers(trial.display.trial));
    for (int chart = 0; chart < 2; ++chart) {
      ChartCurve& curve = trial.charts[static_cast<size_t>(chart)];
      curve.line->setVisible(own);
      curve.raw->setVisible(own && smoothing > 0 && smoothedChart(chart));
      curve.failure->setVisible(trial.shown && failed);
    }
  }

  // The legend (curve_panel_legend.cpp): a trial's entry, or a grid's entries per key value.
  void syncLegend();
  void connectGridLegend();
  void showLegendTip(const QString& text);

  int bucketsFor(int chart) const {
    // One bucket per two pixels of plot width: up to one point per horizontal pixel. Qt Charts
    // draws a line segment by segment, and the tall min-max segments of a noisy per-step curve
    // are what a frame spends its time on; twice as many would look the same and cost twice.
    const double width = charts[static_cast<size_t>(chart)]->plotArea().width();
    return std::max(100, static_cast<int>(std::ceil(width / 2)));
  }

  void rebuildPoints(TrialCurves& trial, int chart) {
    const auto slot = static_cast<size_t>(curveMetricSlot(chart, metric));
    trial.charts[static_cast<size_t>(chart)].update(trial.stored[slot], xKind,
                                                    smoothedChart(chart) ? smoothing : 0);
  }

  // As many x ticks as fit the plot's width with room for labels such as "12000": a narrow
  // chart (a legend beside it, a small window) would otherwise elide them to "1…".
  static int xTickTarget(const QChart* chart) {
    const double width = chart->plotArea().width();
    return width <= 0 ? 7 : std::clamp(static_cast<int>(width / 80), 3, 7);
  }

  bool logY() const { return logScale && metric == MetricKind::Loss; }
  // The learning rate needs one chart: the training one gives way, and the validation chart,
  // which carries the legend, shows it.
  bool singleChart() const { return metric == MetricKind::LearningRate; }

  // Gives the charts the y axis the metric asks for (linear or logarithmic) and listens to its
  // range, which a zoom changes.
  void applyYAxes() {
    for (int chart = 0; chart < 2; ++chart) {
      QChart* qchart = charts[static_cast<size_t>(chart)];
      const bool changing = (logYAxisOf(qchart) != nullptr) != logY();
      QAbstractAxis* axis = setLogYAxis(qchart, logY(), fonts);
      if (!changing && yConnected[static_cast<size_t>(chart)]) continue;
      yConnected[static_cast<size_t>(chart)] = true;
      const auto changed = [this, chart] { handleRangeChanged(chart); };
      if (auto* linear = qobject_cast<QValueAxis*>(axis))
        QObject::connect(linear, &QValueAxis::rangeChanged, panel, changed);
      else if (auto* log = qobject_cast<QLogValueAxis*>(axis))
        QObject::connect(log, &QLogValueAxis::rangeChanged, panel, changed);
    }
    views[kTrainingChart]->setVisible(!singleChart());
  }

  void updateAutoRange(int chart) {
    DataExtent data;
    for (const auto& [index, trial] : trials) {
      if (trial.shown) data.include(trial.charts[static_cast<size_t>(chart)].extent);
    }
    QChart* qchart = charts[static_cast<size_t>(chart)];
    QValueAxis* x = xAxisOf(qchart);
    QValueAxis* y = yAxisOf(qchart);
    const bool accuracy = metric == MetricKind::Accuracy;
    const int xTicks = xTickTarget(qchart);
    applyingRange = true;
    if (QLogValueAxis* log = logYAxisOf(qchart)) {
      // Decades (or powers of two) just outside the data; the log axis has no streaming room.
      applyAxisRange(x, niceAxisRange(data.xMin, data.xMax, false, !(data.xMin < 0), xTicks));
      applyLogAxisRange(log, logAxisRange(data.yMin, data.yMax));
      refit[static_cast<size_t>(chart)] = false;
      applyingRange = false;
      return;
    }
    if (streaming && !refit[static_cast<size_t>(chart)]) {
      applyAxisRange(x, growingAxisRange(x->min(), x->max(), data.xMin, data.xMax, false,
                                         !(data.xMin < 0), xTicks));
      applyAxisRange(y, growingAxisRange(y->min(), y->max(), data.yMin, data.yMax, accuracy,
                                         !(data.yMin < 0)));
    } else {
      applyAxisRange(x, niceAxisRange(data.xMin, data.xMax, false, !(data.xMin < 0), xTicks));
      applyAxisRange(y, niceAxisRange(data.yMin, data.yMax, accuracy, !(data.yMin < 0)));
    }
    refit[static_cast<size_t>(chart)] = false;
    applyingRange = false;
  }

  void redraw(TrialCurves& trial, int chart) {
    ChartCurve& curve = trial.charts[static_cast<size_t>(chart)];
    QValueAxis* axis = xAxisOf(charts[static_cast<size_t>(chart)]);
    const int count = buckets[static_cast<size_t>(chart)];
    const double xMin = axis->min(), xMax = axis->max();
    replaceCurvePoints(curve.line, decimateMinMax(curve.drawn(), xMin, xMax, count));
    // The faint raw curve behind a smoothed line is a noisy band whose tall segments cost the
    // most to stroke and paint; while points stream it is drawn at half the resolution.
    const int rawCount = streaming ? std::max(50, count / 2) : count;
    curve.raw->replace(curve.smoothed.empty() ? QList<QPointF>()
                                              : decimateMinMax(curve.points, xMin, xMax, rawCount));
    const bool marker = endsInFailure(trial.status) && !curve.drawn().empty();
    curve.failure->replace(marker ? QList<QPointF>{curve.drawn().back()} : QList<QPointF>());
  }

  // The timer's refresh: one chart per frame, the other on the next one, so that a frame while
  // trials stream costs the repaint of one chart rather than of both.
  void refresh() {
    refreshTimer.stop();
    const int first = nextChart;
    nextChart = 1 - nextChart;
    if (!refreshChart(first)) refreshChart(1 - first);
    if (anyDirty()) schedule();
  }

  void refreshAll() {
    refreshTimer.stop();
    refreshChart(0);
    refreshChart(1);
  }

  bool anyDirty() const {
    for (const auto& [index, trial] : trials)
      for (const ChartCurve& curve : trial.charts)
        if (curve.dirty) return true;
    return false;
  }

  // Redraws the chart's changed curves; false when nothing in it had changed.
  bool refreshChart(int chart) {
    const int count = bucketsFor(chart);
    if (count != buckets[static_cast<size_t>(chart)]) {
      buckets[static_cast<size_t>(chart)] = count;
      markDirty(chart);
    }
    bool dirty = false;
    for (auto& [index, trial] : trials) {
      if (!trial.charts[static_cast<size_t>(chart)].dirty) continue;
      rebuildPoints(trial, chart);
      dirty = true;
    }
    if (!dirty) return false;
    if (!zoomed[static_cast<size_t>(chart)]) updateAutoRange(chart);
    for (auto& [index, trial] : trials) {
      ChartCurve& curve = trial.charts[static_cast<size_t>(chart)];
      if (!curve.dirty) continue;
      if (!trial.hasSeries() && hasSomethingToDraw(trial)) createTrialSeries(trial);
      if (trial.hasSeries()) redraw(trial, chart);
      curve.dirty = false;
    }
    QValueAxis* axis = xAxisOf(charts[static_cast<size_t>(chart)]);
    bands.redraw(chart, trials, repeatView, axis->min(), axis->max(),
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
  void updateTrainingHint() {
    const auto trainingSlot = static_cast<size_t>(curveMetricSlot(kTrainingChart, metric));
    const auto validationSlot = static_cast<size_t>(curveMetricSlot(kValidationChart, metric));
    bool training = false, validation = false;
    for (const auto& [index, trial] : trials) {
      training = training || !trial.stored[trainingSlot].empty();
      validation = validation || !trial.stored[validationSlot].empty();
    }
    trainingHint->setVisible(validation && !training);
  }

  // A range change we did not make is the user zooming: keep it and redraw for it.
  void handleRangeChanged(int chart) {
    if (applyingRange) return;
    zoomed[static_cast<size_t>(chart)] = true;
    QChart* qchart = charts[static_cast<size_t>(chart)];
    applyingRange = true;
    for (QValueAxis* axis : {xAxisOf(qchart), yAxisOf(qchart)}) {
      if (axis) applyAxisRange(axis, axisTicks(axis->min(), axis->max()));
    }
    applyingRange = false;
    markDirty(chart);
    schedule();
  }

  // The value tracker (curve_panel_tracking.cpp).
  void trackPointer(int chart, const QPointF& viewPosition);
  void updateTracker(int chart);
  void leavePlot(int chart);
  PlotMapping plotMapping(int chart) const;

  void updateTitles() {
    for (int chart = 0; chart < 2; ++chart) {
      QChart* qchart = charts[static_cast<size_t>(chart)];
      qchart->setTitle(chartTitle(chart, metric));
      xAxisOf(qchart)->setTitleText(xAxisTitle(xKind));
      valueAxisOf(qchart)->setTitleText(yAxisTitle(metric));
    }
  }
};

}  // namespace sweeplab::ui
