// Points and views the curve panel's tests share.
#pragma once

#include <QChartView>
#include <vector>

#include "charts/curve_panel.h"
#include "sweeplab/metrics.h"

namespace sweeplab::ui::test {

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

}  // namespace sweeplab::ui::test
