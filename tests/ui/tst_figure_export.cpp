// Figure export without a window: PNG size and dpi, SVG and PDF validity, caption band, errors,
// and the standard figure set of a run.
#include <QColor>
#include <QFile>
#include <QImage>
#include <QSet>
#include <QSvgRenderer>
#include <QTemporaryDir>
#include <QtTest>

#include "charts/figure_export.h"
#include "charts/standard_figures.h"
#include "charts/trial_palette.h"
#include "sweeplab/run_folder.h"

using namespace sweeplab::ui;

namespace {

FigureChart accuracyChart(const QString& title, int points) {
  FigureChart chart{title, "Step", "Accuracy", true, {}, 0};
  for (int trial = 0; trial < 3; ++trial) {
    FigureCurve curve{
        trial, QStringLiteral("batch_size=%1").arg(32 << trial), trialColor(trial), {}, trial == 2};
    for (int i = 1; i <= points; ++i) {
      curve.points.emplace_back(i * 50.0, 0.7 - 0.5 / (1 + i * 0.05 * (trial + 1)));
    }
    chart.curves.push_back(curve);
  }
  return chart;
}

FigureData sideBySide() {
  return FigureData{
      {accuracyChart("Training accuracy", 2000), accuracyChart("Validation accuracy", 20)}};
}

QSet<QRgb> colorsIn(const QImage& image) {
  QSet<QRgb> colors;
  for (int y = 0; y < image.height(); y += 7) {
    for (int x = 0; x < image.width(); x += 7) colors.insert(image.pixel(x, y));
  }
  return colors;
}

}  // namespace

class tst_figure_export : public QObject {
  Q_OBJECT

  QTemporaryDir dir_;

 private Q_SLOTS:
  void pngHasRequestedSizeAndDpi_data() {
    QTest::addColumn<QSize>("size");
    QTest::addColumn<int>("dpi");
    QTest::addColumn<int>("charts");
    QTest::newRow("screen single") << QSize(800, 600) << 96 << 1;
    QTest::newRow("print single") << QSize(1800, 1350) << 300 << 1;
    QTest::newRow("print side by side") << QSize(3600, 1500) << 300 << 2;
    QTest::newRow("small") << QSize(400, 300) << 72 << 2;
  }

  void pngHasRequestedSizeAndDpi() {
    QFETCH(QSize, size);
    QFETCH(int, dpi);
    QFETCH(int, charts);
    FigureData figure = sideBySide();
    figure.charts.resize(static_cast<size_t>(charts));
    FigureOptions options;
    options.pixelSize = size;
    options.dpi = dpi;
    const QString path = dir_.filePath(QStringLiteral("figure.png"));
    QString error;
    QVERIFY2(exportFigure(figure, options, path, &error), qPrintable(error));
    QImage image(path);
    QVERIFY(!image.isNull());
    QCOMPARE(image.size(), size);
    QVERIFY(std::abs(image.dotsPerMeterX() - dpi / 0.0254) < 2);
    QVERIFY(std::abs(image.dotsPerMeterY() - dpi / 0.0254) < 2);
    QCOMPARE(QColor(image.pixel(0, 0)), QColor(Qt::white));  // publication white, no chrome
    QVERIFY2(colorsIn(image).size() > 10, "the figure looks blank");
  }

  // The caption's band is part of the size asked for: the file is exactly that size, with
  // the caption's text in a band at the bottom.
  void captionKeepsTheRequestedSize_data() {
    QTest::addColumn<QSize>("size");
    QTest::addColumn<int>("charts");
    QTest::newRow("dialog default") << QSize(1800, 1200) << 1;
    QTest::newRow("standard side by side") << QSize(3600, 1500) << 2;
    QTest::newRow("odd size") << QSize(1001, 333) << 2;
  }
  void captionKeepsTheRequestedSize() {
    QFETCH(QSize, size);
    QFETCH(int, charts);
    FigureData figure = sideBySide();
    figure.charts.resize(static_cast<size_t>(charts));
    FigureOptions options;
    options.pixelSize = size;
    const QString plain = dir_.filePath(QStringLiteral("plain.png"));
    const QString captioned = dir_.filePath(QStringLiteral("captioned.png"));
    QString error;
    QVERIFY(exportFigure(figure, options, plain, &error));
    options.caption = QStringLiteral("Training accuracy for different batch sizes");
    QVERIFY2(exportFigure(figure, options, captioned, &error), qPrintable(error));
    const QImage without(plain);
    const QImage with(captioned);
    QCOMPARE(without.size(), size);
    QCOMPARE(with.size(), size);
    QCOMPARE(QImage::fromData(renderFigurePng(figure, options, &error)).size(), size);
    // The band holds the caption's text at the bottom: a figure of the caption alone has
    // dark pixels only in its lower part.
    options.legend = false;
    const QImage band = QImage::fromData(renderFigurePng(FigureData{}, options, &error));
    QCOMPARE(band.size(), size);
    int top = band.height(), bottom = -1;
    for (int y = 0; y < band.height(); ++y)
      for (int x = 0; x < band.width(); ++x)
        if (qGray(band.pixel(x, y)) < 100) {
          top = std::min(top, y);
          bottom = y;
        }
    QVERIFY2(bottom >= 0, "no caption text");
    QVERIFY2(top > band.height() * 3 / 4, qPrintable(QString::number(top)));
  }

