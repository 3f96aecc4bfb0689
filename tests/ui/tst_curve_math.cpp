// Smoothing, decimation, axis ranges and trial colours: the numbers behind the curve charts.
#include <QSet>
#include <QtTest>
#include <cmath>

#include "charts/curve_math.h"
#include "charts/curve_series_data.h"
#include "charts/repeat_bands.h"
#include "charts/trial_palette.h"

using namespace sweeplab::ui;

class tst_curve_math : public QObject {
  Q_OBJECT

 private Q_SLOTS:
  void smoothing_data() {
    QTest::addColumn<std::vector<double>>("values");
    QTest::addColumn<double>("weight");
    QTest::addColumn<std::vector<double>>("expected");
    const double nan = std::nan("");
    QTest::newRow("weight 0 gives raw")
        << std::vector<double>{0.3, 0.9, 0.1} << 0.0 << std::vector<double>{0.3, 0.9, 0.1};
    // s1 = 0.5, s2 = 1.25, s3 = 2.125; debiased by 1 - 0.5^n.
    QTest::newRow("hand computed") << std::vector<double>{1, 2, 3} << 0.5
                                   << std::vector<double>{1.0, 1.25 / 0.75, 2.125 / 0.875};
    QTest::newRow("constant stays constant")
        << std::vector<double>{4, 4, 4, 4} << 0.9 << std::vector<double>{4, 4, 4, 4};
    // The NaN passes through and is not counted: the third value is the second finite one.
    QTest::newRow("non-finite skipped")
        << std::vector<double>{1, nan, 3} << 0.5 << std::vector<double>{1.0, nan, 1.75 / 0.75};
    QTest::newRow("first value unbiased")
        << std::vector<double>{0.8} << 0.99 << std::vector<double>{0.8};
  }

  void smoothing() {
    QFETCH(std::vector<double>, values);
    QFETCH(double, weight);
    QFETCH(std::vector<double>, expected);
    const std::vector<double> smoothed = smoothDebiasedEma(values, weight);
    QCOMPARE(smoothed.size(), expected.size());
    for (size_t i = 0; i < expected.size(); ++i) {
      if (std::isnan(expected[i])) {
        QVERIFY2(std::isnan(smoothed[i]), qPrintable(QString::number(i)));
      } else {
        QVERIFY2(
            std::abs(smoothed[i] - expected[i]) < 1e-12,
            qPrintable(QStringLiteral("%1: %2 != %3").arg(i).arg(smoothed[i]).arg(expected[i])));
      }
    }
  }

  void decimationKeepsBudgetEndsAndSpikes() {
    std::vector<QPointF> points;
    for (int i = 0; i < 100000; ++i) points.emplace_back(i, std::sin(i * 0.01));
    points[54321].setY(25.0);  // a spike must survive
    points[12345].setY(-25.0);
    const int buckets = 500;
    const QList<QPointF> shown = decimateMinMax(points, 0, 99999, buckets);
    QVERIFY(shown.size() <= 2 * buckets + 4);
    QVERIFY(shown.size() > buckets);
    QCOMPARE(shown.first(), points.front());
    QCOMPARE(shown.last(), points.back());
    QVERIFY(shown.contains(points[54321]));
    QVERIFY(shown.contains(points[12345]));
    for (int i = 1; i < shown.size(); ++i) QVERIFY(shown[i - 1].x() <= shown[i].x());
  }

  void decimationOfZoomedRangeKeepsNeighbours() {
    std::vector<QPointF> points;
    for (int i = 0; i < 1000; ++i) points.emplace_back(i, i % 7);
    const QList<QPointF> shown = decimateMinMax(points, 100.5, 110.5, 50);
    // Few enough points: all visible ones, plus one outside on each side.
    QCOMPARE(shown.size(), 12);
    QCOMPARE(shown.first().x(), 100.0);
    QCOMPARE(shown.last().x(), 111.0);
  }

  void smallSeriesUnchanged() {
    std::vector<QPointF> points{{0, 1}, {1, 2}, {2, 0.5}};
    QCOMPARE(decimateMinMax(points, 0, 2, 100).size(), 3);
    QCOMPARE(decimateMinMax({}, 0, 1, 10).size(), 0);
  }

  void axisRange_data() {
    QTest::addColumn<double>("dataMin");
    QTest::addColumn<double>("dataMax");
    QTest::addColumn<bool>("unitInterval");
    QTest::newRow("accuracy middle") << 0.45 << 0.72 << true;
    QTest::newRow("accuracy near 1") << 0.91 << 0.999 << true;
    QTest::newRow("accuracy wide") << 0.05 << 0.97 << true;
    QTest::newRow("loss") << 0.35 << 1.61 << false;
    QTest::newRow("steps") << 50.0 << 151000.0 << false;
    QTest::newRow("single value") << 0.7 << 0.7 << true;
  }

