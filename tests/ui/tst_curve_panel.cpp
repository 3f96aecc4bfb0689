// The live curve panel: stored points, frame-paced replace() refresh within the decimation
// budget, smoothing, legend toggles, highlight and failure markers.
#include <QAreaSeries>
#include <QChart>
#include <QChartView>
#include <QFontMetricsF>
#include <QLabel>
#include <QLegend>
#include <QLegendMarker>
#include <QLineSeries>
#include <QScatterSeries>
#include <QSignalSpy>
#include <QValueAxis>
#include <QtTest>

#include "charts/curve_panel.h"
#include "curve_panel_test_support.h"

using namespace sweeplab::ui;
using sweeplab::MetricPoint;
using sweeplab::ui::test::trainSteps;
using sweeplab::ui::test::valEpochs;

class tst_curve_panel : public QObject {
  Q_OBJECT

  std::unique_ptr<CurvePanel> panel_;

  QChart* chart(int index) const { return test::chartOf(*panel_, index); }
  QStringList legendEntries() const { return test::visibleLegendEntries(*panel_); }
  template <typename Series>
  Series* series(int chartIndex, const QString& name) const {
    return test::seriesOf<Series>(*panel_, chartIndex, name);
  }
  QLineSeries* line(int chartIndex, int trial) const {
    return test::lineOf(*panel_, chartIndex, trial);
  }

 private Q_SLOTS:
  void init() {
    panel_ = std::make_unique<CurvePanel>();
    panel_->resize(1200, 450);
    panel_->show();
    QVERIFY(QTest::qWaitForWindowExposed(panel_.get()));
    panel_->setTrials({{0, "batch_size=32", Qt::blue}, {1, "batch_size=256", Qt::red}});
  }

  void cleanup() { panel_.reset(); }

  // Three seeds of one grid point and one trial without repeats: in a band view the seeds'
  // lines give way to their mean and a band, the single trial keeps its line, and the legend
  // names the band once.
  void repeatsDrawAMeanWithABand() {
    QSignalSpy available(panel_.get(), &CurvePanel::repeatBandsAvailable);
    std::vector<TrialDisplay> trials;
    for (int seed = 0; seed < 3; ++seed)
      trials.push_back({seed, QStringLiteral("lr=0.001 seed=%1").arg(seed), Qt::blue, 0,
                        QStringLiteral("lr=0.001")});
    trials.push_back({3, QStringLiteral("lr=0.01"), Qt::red, 1, QStringLiteral("lr=0.01")});
    panel_->setTrials(trials);
    QCOMPARE(available.count(), 1);
    QVERIFY(available.takeFirst().at(0).toBool());
    QVERIFY(panel_->hasRepeatBands());
    for (int trial = 0; trial < 4; ++trial) {
      std::vector<MetricPoint> points = valEpochs(5);
      for (MetricPoint& p : points) p.value += 0.02 * trial;  // seeds 0.00, 0.02, 0.04 apart
      panel_->appendPoints(trial, points);
    }
    panel_->setRepeatView(RepeatView::MeanStd);
    panel_->refreshNow();
    auto* mean = series<QLineSeries>(1, QStringLiteral("mean:0"));
    auto* band = series<QAreaSeries>(1, QStringLiteral("band:0"));
    QVERIFY(mean && band);
    QVERIFY(!series<QLineSeries>(1, QStringLiteral("mean:1")));  // one seed: no band
    QVERIFY(mean->isVisible() && band->isVisible());
    QCOMPARE(mean->count(), 5);
    QCOMPARE(band->upperSeries()->count(), 5);
    // Epoch 1: seeds at 0.43, 0.45, 0.47 - mean 0.45, sample standard deviation 0.02.
    QVERIFY(std::abs(mean->at(0).y() - 0.45) < 1e-9);
    QVERIFY(std::abs(band->upperSeries()->at(0).y() - 0.47) < 1e-9);
    QVERIFY(std::abs(band->lowerSeries()->at(0).y() - 0.43) < 1e-9);
    for (int seed = 0; seed < 3; ++seed) QVERIFY(!line(1, seed)->isVisible());
    QVERIFY(line(1, 3)->isVisible());
    // One entry for the band of three seeds, one for the trial without repeats.
    QTRY_COMPARE(legendEntries(), QStringList({"lr=0.001", "lr=0.01"}));

    panel_->setRepeatView(RepeatView::MeanMinMax);
    panel_->refreshNow();
    QVERIFY(std::abs(band->upperSeries()->at(0).y() - 0.47) < 1e-9);  // the highest seed
    panel_->setRepeatView(RepeatView::Lines);
    panel_->refreshNow();
    QVERIFY(!mean->isVisible() && !band->isVisible());
    for (int seed = 0; seed < 3; ++seed) QVERIFY(line(1, seed)->isVisible());
  }

