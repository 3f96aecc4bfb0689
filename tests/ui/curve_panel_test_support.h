// Points and views the curve panel's tests share.
#pragma once

#include <QChart>
#include <QChartView>
#include <QLegend>
#include <QLegendMarker>
#include <QLineSeries>
#include <QStringList>
#include <vector>

#include "charts/curve_panel.h"
#include "sweeplab/metrics.h"

namespace sweeplab::ui::test {

// Training accuracy at steps from..from+count-1, scattered around `value`.
inline std::vector<MetricPoint> trainSteps(long long from, long long count, double value = 0.5) {
  std::vector<MetricPoint> points;
  for (long long step = from; step < from + count; ++step) {
    const double noisy = value + 0.1 * ((step * 7919) % 13 - 6) / 6.0;
    points.push_back({metric::kTrainAccStep, step, step / 1000.0, step * 32, step * 0.01, noisy});
  }
  return points;
}

// Validation accuracy at epochs 1..epochs, rising by 0.03 from `start` + 0.03.
inline std::vector<MetricPoint> valEpochs(int epochs, double start = 0.4) {
  std::vector<MetricPoint> points;
  for (int epoch = 1; epoch <= epochs; ++epoch) {
    points.push_back({metric::kValAccEpoch, epoch * 1000LL, double(epoch), epoch * 32000LL,
                      epoch * 10.0, start + 0.03 * epoch});
  }
  return points;
}

// The validation chart's view: the one with the legend.
inline QChartView* validationView(const CurvePanel& panel) {
  return panel.findChild<QChartView*>(QStringLiteral("validationChart"));
}

// The training chart (0) or the validation chart (1).
inline QChart* chartOf(const CurvePanel& panel, int index) {
  const char* name = index == 0 ? "trainingChart" : "validationChart";
  return panel.findChild<QChartView*>(QString::fromLatin1(name))->chart();
}

// A chart's series of one kind by its object name ("line:3", "pruned:3").
template <typename Series>
Series* seriesOf(const CurvePanel& panel, int chartIndex, const QString& name) {
  for (QAbstractSeries* s : chartOf(panel, chartIndex)->series())
    if (s->objectName() == name) return qobject_cast<Series*>(s);
  return nullptr;
}

inline QLineSeries* lineOf(const CurvePanel& panel, int chartIndex, int trial) {
  return seriesOf<QLineSeries>(panel, chartIndex, QStringLiteral("line:%1").arg(trial));
}

// The labels of the validation chart's visible legend entries, sorted. Qt Charts may settle
// the legend's layout after the call that changed it, so tests wait on this with QTRY_*.
inline QStringList visibleLegendEntries(const CurvePanel& panel) {
  QStringList entries;
  for (QLegendMarker* marker : chartOf(panel, 1)->legend()->markers())
    if (marker->isVisible()) entries << marker->label();
  entries.sort();
  return entries;
}

}  // namespace sweeplab::ui::test