  void axisRange() {
    QFETCH(double, dataMin);
    QFETCH(double, dataMax);
    QFETCH(bool, unitInterval);
    const AxisRange range = niceAxisRange(dataMin, dataMax, unitInterval, true);
    QVERIFY(range.min < dataMin || range.min == 0);
    QVERIFY(range.max > dataMax || (unitInterval && range.max == 1.0));
    QVERIFY(range.min >= 0);
    if (unitInterval) QVERIFY(range.max <= 1.0);
    // Not more than ~25% of the axis is empty margin.
    if (dataMax > dataMin && !(unitInterval && dataMax - dataMin > 0.5)) {
      QVERIFY((dataMax - dataMin) / (range.max - range.min) > 0.75);
    }
    const int ticks = static_cast<int>((range.max - range.min) / range.tickInterval);
    QVERIFY2(ticks >= 2 && ticks <= 12, qPrintable(QString::number(ticks)));
    QVERIFY(range.tickAnchor >= range.min - 1e-12);
  }

  void emptyAxisIsUsable() {
    const AxisRange range = niceAxisRange(INFINITY, -INFINITY, true, true);
    QCOMPARE(range.min, 0.0);
    QCOMPARE(range.max, 1.0);
  }

  // While a run streams, an axis keeps its range as long as the data fits, so Qt Charts does not
  // recompute every series on every frame; the data never runs off the plot.
  // The labelled positions of a range: from the first tick inside it, one interval apart, a
  // tick at rounding distance from 0 written as 0.
  void tickPositionsOfARange() {
    AxisRange range;
    range.min = -0.3;
    range.max = 0.9;
    range.tickInterval = 0.2;
    range.tickAnchor = 0;
    const std::vector<double> ticks = tickPositions(range);
    QCOMPARE(ticks.size(), size_t(6));
    QCOMPARE(ticks.front(), -0.2);
    QCOMPARE(ticks[1], 0.0);
    QVERIFY(!std::signbit(ticks[1]));
    QVERIFY(std::abs(ticks.back() - 0.8) < 1e-12);
    range.tickInterval = 0;
    QVERIFY(tickPositions(range).empty());
  }

  void growingAxisKeepsItsRangeWhileTheDataFits() {
    const AxisRange kept = growingAxisRange(0, 1000, 1, 640, false, true, 7);
    QCOMPARE(kept.min, 0.0);
    QCOMPARE(kept.max, 1000.0);
    const AxisRange fitted = niceAxisRange(1, 640, false, true, 7);
    QCOMPARE(kept.tickInterval, axisTicks(0, 1000, 7).tickInterval);

    const AxisRange grown = growingAxisRange(0, 1000, 1, 1200, false, true, 7);
    QVERIFY(grown.max >= 1200 * 1.2);  // room to grow, so the next frames keep it
    QVERIFY(grown.max <= 1200 * 1.5);
    QCOMPARE(grown.min, 0.0);
    QVERIFY(fitted.max < 700);

    const AxisRange lossFalling = growingAxisRange(0.8, 1.6, 0.7, 1.5, false, true);
    QVERIFY(lossFalling.min <= 0.7 - 0.1);
    QVERIFY(lossFalling.max >= 1.5);
    const AxisRange accuracy = growingAxisRange(0, 1, 0.2, 0.9, true, true);
    QCOMPARE(accuracy.min, 0.0);
    QCOMPARE(accuracy.max, 1.0);
    const AxisRange empty = growingAxisRange(0, 5, INFINITY, -INFINITY, true, true);
    QCOMPARE(empty.min, 0.0);
    QCOMPARE(empty.max, 1.0);
  }

  // A curve extended batch by batch while a run streams is exactly the curve rebuilt from all
  // its points, smoothed line and extent included, also when a batch breaks the x order.
  void curveGrownInBatchesEqualsRebuiltCurve_data() {
    QTest::addColumn<bool>("outOfOrder");
    QTest::newRow("in order") << false;
    QTest::newRow("one batch out of x order") << true;
  }

