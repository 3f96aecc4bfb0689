// Two live charts side by side (training and validation metric), one line per trial.
// The only place that talks to Qt Charts, so a later move to Qt Graphs touches this folder only.
#pragma once

#include <QColor>
#include <QSet>
#include <QString>
#include <QWidget>
#include <memory>
#include <vector>

#include "charts/curve_kinds.h"
#include "charts/figure_data.h"
#include "sweeplab/metrics.h"

namespace sweeplab::ui {

struct TrialDisplay {
  int trial = 0;  // trial index in the sweep
  QString label;  // legend text, e.g. "batch_size=256"
  QColor color;   // same colour in both charts and in the trials table
  // Seed repeats of one grid point share a group (-1: none) and can be drawn as one band,
  // named by groupLabel ("batch_size=256" without the seed).
  int group = -1;
  QString groupLabel;
  // Solid, or in a grid of two swept keys the dash of the second key's value (set by
  // setTrials from the labels).
  Qt::PenStyle lineStyle = Qt::SolidLine;
};

class CurvePanel : public QWidget {
  Q_OBJECT
 public:
  explicit CurvePanel(QWidget* parent = nullptr);
  ~CurvePanel() override;

  // Replaces all trials (and their data) by these.
  void setTrials(const std::vector<TrialDisplay>& trials);
  // Keeps every raw point; the display refreshes at most ~30 times a second.
  void appendPoints(int trial, const std::vector<sweeplab::MetricPoint>& points);
  // A trial's new label (a tpe trial's suggested values in place of its placeholder): its
  // legend entry, tooltip, value tracker and exported figures say it from now on.
  void setTrialLabel(int trial, const QString& label);
  // A diverged or failed trial's line ends with a marker.
  void setTrialStatus(int trial, sweeplab::TrialStatus status);
  void highlightTrials(const QSet<int>& trials);  // empty: no highlight
  void clear();

  // The person's choice of x axis: it holds for every run shown from now on.
  void setXAxis(XAxisKind kind);
  // The x axis the run shown reads best on (preferredXAxis of its swept keys); shown while the
  // person has not chosen one.
  void setPreferredXAxis(XAxisKind kind);
  XAxisKind xAxis() const;
  void setMetric(MetricKind kind);
  void setSmoothing(double weight);  // 0 (raw) .. 0.99
  // A logarithmic y axis for the loss charts; accuracy and the learning rate stay linear.
  void setLogScale(bool on);
  bool logScale() const;
  void setRepeatView(RepeatView view);
  RepeatView repeatView() const;
  bool hasRepeatBands() const;  // some grid point has two or more repeats
  // A line above the charts (the comparison guard's list of differences); hidden when empty.
  void setNote(const QString& text);
  QString note() const;

  // Points held for a trial in the given chart (0 train, 1 validation), for tests.
  int pointCount(int chart, int trial) const;
  int seriesCount(int chart) const;

  // Points currently drawn for a trial's line (after decimation), for tests.
  int displayedPointCount(int chart, int trial) const;
  // A trial hidden from the legend is drawn in neither chart.
  bool isTrialShown(int trial) const;
  void setTrialShown(int trial, bool shown);
  void resetZoom();
  // What the value tracker over a chart says (trial, x, y), empty while it is hidden; for tests.
  QString trackerText(int chart) const;
  // Draws pending points now instead of at the next frame.
  void refreshNow();
  // What the charts show (shown trials, current metric, x axis and smoothing) for export.
  FigureData figureData() const;

 Q_SIGNALS:
  void trialShownChanged(int trial, bool shown);
  // The x axis shown changed, by a choice or by the run's preferred axis.
  void xAxisChanged(sweeplab::ui::XAxisKind kind);
  void repeatBandsAvailable(bool available);

 private:
  void showXAxis(XAxisKind kind);

  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace sweeplab::ui