  void svgParses() {
    FigureOptions options;
    options.caption = QStringLiteral("Figure 2: Validation accuracy");
    const QString path = dir_.filePath(QStringLiteral("figure.svg"));
    QString error;
    QVERIFY2(exportFigure(sideBySide(), options, path, &error), qPrintable(error));
    QSvgRenderer renderer(path);
    QVERIFY(renderer.isValid());
    QVERIFY(renderer.defaultSize().width() > 100);
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray svg = file.readAll();
    QVERIFY(svg.contains("Validation accuracy"));
    QVERIFY(svg.contains("batch_size=64"));
  }

  // Tick labels are never cut to "100..." on a narrow chart: fewer ticks instead (Qt Charts
  // elides a label that does not fit with three dots).
  void tickLabelsAreWhole_data() {
    QTest::addColumn<QSize>("size");
    QTest::newRow("default") << FigureOptions{}.pixelSize;
    QTest::newRow("one column of a paper") << QSize(1050, 700);  // 3.5 inches at 300 dpi
  }
  void tickLabelsAreWhole() {
    QFETCH(QSize, size);
    FigureOptions options;
    options.pixelSize = size;
    const QString path = dir_.filePath(QStringLiteral("ticks.svg"));
    QString error;
    QVERIFY2(exportFigure(sideBySide(), options, path, &error), qPrintable(error));
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QString svg = QString::fromUtf8(file.readAll());
    QVERIFY(!svg.contains(QStringLiteral("...")));
    QVERIFY(svg.contains(QStringLiteral(">0<")));  // the first x tick, whole
  }

  void pdfIsWritten() {
    const QString path = dir_.filePath(QStringLiteral("figure.pdf"));
    QString error;
    QVERIFY2(exportFigure(sideBySide(), FigureOptions{}, path, &error), qPrintable(error));
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray pdf = file.readAll();
    QVERIFY(pdf.startsWith("%PDF"));
    QVERIFY(pdf.size() > 5000);
  }

  void errorsNameTheProblem_data() {
    QTest::addColumn<QString>("name");
    QTest::addColumn<QSize>("size");
    QTest::addColumn<int>("dpi");
    QTest::addColumn<QString>("expected");
    QTest::newRow("format") << "bad.jpg" << QSize(800, 600) << 96 << ".png, .svg or .pdf";
    QTest::newRow("size") << "too-small.png" << QSize(10, 600) << 96 << "10x600";
    QTest::newRow("dpi") << "low-dpi.png" << QSize(800, 600) << 5 << "dpi 5";
    QTest::newRow("folder") << "missing/figure.png" << QSize(800, 600) << 96 << "cannot write";
  }

  void errorsNameTheProblem() {
    QFETCH(QString, name);
    QFETCH(QSize, size);
    QFETCH(int, dpi);
    QFETCH(QString, expected);
    FigureOptions options;
    options.pixelSize = size;
    options.dpi = dpi;
    const QString path = dir_.filePath(name);
    QString error;
    QVERIFY(!exportFigure(sideBySide(), options, path, &error));
    QVERIFY2(error.contains(expected), qPrintable(error));
    QVERIFY2(error.contains(path), qPrintable(error));
    QVERIFY(!QFile::exists(path));
  }

  void emptyFigureStillExports() {
    const QString path = dir_.filePath(QStringLiteral("empty.png"));
    QString error;
    FigureData figure{{FigureChart{"Training accuracy", "Step", "Accuracy", true, {}, 0}}};
    QVERIFY2(exportFigure(figure, FigureOptions{}, path, &error), qPrintable(error));
    QVERIFY(!QImage(path).isNull());
  }

