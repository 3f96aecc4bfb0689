// The figure model under the curves, checked by its numbers alone (no chart, no window): which
// points each chart keeps, the smoothing of the training curve only, the x axis choice, the
// axis ranges of the shown trials (linear, growing while streaming, logarithmic for losses),
// decimation and the failure marker.
#include <QtTest>
#include <cmath>

#include "charts/curve_figure_model.h"

using namespace sweeplab::ui;
using sweeplab::MetricPoint;

namespace {

namespace m = sweeplab::metric;

// `count` training steps (accuracy around `level`, loss falling) and one validation point per
// 100 steps; 50 steps make an epoch, each step sees 64 samples.
std::vector<MetricPoint> run(int count, double level) {
  std::vector<MetricPoint> points;
  for (int step = 1; step <= count; ++step) {
    const double epoch = step / 50.0;
    const double noisy = level + 0.05 * std::sin(step * 1.7);
    points.push_back({m::kTrainAccStep, step, epoch, step * 64LL, step * 0.02, noisy});
    points.push_back({m::kTrainLossStep, step, epoch, step * 64LL, step * 0.02, 2.0 / step});
    if (step % 100 == 0) {
      points.push_back({m::kValAccEpoch, step, epoch, step * 64LL, step * 0.02, level});
      points.push_back({m::kValLossEpoch, step, epoch, step * 64LL, step * 0.02, 1.0 / step});
    }
  }
  return points;
}

std::vector<double> ys(const std::vector<QPointF>& points) {
  std::vector<double> values;
  for (const QPointF& p : points) values.push_back(p.y());
  return values;
}

}  // namespace

class tst_curve_figure_model : public QObject {
  Q_OBJECT

 private Q_SLOTS:
  void keepsTheShownMetricPerChart() {
    CurveFigureModel model;
    model.append(3, run(300, 0.6));
    model.append(3, {{"epoch_time", 1, 1, 64, 1, 9}});  // not drawn, not kept
    QCOMPARE(model.update(0), std::vector<int>{3});
    QCOMPARE(model.update(1), std::vector<int>{3});
    QVERIFY(model.update(0).empty());  // nothing changed since
    const TrialCurveData& data = *model.find(3);
    QCOMPARE(data.charts[0].points.size(), size_t(300));
    QCOMPARE(data.charts[1].points.size(), size_t(3));
    QCOMPARE(data.charts[1].points.back(), QPointF(300, 0.6));
    // Only the chart whose metric got points is dirty again.
    model.append(3, {{m::kValAccEpoch, 400, 8, 25600, 8, 0.7}});
    QVERIFY(model.update(0).empty());
    QCOMPARE(model.update(1), std::vector<int>{3});
    QCOMPARE(model.find(3)->charts[1].points.size(), size_t(4));
  }

  // TensorBoard's debiased moving average on the training curve; the validation curve (one
  // mean per epoch) stays raw, and the raw training points stay behind the smoothed line.
  void smoothsTheTrainingCurveOnly() {
    CurveFigureModel model;
    model.append(0, run(200, 0.5));
    model.setSmoothing(kDefaultSmoothing);
    model.update(0);
    model.update(1);
    const CurveData& training = model.find(0)->charts[0];
    const std::vector<double> expected = smoothDebiasedEma(ys(training.points), 0.6);
    QCOMPARE(ys(training.smoothed), expected);
    QCOMPARE(training.smoothed.front().y(), training.points.front().y());  // debiased start
    QVERIFY(model.find(0)->charts[1].smoothed.empty());
    QCOMPARE(model.smoothingOf(1), 0.0);
    const QList<QPointF> line = model.linePoints(0, 0, 0, 200, 1000);
    QCOMPARE(line.size(), 200);
    QCOMPARE(line.back().y(), expected.back());
    QCOMPARE(model.rawPoints(0, 0, 0, 200, 1000).back().y(), training.points.back().y());

    model.setSmoothing(0);
    model.update(0);
    QVERIFY(model.rawPoints(0, 0, 0, 200, 1000).isEmpty());
    QCOMPARE(model.linePoints(0, 0, 0, 200, 1000).back().y(), training.points.back().y());
  }

