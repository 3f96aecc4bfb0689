// Seed repeats drawn as one curve per grid point: the mean of the repeats' curves with a
// shaded band (±1 standard deviation, or the minimum and maximum) around it.
// Private to the charts folder.
#pragma once

#include <QColor>
#include <QLegend>
#include <QPointF>
#include <QString>
#include <array>
#include <map>
#include <memory>
#include <set>
#include <vector>

#include "charts/trial_curves.h"

class QAreaSeries;
class QChart;
class QLineSeries;

namespace sweeplab::ui {

struct BandCurve {
  std::vector<QPointF> mean, lower, upper;  // same x in all three
};

// The band over curves (each x ascending) at the x of `grid` within [xMin, xMax]: the x values
// of all curves when they are few, else `gridPoints` evenly spaced ones. A curve counts at an x
// inside its own x range, linearly interpolated; the band is empty where no curve reaches.
BandCurve repeatBand(const std::vector<const std::vector<QPointF>*>& curves, RepeatView view,
                     double xMin, double xMax, int gridPoints);

// One grid point's series in a chart: a mean line over a translucent area.
struct BandSeries {
  QLineSeries* mean = nullptr;
  QLineSeries* lower = nullptr;  // owned by the chart through `area`
  QLineSeries* upper = nullptr;
  QAreaSeries* area = nullptr;
};

// Series names "mean:<group>" and "band:<group>" let tests find them.
BandSeries addBandSeries(QChart* chart, int group, const QString& label, const QColor& color);
void showBand(BandSeries& series, const BandCurve& band, bool visible);

// The bands of every grid point that has two or more repeats, in both charts. In a band view
// those trials' own lines give way to the band; trials without repeats keep their lines.
class RepeatBandLayer {
 public:
  // Creates the series for the groups of these trials (TrialDisplay::group); call after the
  // charts' other series were created, so bands lie on top.
  void setTrials(const std::array<QChart*, 2>& charts, const std::vector<TrialDisplay>& trials);
  void clear();  // the charts' series are being removed

  bool hasBands() const { return !groups_.empty(); }
  bool covers(int trial) const;  // the trial belongs to a band
  void redraw(int chart, const CurveFigureModel& model, RepeatView view, double xMin, double xMax,
              int gridPoints);
  // In a band view the legend names the bands, not their trials.
  void syncLegend(const LegendMarkers& markers, int chart, RepeatView view);

 private:
  struct Group {
    std::vector<int> trials;
    std::array<BandSeries, 2> series;
  };
  std::map<int, Group> groups_;
  std::set<int> covered_;  // trials of all groups
};

}  // namespace sweeplab::ui