  void standardFiguresOfARun() {
    sweeplab::RunSummary summary;
    summary.experiment_name = "jsc-tiny-batch-size";
    RunMetricPoints metrics;
    for (int i = 0; i < 2; ++i) {
      sweeplab::TrialSummary trial;
      trial.index = i;
      trial.label = i == 0 ? "batch_size=64" : "batch_size=512";
      trial.swept = {{"training.batch_size", i == 0 ? "64" : "512"}};
      trial.status = i == 0 ? sweeplab::TrialStatus::Finished : sweeplab::TrialStatus::Diverged;
      summary.trials.push_back(trial);
      std::vector<sweeplab::MetricPoint> points;
      for (int step = 50; step <= 1000; step += 50) {
        points.push_back({sweeplab::metric::kTrainAccStep, step, step / 500.0, step * 64, 0, 0.6});
        points.push_back({sweeplab::metric::kTrainLossStep, step, step / 500.0, step * 64, 0, 1.1});
      }
      points.push_back({sweeplab::metric::kValAccEpoch, 500, 1, 32000, 0, 0.62});
      points.push_back({sweeplab::metric::kValLossEpoch, 500, 1, 32000, 0, 1.05});
      metrics.push_back(points);
    }
    const FigureData train =
        standardFigureData(summary, metrics, StandardFigure::TrainAccuracy, XAxisKind::Step, 0);
    QCOMPARE(train.charts.size(), size_t(1));
    QCOMPARE(train.charts[0].curves.size(), size_t(2));
    QCOMPARE(train.charts[0].curves[0].points.size(), size_t(20));
    QVERIFY(train.charts[0].curves[1].endsInFailure);
    QCOMPARE(train.charts[0].curves[1].color, trialColor(1));
    QCOMPARE(standardFigureCaption(summary, StandardFigure::ValAccuracy),
             QStringLiteral("Validation accuracy for different batch sizes (jsc-tiny-batch-size)"));
    QCOMPARE(standardFigureCaption(summary, StandardFigure::ValAccuracy, 2),
             QStringLiteral("Figure 2: Validation accuracy for different batch sizes "
                            "(jsc-tiny-batch-size)"));
    summary.experiment_name = "batch_size";  // the name adds nothing to the caption then
    QCOMPARE(standardFigureCaption(summary, StandardFigure::ValAccuracy),
             QStringLiteral("Validation accuracy for different batch sizes"));
    summary.experiment_name = "jsc-tiny-batch-size";

    StandardFigureOptions options;
    options.single.pixelSize = QSize(600, 450);
    options.sideBySide.pixelSize = QSize(1200, 450);
    const QString out = dir_.filePath(QStringLiteral("figures"));
    QStringList written;
    QString error;
    QVERIFY2(exportStandardFigures(summary, metrics, out, options, &written, &error),
             qPrintable(error));
    QCOMPARE(written.size(), 6 * 3);
    for (const char* stem :
         {"train_acc", "val_acc", "side_by_side", "train_loss", "val_loss", "side_by_side_loss"}) {
      for (const char* suffix : {".png", ".svg", ".pdf"}) {
        const QString path = out + QLatin1Char('/') + QLatin1String(stem) + QLatin1String(suffix);
        QVERIFY2(written.contains(path), qPrintable(path));
        QVERIFY2(QFileInfo(path).size() > 0, qPrintable(path));
      }
    }
    QCOMPARE(QImage(out + QStringLiteral("/side_by_side.png")).width(), 1200);
  }

  void standardFiguresFromRunFolder() {
    const QString run = dir_.filePath(QStringLiteral("run"));
    QVERIFY(QDir().mkpath(run + QStringLiteral("/000-batch_size-64")));
    sweeplab::RunSummary summary;
    summary.experiment_name = "demo";
    sweeplab::TrialSummary finished;
    finished.label = "batch_size=64";
    finished.status = sweeplab::TrialStatus::Finished;
    finished.folder = "000-batch_size-64";
    sweeplab::TrialSummary queued;  // never ran: no metrics file, still a legend entry
    queued.index = 1;
    queued.label = "batch_size=128";
    queued.folder = "001-batch_size-128";
    summary.trials = {finished, queued};
    sweeplab::writeRunSummary(run.toStdString(), summary);
    std::vector<sweeplab::MetricPoint> points;
    for (int step = 50; step <= 500; step += 50) {
      points.push_back({sweeplab::metric::kTrainAccStep, step, step / 250.0, step * 64, 0, 0.5});
    }
    sweeplab::writeFileAtomically(run.toStdString() + "/000-batch_size-64/metrics.csv",
                                  sweeplab::metricsToCsv(points));
    StandardFigureOptions options;
    options.formats = {QStringLiteral("png")};
    options.single.pixelSize = QSize(600, 450);
    options.sideBySide.pixelSize = QSize(1200, 450);
    QStringList written;
    QString error;
    const QString out = dir_.filePath(QStringLiteral("run-figures"));
    QVERIFY2(exportStandardFiguresFromRunFolder(run, out, options, &written, &error),
             qPrintable(error));
    QCOMPARE(written.size(), 6);

    QVERIFY(!exportStandardFiguresFromRunFolder(dir_.filePath(QStringLiteral("nowhere")), out,
                                                options, &written, &error));
    QVERIFY2(error.contains(QStringLiteral("nowhere")), qPrintable(error));
  }

  // A batch-size sweep has a different number of steps per epoch in every trial: its figures
  // are drawn against epochs. Other sweeps keep TensorBoard's step axis.
  void reportFiguresUseEpochsWhenTheBatchSizeIsSwept() {
    sweeplab::RunSummary summary;
    sweeplab::TrialSummary trial;
    trial.swept = {{"training.learning_rate", "1e-3"}};
    summary.trials = {trial};
    QCOMPARE(preferredXAxis(summary), XAxisKind::Step);
    summary.trials[0].swept.push_back({"training.batch_size", "64"});
    QCOMPARE(preferredXAxis(summary), XAxisKind::Epoch);
  }
};

QTEST_MAIN(tst_figure_export)
#include "tst_figure_export.moc"
