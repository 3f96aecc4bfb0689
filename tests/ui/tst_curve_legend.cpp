// The curve panel's legend beside the validation chart: as wide as its labels need, shortened
// with an ellipsis when they are longer than the chart can give, and never past the chart's view.
#include <QChart>
#include <QChartView>
#include <QFontMetricsF>
#include <QLegend>
#include <QLegendMarker>
#include <QLineSeries>
#include <QSignalSpy>
#include <QtTest>

#include "charts/curve_panel.h"
#include "curve_panel_test_support.h"

using namespace sweeplab::ui;
using sweeplab::ui::test::trainSteps;
using sweeplab::ui::test::valEpochs;

namespace {

// A random search's labels: four keys, each value different in every trial.
QString searchLabel(int trial) {
  return QStringLiteral("learning_rate=%1e-3, weight_decay=%2e-4, batch_size=%3, hidden=[64, 32]")
      .arg(1.0 + 0.37 * trial, 0, 'f', 2)
      .arg(1.0 + 0.11 * trial, 0, 'f', 2)
      .arg(64 << (trial % 4));
}

}  // namespace

class tst_curve_legend : public QObject {
  Q_OBJECT

  std::unique_ptr<CurvePanel> panel_;

  QChartView* view() const { return sweeplab::ui::test::validationView(*panel_); }
  QChart* chart() const { return view()->chart(); }
  QChart* chart(int index) const { return test::chartOf(*panel_, index); }
  QLineSeries* line(int chartIndex, int trial) const {
    return test::lineOf(*panel_, chartIndex, trial);
  }
  QStringList legendEntries() const { return test::visibleLegendEntries(*panel_); }

  // Every visible label, with the chart's and the view's widths, for failure messages.
  QString describe() const {
    QStringList labels;
    for (QLegendMarker* marker : chart()->legend()->markers())
      if (marker->isVisible()) labels << marker->label();
    return QStringLiteral("chart %1 wide in a view of %2; legend %3..%4; labels: %5")
        .arg(chart()->size().width())
        .arg(view()->viewport()->width())
        .arg(chart()->legend()->geometry().left())
        .arg(chart()->legend()->geometry().right())
        .arg(labels.join(QStringLiteral(" | ")));
  }

  // Whether the chart fits its view and the legend, with every label's text, fits the chart.
  bool legendInsideTheView() const {
    const double viewWidth = view()->viewport()->width();
    if (chart()->size().width() > viewWidth + 1) return false;
    QLegend* legend = chart()->legend();
    if (legend->geometry().right() > chart()->size().width() + 1) return false;
    const QFontMetricsF metrics(legend->font());
    for (QLegendMarker* marker : legend->markers()) {
      if (!marker->isVisible()) continue;
      // The label starts after the marker's symbol: at least its text must fit the legend.
      if (metrics.horizontalAdvance(marker->label()) > legend->geometry().width()) return false;
    }
    return true;
  }

 private Q_SLOTS:
  void init() {
    panel_ = std::make_unique<CurvePanel>();
    panel_->resize(1200, 450);
    panel_->show();
    QVERIFY(QTest::qWaitForWindowExposed(panel_.get()));
  }

  void legendClickTogglesTrialInBothCharts() {
    panel_->setTrials({{0, "batch_size=32", Qt::blue}, {1, "batch_size=256", Qt::red}});
    panel_->appendPoints(1, trainSteps(1, 20));
    panel_->appendPoints(1, valEpochs(2));
    panel_->refreshNow();
    const QList<QLegendMarker*> markers = chart(1)->legend()->markers(line(1, 1));
    QCOMPARE(markers.size(), 1);
    QSignalSpy toggled(panel_.get(), &CurvePanel::trialShownChanged);
    Q_EMIT markers.first()->clicked();
    QVERIFY(!panel_->isTrialShown(1));
    QVERIFY(!line(0, 1)->isVisible());
    QVERIFY(!line(1, 1)->isVisible());
    QVERIFY(line(0, 0)->isVisible());
    QTRY_VERIFY(markers.first()->isVisible());  // stays, dimmed, to be clicked again
    QTRY_VERIFY(markers.first()->labelBrush().color().alphaF() < 1.0);
    QCOMPARE(toggled.count(), 1);
    Q_EMIT markers.first()->clicked();
    QVERIFY(panel_->isTrialShown(1));
    QVERIFY(line(0, 1)->isVisible());
    QVERIFY(line(1, 1)->isVisible());
  }