  // A trial that logged one training step (fewer steps than log_every_n_steps) and a band of
  // seeds that each logged one: a line through one point draws nothing, so both show a dot,
  // which goes once a second point makes a line.
  void aLonePointShowsAsADot() {
    panel_->appendPoints(0, trainSteps(50, 1));
    panel_->refreshNow();
    QCOMPARE(line(0, 0)->count(), 1);
    QVERIFY(line(0, 0)->pointsVisible());
    QVERIFY(!line(0, 1)->pointsVisible());  // no points, no dot
    panel_->appendPoints(0, trainSteps(100, 1));
    panel_->refreshNow();
    QCOMPARE(line(0, 0)->count(), 2);
    QVERIFY(!line(0, 0)->pointsVisible());

    std::vector<TrialDisplay> seeds;
    for (int seed = 0; seed < 2; ++seed)
      seeds.push_back(
          {seed, QStringLiteral("seed=%1").arg(seed), Qt::blue, 0, QStringLiteral("all seeds")});
    panel_->setTrials(seeds);
    for (int seed = 0; seed < 2; ++seed) panel_->appendPoints(seed, trainSteps(50, 1));
    panel_->setRepeatView(RepeatView::MeanStd);
    panel_->refreshNow();
    auto* mean = series<QLineSeries>(0, QStringLiteral("mean:0"));
    QVERIFY(mean && mean->isVisible());
    QCOMPARE(mean->count(), 1);
    QVERIFY(mean->pointsVisible());
  }

  // Epochs shorter than the logging interval give validation points but no training ones; the
  // empty training chart then says why instead of looking broken.
  void emptyTrainingChartExplainsTheLoggingInterval() {
    auto* hint = panel_->findChild<QLabel*>(QStringLiteral("trainingHint"));
    QVERIFY(hint);
    panel_->refreshNow();
    QVERIFY(!hint->isVisible());  // nothing anywhere yet: nothing to explain
    panel_->appendPoints(0, valEpochs(2));
    panel_->refreshNow();
    QVERIFY(hint->isVisible());
    QVERIFY(hint->text().contains("Log every"));
    panel_->appendPoints(1, trainSteps(50, 1));
    panel_->refreshNow();
    QVERIFY(!hint->isVisible());
    panel_->clear();
    QVERIFY(!hint->isVisible());
  }

  void comparisonNoteShowsAboveTheCharts() {
    auto* label = panel_->findChild<QLabel*>(QStringLiteral("comparisonNote"));
    QVERIFY(label && !label->isVisible());
    panel_->setNote(QStringLiteral("Not only the swept values differ: device (cpu, cuda)"));
    QVERIFY(label->isVisible());
    QVERIFY(label->text().contains("device"));
    panel_->setNote({});
    QVERIFY(!label->isVisible());
  }

  void seriesAndPointsGrowWithAppends() {
    QCOMPARE(panel_->seriesCount(0), 2);
    QCOMPARE(panel_->seriesCount(1), 2);
    panel_->appendPoints(0, trainSteps(1, 100));
    QCOMPARE(panel_->pointCount(0, 0), 100);
    panel_->appendPoints(0, trainSteps(101, 50));
    panel_->appendPoints(0, valEpochs(3));
    QCOMPARE(panel_->pointCount(0, 0), 150);
    QCOMPARE(panel_->pointCount(1, 0), 3);
    QCOMPARE(panel_->pointCount(0, 1), 0);
    // A trial the panel was not told about still gets its line.
    panel_->appendPoints(7, trainSteps(1, 10));
    QCOMPARE(panel_->seriesCount(0), 3);
    QCOMPARE(panel_->pointCount(0, 7), 10);
  }

