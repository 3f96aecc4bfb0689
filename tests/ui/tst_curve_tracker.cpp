// Hovering the curves: a tracker on the point nearest to the pointer (on screen) names the
// trial, x and y, stays while the pointer rests, follows it along a line, and goes when the
// pointer leaves the plot.
#include <QChart>
#include <QChartView>
#include <QLineSeries>
#include <QtTest>

#include "charts/curve_panel.h"
#include "charts/curve_tracker.h"
#include "curve_panel_test_support.h"
#include "ui_test_support.h"

using namespace sweeplab::ui;
using sweeplab::MetricPoint;

namespace {

// Validation accuracy per epoch: trial 0 rises from 0.40, trial 1 sits higher.
std::vector<MetricPoint> valEpochs(double start) {
  std::vector<MetricPoint> points;
  for (int epoch = 1; epoch <= 10; ++epoch)
    points.push_back({sweeplab::metric::kValAccEpoch, epoch * 100LL, double(epoch), epoch * 3200LL,
                      epoch * 1.0, start + 0.02 * epoch});
  return points;
}

}  // namespace

class tst_curve_tracker : public QObject {
  Q_OBJECT

  std::unique_ptr<CurvePanel> panel_;

  QChartView* view() const { return sweeplab::ui::test::validationView(*panel_); }

  // Where a value of the validation chart lies in its view's viewport.
  QPoint onScreen(const QPointF& value) const {
    QChart* chart = view()->chart();
    QAbstractSeries* series = chart->series().first();
    return view()->mapFromScene(chart->mapToScene(chart->mapToPosition(value, series)));
  }

 private Q_SLOTS:
  void init() {
    panel_ = std::make_unique<CurvePanel>();
    panel_->resize(1200, 450);
    panel_->show();
    QVERIFY(QTest::qWaitForWindowExposed(panel_.get()));
    panel_->setTrials({{0, "batch_size=64", QColor()}, {1, "batch_size=256", QColor()}});
    panel_->appendPoints(0, valEpochs(0.40));
    panel_->appendPoints(1, valEpochs(0.60));
    panel_->refreshNow();
    // The legend lays its entries out later, and once points stop coming the axes are fitted
    // tightly: positions on screen hold from then on.
    QTest::qWait(800);
  }
  void cleanup() { panel_.reset(); }

  void showsTheNearestPointAndStays() {
    // A little off trial 1's point at step 400 (0.68), nowhere near trial 0's line.
    const QPoint near = onScreen({410, 0.675});
    QTest::mouseMove(view()->viewport(), near);
    QTRY_VERIFY(!panel_->trackerText(1).isEmpty());
    const QString text = panel_->trackerText(1);
    QVERIFY2(text.contains(QStringLiteral("batch_size=256")), qPrintable(text));
    QVERIFY2(text.contains(QStringLiteral("Step: 400")), qPrintable(text));
    QVERIFY2(text.contains(QStringLiteral("0.6800")), qPrintable(text));
    test::saveScreenshot(panel_.get(), QStringLiteral("curve-tracker"));
    QTest::qWait(1500);  // no movement: the tracker stays, with the same values
    QCOMPARE(panel_->trackerText(1), text);
    QVERIFY(panel_->trackerText(0).isEmpty());  // the other chart has none
  }

  // Moving along a line keeps the tracker on it, point by point.
  void followsThePointerAlongALine() {
    for (int epoch = 2; epoch <= 8; epoch += 2) {
      QTest::mouseMove(view()->viewport(), onScreen({epoch * 100.0, 0.40 + 0.02 * epoch}));
      const QString text = panel_->trackerText(1);
      QVERIFY2(text.contains(QStringLiteral("batch_size=64")), qPrintable(text));
      QVERIFY2(text.contains(QStringLiteral("Step: %1").arg(epoch * 100)), qPrintable(text));
    }
  }

  void goesWhenThePointerLeavesThePlot() {
    QTest::mouseMove(view()->viewport(), onScreen({500, 0.5}));
    QVERIFY(!panel_->trackerText(1).isEmpty());
    QTest::mouseMove(view()->viewport(), QPoint(2, 2));  // the chart's margin, outside the plot
    QVERIFY(panel_->trackerText(1).isEmpty());
    QTest::mouseMove(view()->viewport(), onScreen({500, 0.5}));
    QVERIFY(!panel_->trackerText(1).isEmpty());
    QEvent leave(QEvent::Leave);
    QCoreApplication::sendEvent(view(), &leave);
    QVERIFY(panel_->trackerText(1).isEmpty());
  }

  // Nearest on screen, not in x alone: a point slightly farther in x but much closer in y wins.
  void nearestIsMeasuredOnScreen() {
    const std::vector<QPointF> low{{0, 0}, {1, 0}, {2, 0}};
    const std::vector<QPointF> high{{0.8, 1}, {1.8, 1}};
    const PlotMapping mapping{QRectF(0, 0, 200, 100), 0, 2, 0, 1, false};
    const NearestPoint nearest = nearestOnScreen({&low, &high}, mapping, QPointF(100, 5));
    QCOMPARE(nearest.curve, 1);
    QCOMPARE(nearest.index, 0);
    QVERIFY(nearestOnScreen({}, mapping, QPointF(100, 5)).curve < 0);
  }

  // On a log axis (loss) positions follow the logarithm: 1 lies halfway between 0.1 and 10.
  void aLogAxisMapsByTheLogarithm() {
    const PlotMapping mapping{QRectF(0, 0, 100, 100), 0, 10, 0.1, 10, true};
    QCOMPARE(mapping.toChart({5, 1}), QPointF(50, 50));
    const std::vector<QPointF> loss{{2, 0.2}, {5, 1}, {8, 5}};
    QCOMPARE(nearestOnScreen({&loss}, mapping, QPointF(52, 48)).index, 1);
  }
};

QTEST_MAIN(tst_curve_tracker)
#include "tst_curve_tracker.moc"
