// Telling trials apart: ten palette colours far from each other, labels taken apart into their
// swept keys, and a two-key grid drawn as colours times dashes with a legend naming both keys,
// in the window and in exported figures.
#include <QChart>
#include <QChartView>
#include <QFile>
#include <QLegend>
#include <QLegendMarker>
#include <QLineSeries>
#include <QTemporaryDir>
#include <QtTest>
#include <cmath>
#include <set>

#include "charts/curve_panel.h"
#include "charts/figure_export.h"
#include "charts/trial_palette.h"
#include "charts/trial_styles.h"
#include "run_colors.h"
#include "ui_test_support.h"

using namespace sweeplab::ui;
using sweeplab::MetricPoint;

namespace {

// CIELAB of an sRGB colour (D65), for the distance a reader sees between two colours.
std::array<double, 3> lab(const QColor& color) {
  const auto linear = [](double c) {
    return c <= 0.04045 ? c / 12.92 : std::pow((c + 0.055) / 1.055, 2.4);
  };
  const double r = linear(color.redF()), g = linear(color.greenF()), b = linear(color.blueF());
  const double x = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047;
  const double y = 0.2126 * r + 0.7152 * g + 0.0722 * b;
  const double z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883;
  const auto f = [](double t) { return t > 0.008856 ? std::cbrt(t) : 7.787 * t + 16.0 / 116; };
  return {116 * f(y) - 16, 500 * (f(x) - f(y)), 200 * (f(y) - f(z))};
}

double distance(const QColor& a, const QColor& b) {
  const auto p = lab(a), q = lab(b);
  return std::hypot(p[0] - q[0], p[1] - q[1], p[2] - q[2]);
}

QStringList gridLabels(int rates, int batches) {
  const QStringList lr{"1e-4", "1e-3", "1e-2", "3e-2", "1e-1", "3e-1", "1", "2", "3", "4", "5"};
  QStringList labels;
  for (int i = 0; i < rates; ++i)
    for (int j = 0; j < batches; ++j)
      labels << QStringLiteral("learning_rate=%1, batch_size=%2").arg(lr[i]).arg(32 << j);
  return labels;
}

std::vector<MetricPoint> valEpochs(double offset) {
  std::vector<MetricPoint> points;
  for (int epoch = 1; epoch <= 6; ++epoch)
    points.push_back({sweeplab::metric::kValAccEpoch, epoch * 100LL, double(epoch), epoch * 3200LL,
                      epoch * 1.0, 0.4 + 0.04 * epoch + offset});
  return points;
}

}  // namespace

class tst_trial_styles : public QObject {
  Q_OBJECT

 private Q_SLOTS:
  // Trials 1 and 9, 2 and 7 were shades of one colour; now every pair of the first ten is at
  // least 40 CIELAB units apart, and none is too light for a thin line on white.
  void firstTenColoursAreFarApart() {
    QCOMPARE(trialPaletteSize(), 10);
    double closest = 1e9;
    for (int a = 0; a < 10; ++a) {
      QVERIFY2(lab(trialColor(a))[0] <= 70, qPrintable(trialColor(a).name()));
      for (int b = a + 1; b < 10; ++b)
        closest = std::min(closest, distance(trialColor(a), trialColor(b)));
    }
    QVERIFY2(closest >= 40, qPrintable(QString::number(closest)));
  }

  void labelsAreTakenApart() {
    const LabelParts parts = labelParts("learning_rate=1e-4, hidden=[64, 32] seed=3");
    QVERIFY(parts.parsed);
    QCOMPARE(parts.swept.size(), size_t(2));
    QCOMPARE(parts.swept[0].first, QStringLiteral("learning_rate"));
    QCOMPARE(parts.swept[1].second, QStringLiteral("[64, 32]"));
    QCOMPARE(parts.suffix, QStringLiteral(" seed=3"));
    QVERIFY(!labelParts("#12 learning_rate=1e-4").parsed);  // an overlay's legend text
  }

  void whichGridsGetColoursAndDashes_data() {
    QTest::addColumn<int>("rates");
    QTest::addColumn<int>("batches");
    QTest::addColumn<bool>("grid");
    QTest::addColumn<QString>("colorKey");
    QTest::newRow("3 x 3") << 3 << 3 << true << "learning_rate";
    QTest::newRow("4 x 3") << 4 << 3 << true << "learning_rate";
    QTest::newRow("2 x 4: more batch sizes") << 2 << 4 << true << "batch_size";
    QTest::newRow("6 x 5") << 6 << 5 << true << "learning_rate";
    QTest::newRow("11 x 3: too many colours") << 11 << 3 << false << "";
    QTest::newRow("one key") << 5 << 1 << false << "";
  }
  void whichGridsGetColoursAndDashes() {
    QFETCH(int, rates);
    QFETCH(int, batches);
    QFETCH(bool, grid);
    QFETCH(QString, colorKey);
    const TrialStyles styles = trialStyles(gridLabels(rates, batches));
    QCOMPARE(styles.grid, grid);
    if (grid) QCOMPARE(styles.colorKey, colorKey);
  }

  // A key with one value tells no trial apart: the legend leaves it out, the tooltip has it.
  void legendTextKeepsWhatDiffers() {
    const TrialStyles styles =
        trialStyles(QStringList{"model=jsc-tiny, batch_size=64", "model=jsc-tiny, batch_size=128"});
    QVERIFY(!styles.grid);
    QCOMPARE(styles.legendText("model=jsc-tiny, batch_size=64"), QStringLiteral("batch_size=64"));
    QCOMPARE(trialStyles(QStringList{"#1 a", "#2 b"}).legendText("#1 a"), QStringLiteral("#1 a"));
  }