  void curveGrownInBatchesEqualsRebuiltCurve() {
    QFETCH(bool, outOfOrder);
    std::vector<StoredPoint> stored;
    CurveData grown;
    for (int batch = 0; batch < 12; ++batch) {
      for (int i = 0; i < 37; ++i) {
        StoredPoint p;
        const int step = batch * 37 + i + 1;
        p.x = {double(step), step / 100.0, step * 32.0, step * 0.01};
        if (outOfOrder && batch == 7) p.x[0] = step - 200;  // e.g. a resumed trial's steps
        p.value = (i == 5 && batch == 3) ? NAN : 0.5 + 0.3 * std::sin(step * 0.37);
        stored.push_back(p);
      }
      grown.update(stored, XAxisKind::Step, 0.8);
    }
    CurveData rebuilt;
    rebuilt.update(stored, XAxisKind::Step, 0.8);
    QCOMPARE(grown.points.size(), stored.size() - 1);  // the NaN is left out
    QCOMPARE(grown.points, rebuilt.points);
    QCOMPARE(grown.smoothed, rebuilt.smoothed);
    QCOMPARE(grown.extent.xMax, rebuilt.extent.xMax);
    QCOMPARE(grown.extent.yMin, rebuilt.extent.yMin);
    std::vector<double> ys;
    for (const QPointF& p : rebuilt.points) ys.push_back(p.y());
    const std::vector<double> whole = smoothDebiasedEma(ys, 0.8);
    for (size_t i = 0; i < ys.size(); ++i) QCOMPARE(grown.smoothed[i].y(), whole[i]);

    grown.stale = true;  // e.g. the smoothing slider moved to 0
    grown.update(stored, XAxisKind::Step, 0);
    QVERIFY(grown.smoothed.empty());
    QCOMPARE(grown.points, rebuilt.points);
  }

  // Repeats logged at other x (wall time) are interpolated onto a shared grid; where only one
  // seed reaches, the band is that seed alone.
  void bandInterpolatesCurvesWithOtherX() {
    const std::vector<QPointF> a = {{0, 0.0}, {10, 1.0}};
    const std::vector<QPointF> b = {{0, 1.0}, {5, 1.0}, {20, 1.0}};
    const BandCurve band = repeatBand({&a, &b}, RepeatView::MeanMinMax, 0, 100, 50);
    const std::vector<double> xs = {0, 5, 10, 20};  // every x of the curves, as they are few
    QCOMPARE(band.mean.size(), xs.size());
    for (size_t i = 0; i < xs.size(); ++i) QCOMPARE(band.mean[i].x(), xs[i]);
    QCOMPARE(band.mean[1].y(), 0.75);  // a interpolated to 0.5 at x = 5
    QCOMPARE(band.lower[1].y(), 0.5);
    QCOMPARE(band.upper[1].y(), 1.0);
    QCOMPARE(band.mean[3].y(), 1.0);  // only b reaches x = 20
    QCOMPARE(band.lower[3].y(), band.upper[3].y());

    const BandCurve zoomed = repeatBand({&a, &b}, RepeatView::MeanStd, 4, 6, 50);
    QCOMPARE(zoomed.mean.size(), size_t(1));  // only x = 5 lies in the visible range
    QVERIFY(std::abs(zoomed.upper[0].y() - (0.75 + std::sqrt(0.125))) < 1e-12);
  }

  void logAxisRangeSpansTheData_data() {
    QTest::addColumn<double>("dataMin");
    QTest::addColumn<double>("dataMax");
    QTest::addColumn<double>("min");
    QTest::addColumn<double>("max");
    QTest::addColumn<double>("base");
    QTest::newRow("a loss over less than two decades") << 0.3 << 1.6 << 0.25 << 2.0 << 2.0;
    QTest::newRow("three decades") << 0.004 << 2.3 << 0.001 << 10.0 << 10.0;
    QTest::newRow("a power itself") << 0.5 << 1.0 << 0.5 << 1.0 << 2.0;
    QTest::newRow("one value") << 0.7 << 0.7 << 0.5 << 1.0 << 2.0;
    QTest::newRow("no positive data") << 0.0 << 0.0 << 0.1 << 10.0 << 10.0;
  }
  void logAxisRangeSpansTheData() {
    QFETCH(double, dataMin);
    QFETCH(double, dataMax);
    QFETCH(double, min);
    QFETCH(double, max);
    QFETCH(double, base);
    const LogAxisRange range = logAxisRange(dataMin, dataMax);
    QVERIFY(std::abs(range.min - min) < 1e-12);
    QVERIFY(std::abs(range.max - max) < 1e-12);
    QCOMPARE(range.base, base);
  }

  void paletteIsDistinctAndDeterministic() {
    QSet<QRgb> colors;
    for (int i = 0; i < 3 * trialPaletteSize(); ++i) {
      QCOMPARE(trialColor(i), trialColor(i));
      colors.insert(trialColor(i).rgb());
    }
    QCOMPARE(colors.size(), 3 * trialPaletteSize());
    QVERIFY(trialColor(0) != trialColor(1));
  }
};

QTEST_GUILESS_MAIN(tst_curve_math)
#include "tst_curve_math.moc"