  void metricsOutsideTheChartsAreIgnored() {
    panel_->appendPoints(0, {{sweeplab::metric::kLearningRate, 1, 0, 32, 0.1, 1e-5}});
    QCOMPARE(panel_->pointCount(0, 0), 0);
    QCOMPARE(panel_->pointCount(1, 0), 0);
  }

  void refreshIsFramePacedAndUsesReplace() {
    QLineSeries* series = line(0, 0);
    QSignalSpy replaced(series, &QXYSeries::pointsReplaced);
    QSignalSpy added(series, &QXYSeries::pointAdded);
    for (int batch = 0; batch < 20; ++batch)
      panel_->appendPoints(0, trainSteps(batch * 10 + 1, 10));
    QCOMPARE(series->count(), 0);  // nothing drawn point by point
    QTRY_COMPARE(series->count(), 200);
    QCOMPARE(added.count(), 0);
    QVERIFY(replaced.count() >= 1);
    QVERIFY(replaced.count() <= 2);  // twenty appends, one or two redraws
  }

  void longSeriesAreDecimated() {
    panel_->appendPoints(0, trainSteps(1, 50000));
    panel_->refreshNow();
    QCOMPARE(panel_->pointCount(0, 0), 50000);
    const double plotWidth = chart(0)->plotArea().width();
    QVERIFY(plotWidth > 100);
    const int shown = panel_->displayedPointCount(0, 0);
    QCOMPARE(line(0, 0)->count(), shown);
    QVERIFY2(shown <= 2 * plotWidth + 4,
             qPrintable(QStringLiteral("%1 points for %2 px").arg(shown).arg(plotWidth)));
    QVERIFY(shown > plotWidth / 2);
    // The newest value is always drawn.
    QCOMPARE(line(0, 0)->points().last().x(), 50000.0);
  }

  void smoothingDrawsDebiasedAverageOverFaintRaw() {
    std::vector<MetricPoint> points = trainSteps(1, 3);
    points[0].value = 1;
    points[1].value = 2;
    points[2].value = 3;
    panel_->appendPoints(0, points);
    panel_->setSmoothing(0.5);
    panel_->refreshNow();
    const QList<QPointF> smoothed = line(0, 0)->points();
    QCOMPARE(smoothed.size(), 3);
    QCOMPARE(smoothed[0].y(), 1.0);
    QVERIFY(qFuzzyCompare(smoothed[1].y(), 1.25 / 0.75));
    QVERIFY(qFuzzyCompare(smoothed[2].y(), 2.125 / 0.875));
    QLineSeries* raw = series<QLineSeries>(0, QStringLiteral("raw:0"));
    QVERIFY(raw->isVisible());
    QCOMPARE(raw->points().size(), 3);
    QVERIFY(raw->pen().color().alphaF() < 0.5);

    panel_->setSmoothing(0);
    panel_->refreshNow();
    QCOMPARE(line(0, 0)->points()[1].y(), 2.0);
    QVERIFY(!raw->isVisible());
  }