  void legendHasOneEntryPerTrial() {
    panel_->setTrials({{0, "batch_size=32", Qt::blue}, {1, "batch_size=256", Qt::red}});
    panel_->refreshNow();
    QTRY_COMPARE(legendEntries().size(), 2);
    QVERIFY(!chart(0)->legend()->isVisible());
  }

  // The legend beside the plot is as wide as its longest label needs, so no label is cut (an
  // overlay's "#2 batch_size=128" read "#2 batch_size..." beside a narrow chart); the plot gives
  // way, up to half the chart and as far as its axes and a readable plot allow.
  void legendIsWideEnoughForItsLabels() {
    const QString longest = "#1 batch_size=512, lr=1e-3";
    panel_->setTrials({{0, "#2 batch_size=128, lr=1e-2", Qt::blue}, {1, longest, Qt::red}});
    panel_->refreshNow();
    QLegend* legend = chart()->legend();
    const double label = QFontMetricsF(legend->font()).horizontalAdvance(longest);
    QTRY_VERIFY(legend->geometry().width() > label);
    QVERIFY(legend->geometry().right() <= chart()->size().width() + 1);
    QVERIFY(chart()->plotArea().width() > chart()->size().width() / 3);
    // Short labels leave the plot its room.
    panel_->setTrials({{0, "lr=1", Qt::blue}, {1, "lr=2", Qt::red}});
    panel_->refreshNow();
    QTRY_VERIFY(legend->geometry().width() < chart()->size().width() / 4);
  }

  // Labels longer than half the chart (a random search's four keys) end in an ellipsis inside
  // the chart, which stays as wide as its view; the whole label stays the series' name.
  void longLabelsShortenInsideTheChart() {
    panel_->setTrials({{0, searchLabel(0), Qt::blue}, {1, searchLabel(1), Qt::red}});
    panel_->resize(800, 450);
    panel_->appendPoints(0, valEpochs(2));
    panel_->appendPoints(1, valEpochs(2));
    panel_->refreshNow();
    QTRY_VERIFY2(legendInsideTheView(), qPrintable(describe()));
    for (QLegendMarker* marker : chart()->legend()->markers()) {
      if (!marker->isVisible()) continue;
      QVERIFY2(
          marker->label().startsWith("learning_rat") && marker->label().endsWith(QChar(0x2026)),
          qPrintable(marker->label()));
    }
  }

  // The window in the middle of a random search: a dozen trials with curves, in a panel no
  // taller than the window leaves it, so the legend holds more entries than the chart's height.
  // Every entry stays inside the view, also after the window narrows.
  void aSearchsManyLongLabelsStayInsideTheView() {
    std::vector<TrialDisplay> trials;
    for (int t = 0; t < 40; ++t) trials.push_back({t, searchLabel(t), QColor(), -1, QString()});
    panel_->setTrials(trials);
    panel_->resize(1100, 260);
    for (int t = 0; t < 12; ++t) panel_->appendPoints(t, valEpochs(1 + t % 5));
    panel_->refreshNow();
    QTRY_VERIFY2(legendInsideTheView(), qPrintable(describe()));
    panel_->resize(900, 260);
    panel_->refreshNow();
    QTRY_VERIFY2(legendInsideTheView(), qPrintable(describe()));
  }
};

QTEST_MAIN(tst_curve_legend)
#include "tst_curve_legend.moc"
