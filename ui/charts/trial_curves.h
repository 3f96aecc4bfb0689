// A trial's series in the two curve charts, its legend entry and hover text: the Qt Charts side
// of a trial, over the figure model's numbers (curve_figure_model.h). Private to the charts
// folder.
#pragma once

#include <QHash>
#include <QString>
#include <array>
#include <functional>
#include <map>

#include "charts/curve_figure_model.h"
#include "charts/curve_panel.h"

class QAbstractSeries;
class QChart;
class QLegend;
class QLegendMarker;
class QLineSeries;
class QScatterSeries;

namespace sweeplab::ui {

// What one chart draws for a trial.
struct ChartCurve {
  QLineSeries* line = nullptr;
  QLineSeries* raw = nullptr;  // faint raw curve behind a smoothed line
  QScatterSeries* failure = nullptr;
  QScatterSeries* pruned = nullptr;  // the ring where a pruned trial stopped
};

struct TrialCurves {
  TrialDisplay display;
  std::array<ChartCurve, 2> charts;  // series null until made (see kEagerSeriesLimit)

  bool hasSeries() const { return charts[0].line != nullptr; }
};

// A legend's entries by series, looked up once per sync: QLegend::markers(series) scans every
// entry, which made a sync of a thousand trials take seconds.
using LegendMarkers = QHash<const QAbstractSeries*, QLegendMarker*>;
LegendMarkers legendMarkers(QLegend* legend);
// Gives the legend beside the plot the width its longest label needs, up to half the chart's
// shown width and as far as the plot's axes and a readable plot allow; longer labels end in an
// ellipsis. Left to itself Qt Charts gives it about a third and cuts longer labels ("#2
// batch_size..."), and a legend wider than the room left pushes past the chart's edge.
void fitLegendPlacement(QChart* chart);

// Only one chart shows a legend, one entry per trial (its line; the raw curve and the failure
// marker have none). An entry stays when its trial is hidden, dimmed, so that it can be clicked
// to bring the trial back; a trial drawn as part of a repeat band has none.
void syncTrialLegend(const LegendMarkers& markers, std::map<int, TrialCurves>& trials,
                     const CurveFigureModel& model, int chart,
                     const std::function<bool(int)>& inBand);

// A trial's legend text: what tells it apart, and "pruned at epoch E" when the pruner stopped it.
QString trialLegendLabel(const TrialCurves& trial, const CurveFigureModel& model);
// Its full label, for the tooltip and the value tracker, with the same ending.
QString trialFullLabel(const TrialCurves& trial, const CurveFigureModel& model);

// The value tracker's label for point `nearest` of a curve: trial, x and y, and the raw value
// under a smoothed line.
QString hoverText(const QString& trialLabel, const CurveData& curve, int nearest,
                  const QString& xTitle, const QString& yTitle);

}  // namespace sweeplab::ui