  void theSameStylesFromSweptValues() {
    std::vector<std::vector<std::pair<std::string, std::string>>> swept;
    for (const char* lr : {"1e-4", "1e-3", "1e-2"})
      for (const char* batch : {"32", "64", "128"})
        swept.push_back({{"training.learning_rate", lr}, {"training.batch_size", batch}});
    const TrialStyles fromSwept = trialStyles(swept);
    const TrialStyles fromLabels = trialStyles(gridLabels(3, 3));
    QVERIFY(fromSwept.grid);
    QCOMPARE(fromSwept.colorValues, fromLabels.colorValues);
    QCOMPARE(fromSwept.styleValues, fromLabels.styleValues);
    // The trials table's swatches: the same three colours the curves have.
    std::vector<int> indices(swept.size());
    for (size_t i = 0; i < indices.size(); ++i) indices[i] = static_cast<int>(i);
    const RunColors colors = runColors(indices, swept);
    const QStringList labels = gridLabels(3, 3);
    for (size_t i = 0; i < indices.size(); ++i)
      QCOMPARE(colors.colors[i], fromLabels.color(labels[static_cast<int>(i)]));
  }

  // The case: a 3 x 3 learning-rate x batch-size grid in the window.
  void aGridInTheWindowIsColoursTimesDashes() {
    CurvePanel panel;
    panel.resize(1200, 450);
    panel.show();
    QVERIFY(QTest::qWaitForWindowExposed(&panel));
    std::vector<TrialDisplay> trials;
    const QStringList labels = gridLabels(3, 3);
    for (int i = 0; i < labels.size(); ++i) trials.push_back({i, labels[i], trialColor(i)});
    panel.setTrials(trials);
    for (int i = 0; i < labels.size(); ++i) panel.appendPoints(i, valEpochs(0.01 * i));
    panel.refreshNow();

    const FigureData figure = panel.figureData();
    std::set<QRgb> colors;
    std::set<int> styles;
    std::set<std::pair<QRgb, int>> pairs;
    for (const FigureCurve& curve : figure.charts[1].curves) {
      colors.insert(curve.color.rgb());
      styles.insert(curve.lineStyle);
      pairs.insert({curve.color.rgb(), curve.lineStyle});
    }
    QCOMPARE(colors.size(), size_t(3));
    QCOMPARE(styles.size(), size_t(3));
    QCOMPARE(pairs.size(), size_t(9));  // every trial its own look
    auto* view = panel.findChild<QChartView*>(QStringLiteral("validationChart"));
    for (QAbstractSeries* series : view->chart()->series()) {
      if (series->objectName() != QStringLiteral("line:4")) continue;
      QCOMPARE(static_cast<QLineSeries*>(series)->pen().style(), Qt::DashLine);  // 1e-3, 64
    }

    QTest::qWait(100);  // the legend lays its entries out later
    QStringList entries;
    for (QLegendMarker* marker : view->chart()->legend()->markers())
      if (marker->isVisible()) entries << marker->label();
    QCOMPARE(entries, (QStringList{"learning_rate=1e-4", "learning_rate=1e-3", "learning_rate=1e-2",
                                   "batch_size=32", "batch_size=64", "batch_size=128"}));
    test::saveScreenshot(&panel, QStringLiteral("grid-legend"));

    // An entry stands for its trials: a click hides the three trials of learning_rate=1e-3.
    for (QLegendMarker* marker : view->chart()->legend()->markers())
      if (marker->label() == QStringLiteral("learning_rate=1e-3")) Q_EMIT marker->clicked();
    for (int i = 0; i < 9; ++i) QCOMPARE(panel.isTrialShown(i), i / 3 != 1);
  }

  void anExportedGridFigureNamesBothKeys() {
    FigureChart chart{"Validation accuracy", "Epoch", "Accuracy", true, {}, 0};
    const QStringList labels = gridLabels(3, 3);
    const TrialStyles styles = trialStyles(labels);
    for (int i = 0; i < labels.size(); ++i) {
      FigureCurve curve{i,  labels[i], styles.color(labels[i]),
                        {}, false,     styles.lineStyle(labels[i])};
      for (int epoch = 1; epoch <= 6; ++epoch) curve.points.emplace_back(epoch, 0.5 + 0.01 * i);
      chart.curves.push_back(curve);
    }
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("grid.svg"));
    QString error;
    QVERIFY2(exportFigure(FigureData{{chart}}, FigureOptions{}, path, &error), qPrintable(error));
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray svg = file.readAll();
    for (const char* entry : {"learning_rate=1e-2", "batch_size=128"}) QVERIFY(svg.contains(entry));
    QVERIFY(!svg.contains("learning_rate=1e-4, batch_size=32"));  // no entry per trial
    const QString png = qEnvironmentVariable("SWEEPLAB_TEST_SCREENSHOTS");
    if (!png.isEmpty()) {
      FigureOptions options;
      options.pixelSize = QSize(1200, 800);
      options.dpi = 150;
      QVERIFY(exportFigure(FigureData{{chart}}, options, png + QStringLiteral("/grid-figure.png"),
                           &error));
    }
  }
};

QTEST_MAIN(tst_trial_styles)
#include "tst_trial_styles.moc"