  void xAxisChoiceRebuildsTheCurves_data() {
    QTest::addColumn<int>("axis");
    QTest::addColumn<double>("firstX");
    QTest::addColumn<double>("lastX");
    QTest::newRow("step") << int(XAxisKind::Step) << 1.0 << 250.0;
    QTest::newRow("epoch") << int(XAxisKind::Epoch) << 0.02 << 5.0;
    QTest::newRow("samples") << int(XAxisKind::SamplesSeen) << 64.0 << 16000.0;
    QTest::newRow("wall time") << int(XAxisKind::WallTime) << 0.02 << 5.0;
  }
  void xAxisChoiceRebuildsTheCurves() {
    QFETCH(int, axis);
    QFETCH(double, firstX);
    QFETCH(double, lastX);
    CurveFigureModel model;
    model.append(0, run(250, 0.5));
    model.update(0);
    model.setXAxis(static_cast<XAxisKind>(axis));
    // A new axis makes the curve stale; Step, the axis it had, changes nothing.
    QCOMPARE(model.update(0).size(), size_t(axis == int(XAxisKind::Step) ? 0 : 1));
    QCOMPARE(model.find(0)->charts[0].points.front().x(), firstX);
    QCOMPARE(model.find(0)->charts[0].points.back().x(), lastX);
    QCOMPARE(model.figurePoints(0, 0).back().x(), lastX);
    const AxisRange expected = niceAxisRange(firstX, lastX, false, true, 7);
    QCOMPARE(model.fittedAxes(0, 7).x.min, expected.min);
    QCOMPARE(model.fittedAxes(0, 7).x.max, expected.max);
  }

  // The ranges cover the shown trials only, accuracy within [0, 1].
  void fittedAxesFollowTheShownTrials() {
    CurveFigureModel model;
    model.append(0, run(100, 0.3));
    model.append(1, run(400, 0.8));
    model.update(0);
    ChartAxes both = model.fittedAxes(0, 6);
    QVERIFY(both.x.max >= 400 && both.x.min <= 1);
    QCOMPARE(both.y.min, 0.0);
    QCOMPARE(both.y.max, 1.0);  // 0.25 .. 0.85 spans more than half: all of [0, 1]
    QVERIFY(model.setShown(1, false));
    QVERIFY(!model.setShown(1, false));  // already hidden
    model.update(0);
    const DataExtent first = model.shownExtent(0);
    QCOMPARE(first.xMax, 100.0);
    const ChartAxes alone = model.fittedAxes(0, 6);
    QCOMPARE(alone.x.max, niceAxisRange(1, 100, false, true, 6).max);
    const AxisRange y = niceAxisRange(first.yMin, first.yMax, true, true);
    QCOMPARE(alone.y.min, y.min);
    QCOMPARE(alone.y.max, y.max);
    QVERIFY(alone.y.min <= first.yMin && alone.y.max >= first.yMax);
  }

  // While points stream, a range the data still fits in is kept; outgrown, it grows with room.
  void growingAxesKeepARangeTheDataFits() {
    CurveFigureModel model;
    model.append(0, run(100, 0.5));
    model.update(0);
    ChartAxes current;
    current.x = axisTicks(0, 200);
    current.y = axisTicks(0, 1);
    ChartAxes kept = model.growingAxes(0, current, 6);
    QCOMPARE(kept.x.max, 200.0);
    model.append(0, run(300, 0.5));  // steps 1..300 again: x now reaches 300
    model.update(0);
    const ChartAxes grown = model.growingAxes(0, current, 6);
    QVERIFY2(grown.x.max > 300, qPrintable(QString::number(grown.x.max)));
  }