  // A sweep too large to give every trial its series at once (a thousand seeds) gets them as
  // its trials report points or fail; queued trials stay out of the charts and the legend.
  void largeSweepsMakeSeriesAsTrialsReport() {
    std::vector<TrialDisplay> trials;
    for (int t = 0; t < 300; ++t)
      trials.push_back({t, QStringLiteral("seed=%1").arg(t), QColor(), -1, QString()});
    panel_->setTrials(trials);
    QCOMPARE(chart(0)->series().size(), 0);
    QCOMPARE(chart(1)->series().size(), 0);
    panel_->appendPoints(250, trainSteps(1, 30));
    panel_->appendPoints(250, valEpochs(3));
    panel_->setTrialStatus(7, sweeplab::TrialStatus::Diverged);  // before any point
    panel_->setTrialStatus(8, sweeplab::TrialStatus::Queued);
    panel_->refreshNow();
    QVERIFY(line(0, 250) && line(1, 250));
    QCOMPARE(line(1, 250)->count(), 3);
    QCOMPARE(panel_->displayedPointCount(1, 250), 3);
    QVERIFY(line(1, 7));
    QVERIFY(!line(1, 8) && !line(1, 0));
    QCOMPARE(panel_->displayedPointCount(1, 0), 0);
    QCOMPARE(chart(1)->series().size(), 6);  // line, raw curve and failure marker, twice
    QTRY_COMPARE(legendEntries(), QStringList({"seed=250", "seed=7"}));
    // Toggling a trial without series, and highlighting it, are harmless.
    panel_->setTrialShown(9, false);
    panel_->highlightTrials({9, 250});
    QVERIFY(line(0, 250)->pen().widthF() > 0);
  }

  void highlightThickensSelectedAndDimsOthers() {
    panel_->highlightTrials({1});
    QVERIFY(line(0, 1)->pen().widthF() > line(0, 0)->pen().widthF());
    QVERIFY(line(0, 0)->pen().color().alphaF() < 0.5);
    QCOMPARE(line(1, 1)->pen().color().alphaF(), 1.0);
    panel_->highlightTrials({});
    QCOMPARE(line(0, 0)->pen().widthF(), line(0, 1)->pen().widthF());
    QCOMPARE(line(0, 0)->pen().color().alphaF(), 1.0);
  }

  void divergedTrialEndsInMarker() {
    panel_->appendPoints(1, trainSteps(1, 40));
    panel_->appendPoints(1, valEpochs(2));
    panel_->setTrialStatus(1, sweeplab::TrialStatus::Diverged);
    panel_->refreshNow();
    for (int c = 0; c < 2; ++c) {
      auto* marker = series<QScatterSeries>(c, QStringLiteral("failure:1"));
      QVERIFY(marker->isVisible());
      QCOMPARE(marker->count(), 1);
      QCOMPARE(marker->points().first(), line(c, 1)->points().last());
      QVERIFY(!series<QScatterSeries>(c, QStringLiteral("failure:0"))->isVisible());
    }
  }

  // A pruned trial's line ends in a ring (not the red cross of a failure), its legend entry and
  // the figure for export say at which epoch, and a trial never pruned gets no ring.
  void prunedTrialEndsInARing() {
    panel_->appendPoints(0, trainSteps(1, 40));
    panel_->appendPoints(0, valEpochs(5));
    panel_->appendPoints(1, trainSteps(1, 40));
    panel_->appendPoints(1, valEpochs(3));
    panel_->setTrialStatus(0, sweeplab::TrialStatus::Finished);
    panel_->setTrialStatus(1, sweeplab::TrialStatus::Pruned);
    panel_->refreshNow();
    for (int c = 0; c < 2; ++c) {
      auto* ring = series<QScatterSeries>(c, QStringLiteral("pruned:1"));
      QVERIFY(ring);
      QVERIFY(ring->isVisible());
      QCOMPARE(ring->count(), 1);
      QCOMPARE(ring->points().first(), line(c, 1)->points().last());
      QVERIFY(!series<QScatterSeries>(c, QStringLiteral("failure:1"))->isVisible());
      QVERIFY(!series<QScatterSeries>(c, QStringLiteral("pruned:0")));
    }
    QTRY_VERIFY(legendEntries().filter(QStringLiteral("pruned at epoch 3")).size() == 1);
    const FigureData figure = panel_->figureData();
    for (const FigureChart& chart : figure.charts)
      for (const FigureCurve& curve : chart.curves) {
        QCOMPARE(curve.endsPruned, curve.trial == 1);
        QCOMPARE(curve.endNote, curve.trial == 1 ? QStringLiteral("pruned at epoch 3") : QString());
      }
    panel_->setTrialShown(1, false);
    QVERIFY(!series<QScatterSeries>(1, QStringLiteral("pruned:1"))->isVisible());
  }

