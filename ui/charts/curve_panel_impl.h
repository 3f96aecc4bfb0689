// The curve panel's Qt Charts side: the charts, the series of each trial, zoom, legend and
// tracker, drawn from the figure model (curve_figure_model.h) that holds every number.
// Private to the charts folder; the functions are in curve_panel_drawing.cpp,
// curve_panel_legend.cpp and curve_panel_tracking.cpp.
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
#include <array>
#include <map>
#include <memory>
#include <optional>

#include "charts/chart_style.h"
#include "charts/curve_chart_view.h"
#include "charts/curve_figure_model.h"
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
  static constexpr int kTrainingChart = CurveFigureModel::kTrainingChart;
  static constexpr int kValidationChart = CurveFigureModel::kValidationChart;  // has the legend
  // A sweep of more trials than this gets each trial's series when the trial has something to
  // draw, not all when it starts: Qt Charts' bookkeeping for an added series (theme, legend
  // layout) grows with the series already there, and a 1,000-trial sweep's 6,000 series made
  // the window wait 17 s before the first curve. Up to this many, every trial is in the legend
  // from the start.
  static constexpr int kEagerSeriesLimit = 100;

  CurvePanel* panel;
  CurveFigureModel model;  // every number the charts show
  ChartFonts fonts;
  std::array<QChart*, 2> charts{};
  std::array<CurveChartView*, 2> views{};
  std::map<int, TrialCurves> trials;  // display and series, beside the model's trials
  RepeatBandLayer bands;
  TrialStyles styles;  // of the trials given to setTrials
  GridLegend gridLegend;
  std::array<std::unique_ptr<CurveTracker>, 2> trackers;
  std::array<std::optional<QPointF>, 2> pointers;  // over the plot, chart coordinates
  RepeatView repeatView = RepeatView::Lines;
  QLabel* note = nullptr;
  QLabel* trainingHint = nullptr;    // over the training chart while it has nothing to draw
  std::optional<XAxisKind> chosenX;  // the person's choice; without one, the run's preferred
  XAxisKind preferredX = XAxisKind::Step;
  QSet<int> highlighted;
  QTimer refreshTimer;
  QTimer settleTimer;  // fires once points have stopped arriving for a moment
  bool streaming = false;
  int nextChart = 0;  // the chart the timer's next refresh redraws first
  std::array<bool, 2> zoomed{};
  std::array<bool, 2> refit{};       // the next range is fitted to the data, even while streaming
  std::array<bool, 2> yConnected{};  // the y axis's range is listened to
  std::array<int, 2> buckets{};
  bool applyingRange = false;

  explicit Impl(CurvePanel* owner) : panel(owner) {}

  bool isShown(int trial) const {
    const TrialCurveData* data = model.find(trial);
    return data && data->shown;
  }

  // While points stream in, the charts draw without antialiasing: a frame of five noisy per-step
  // curves then costs about a third less, and the lines move too fast to see the difference.
  // Once the stream pauses they are drawn smooth again, so what stays on screen (and every
  // export, which paints on its own) is antialiased.
  void noteStreaming();
  void settle();
  void schedule() {
    // Not restarted while pending: a steady stream of points must not postpone the redraw.
    if (!refreshTimer.isActive()) refreshTimer.start();
  }

  // Series and styles (curve_panel_drawing.cpp). `sync` false leaves the legend to the caller,
  // which adds many trials and syncs once; `withSeries` false leaves the series to the first
  // refresh that has something to draw.
  TrialCurves& trialFor(int index);
  TrialCurves& addTrial(const TrialDisplay& display, bool sync = true, bool withSeries = true);
  void createTrialSeries(TrialCurves& trial);
  void createSeries(int index, TrialCurves& trial, int chart);
  void removeAllSeries();
  void applyStyle(TrialCurves& trial);
  void applyVisibility(TrialCurves& trial);
  void applyYAxes();
  void updateTitles();

  // Drawing (curve_panel_drawing.cpp).
  int bucketsFor(int chart) const;
  static int xTickTarget(const QChart* chart);
  void updateAutoRange(int chart);
  void redraw(TrialCurves& trial, int chart);
  void refresh();
  void refreshAll();
  bool refreshChart(int chart);
  void updateTrainingHint();
  void handleRangeChanged(int chart);

  // The legend (curve_panel_legend.cpp): a trial's entry, or a grid's entries per key value.
  void syncLegend();
  void connectGridLegend();
  void showLegendTip(const QString& text);

  // The value tracker (curve_panel_tracking.cpp).
  void trackPointer(int chart, const QPointF& viewPosition);
  void updateTracker(int chart);
  void leavePlot(int chart);
  PlotMapping plotMapping(int chart) const;
};

}  // namespace sweeplab::ui