  // Loss charts get a log axis at the person's choice; accuracy stays linear.
  void logAxisForLossesOnly() {
    CurveFigureModel model;
    model.append(0, run(200, 0.5));  // training loss 2 .. 0.01
    model.setLogScale(true);
    QVERIFY(!model.logY());  // accuracy shown
    model.setMetric(MetricKind::Loss);
    QVERIFY(model.logY());
    model.update(0);
    const ChartAxes axes = model.fittedAxes(0, 6);
    QVERIFY(axes.logY);
    QCOMPARE(axes.log.base, 10.0);
    QCOMPARE(axes.log.min, 0.01);
    QCOMPARE(axes.log.max, 10.0);
    QCOMPARE(model.find(0)->charts[0].points.front().y(), 2.0);
    model.setMetric(MetricKind::LearningRate);
    QVERIFY(model.singleChart());
    QVERIFY(!model.logY());
  }

  // The figure export fits its axes with the same function: the same numbers for the same data.
  void figureExportFitsAxesAsTheWindowDoes() {
    CurveFigureModel model;
    model.append(0, run(120, 0.4));
    model.update(0);
    DataExtent extent;
    for (const QPointF& p : model.figurePoints(0, 0)) extent.include(p);
    const ChartAxes figure = fitAxes(extent, true, false, 7);
    const ChartAxes window = model.fittedAxes(0, 7);
    QCOMPARE(figure.x.min, window.x.min);
    QCOMPARE(figure.x.max, window.x.max);
    QCOMPARE(figure.y.min, window.y.min);
    QCOMPARE(figure.y.max, window.y.max);
    QCOMPARE(figure.y.tickInterval, window.y.tickInterval);
  }

  // A long curve is drawn with at most two points per bucket plus the ends.
  void decimatesLongCurvesKeepingTheEnds() {
    CurveFigureModel model;
    model.append(0, run(20000, 0.5));
    model.update(0);
    const QList<QPointF> line = model.linePoints(0, 0, 1, 20000, 100);
    QVERIFY2(line.size() <= 2 * 100 + 4, qPrintable(QString::number(line.size())));
    QCOMPARE(line.front().x(), 1.0);
    QCOMPARE(line.back().x(), 20000.0);
    // Zoomed into steps 1000..2000: the points reach one step past each edge.
    const QList<QPointF> zoomed = model.linePoints(0, 0, 1000, 2000, 100);
    QCOMPARE(zoomed.front().x(), 999.0);
    QCOMPARE(zoomed.back().x(), 2001.0);
  }

  void failureMarkerAtTheEndOfADivergedLine() {
    CurveFigureModel model;
    model.append(0, run(50, 0.5));
    model.setSmoothing(0.6);
    model.update(0);
    QVERIFY(!model.failureMarker(0, 0));
    model.setStatus(0, sweeplab::TrialStatus::Diverged);
    QCOMPARE(model.update(0), std::vector<int>{0});
    QCOMPARE(*model.failureMarker(0, 0), model.find(0)->charts[0].smoothed.back());
    QVERIFY(!model.failureMarker(1, 0));  // no validation point yet: nothing to mark
    QVERIFY(model.find(0)->hasSomethingToDraw());
    model.setStatus(7, sweeplab::TrialStatus::Failed);  // failed before any point
    QVERIFY(model.find(7)->hasSomethingToDraw());
  }

  void preferredXAxisIsEpochWhenTheBatchSizeIsSwept() {
    QCOMPARE(preferredXAxis({"training.batch_size"}), XAxisKind::Epoch);
    QCOMPARE(preferredXAxis({"training.learning_rate", "training.batch_size"}), XAxisKind::Epoch);
    QCOMPARE(preferredXAxis({"training.learning_rate"}), XAxisKind::Step);
    QCOMPARE(preferredXAxis({}), XAxisKind::Step);
  }
};

QTEST_APPLESS_MAIN(tst_curve_figure_model)
#include "tst_curve_figure_model.moc"