  void axesFollowDataAndKind() {
    panel_->appendPoints(0, trainSteps(1, 500, 0.7));
    panel_->appendPoints(0, valEpochs(5));
    panel_->refreshNow();
    auto* x = qobject_cast<QValueAxis*>(chart(0)->axes(Qt::Horizontal).first());
    auto* y = qobject_cast<QValueAxis*>(chart(0)->axes(Qt::Vertical).first());
    QCOMPARE(x->titleText(), QStringLiteral("Step"));
    QVERIFY(x->max() >= 500 && x->max() < 700);
    QVERIFY(y->min() >= 0 && y->max() <= 1.0);
    QVERIFY(y->min() <= 0.6 && y->max() >= 0.8);

    panel_->setXAxis(XAxisKind::Epoch);
    QCOMPARE(x->titleText(), QStringLiteral("Epoch"));
    QVERIFY(x->max() >= 0.5 && x->max() < 0.7);
    panel_->setXAxis(XAxisKind::WallTime);
    QCOMPARE(x->titleText(), QStringLiteral("Wall time (s)"));
    QVERIFY(x->max() >= 5 && x->max() < 7);
  }

  void userZoomSticksUntilReset() {
    panel_->appendPoints(0, trainSteps(1, 1000));
    panel_->refreshNow();
    auto* x = qobject_cast<QValueAxis*>(chart(0)->axes(Qt::Horizontal).first());
    const double fullMax = x->max();
    const QRectF area = chart(0)->plotArea();
    chart(0)->zoomIn(QRectF(area.left(), area.top(), area.width() / 4, area.height()));
    const double zoomedMax = x->max();
    QVERIFY(zoomedMax < fullMax / 2);
    panel_->appendPoints(0, trainSteps(1001, 1000));
    panel_->refreshNow();
    QCOMPARE(x->max(), zoomedMax);  // new points do not undo the zoom
    panel_->resetZoom();
    QVERIFY(x->max() >= 2000);
  }

  void metricSwitchShowsLoss() {
    std::vector<MetricPoint> loss{{sweeplab::metric::kTrainLossStep, 1, 0.1, 32, 0.1, 2.5},
                                  {sweeplab::metric::kTrainLossStep, 2, 0.2, 64, 0.2, 1.5}};
    panel_->appendPoints(0, loss);
    panel_->appendPoints(0, trainSteps(1, 5));
    panel_->setMetric(MetricKind::Loss);
    QCOMPARE(panel_->pointCount(0, 0), 2);
    QCOMPARE(chart(0)->title(), QStringLiteral("Training loss"));
    auto* y = qobject_cast<QValueAxis*>(chart(0)->axes(Qt::Vertical).first());
    QVERIFY(y->max() >= 2.5);
  }

  void figureDataHoldsShownTrials() {
    panel_->appendPoints(0, trainSteps(1, 30));
    panel_->appendPoints(1, trainSteps(1, 20));
    panel_->setTrialShown(1, false);
    panel_->setSmoothing(0.6);
    const FigureData figure = panel_->figureData();
    QCOMPARE(figure.charts.size(), size_t(2));
    QCOMPARE(figure.charts[0].title, QStringLiteral("Training accuracy"));
    QCOMPARE(figure.charts[0].curves.size(), size_t(1));
    QCOMPARE(figure.charts[0].curves[0].label, QStringLiteral("batch_size=32"));
    QCOMPARE(figure.charts[0].curves[0].points.size(), size_t(30));
    QCOMPARE(figure.charts[0].smoothing, 0.6);
    QVERIFY(figure.charts[0].unitInterval);
  }

  void clearRemovesEverything() {
    panel_->appendPoints(0, trainSteps(1, 30));
    panel_->clear();
    QCOMPARE(panel_->seriesCount(0), 0);
    QCOMPARE(panel_->pointCount(0, 0), 0);
    QCOMPARE(chart(0)->series().size(), 0);
  }
};

QTEST_MAIN(tst_curve_panel)
#include "tst_curve_panel.moc"
