// The confusion-matrix figure: what it takes from a trial, its PNG of the requested size and
// dpi, its SVG and PDF, the cells coloured by row share, a trial without a matrix, and the
// dialog's export.
#include <QFile>
#include <QImage>
#include <QSvgRenderer>
#include <QTemporaryDir>
#include <QtTest>

#include "charts/confusion_matrix.h"
#include "confusion_matrix_dialog.h"
#include "per_class_fixture.h"

using namespace sweeplab;
using namespace sweeplab::ui;

namespace {

ConfusionMatrix deadClassMatrix() {
  return confusionMatrixOf(test::perClassRun().trials[1], test::kJscClasses);
}

QByteArray readBytes(const QString& path) {
  QFile file(path);
  return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

}  // namespace

class tst_confusion_matrix : public QObject {
  Q_OBJECT

  QTemporaryDir dir_;

 private Q_SLOTS:
  void matrixComesFromTheTrial() {
    const TrialSummary trial = test::perClassRun().trials[1];
    const ConfusionMatrix matrix = deadClassMatrix();
    QVERIFY(matrix.hasCounts());
    QCOMPARE(matrix.classes, (QStringList{"g", "q", "w", "z", "t"}));
    QCOMPARE(matrix.counts, trial.test_confusion);
    QCOMPARE(matrix.title, QString("Confusion matrix: batch_size=128"));
    QVERIFY2(matrix.subtitle.startsWith(
                 QStringLiteral("Test accuracy %1 %").arg(trial.test_acc * 100, 0, 'f', 2)),
             qPrintable(matrix.subtitle));
    long long rows = 0;
    for (long long count : trial.test_confusion) rows += count;
    QVERIFY2(matrix.subtitle.contains(QStringLiteral("best checkpoint · %1 test rows").arg(rows)),
             qPrintable(matrix.subtitle));
    QCOMPARE(matrix.deadClasses, std::vector<int>{3});
    QVERIFY(matrix.note.startsWith("dead class: z"));
    QVERIFY(confusionMatrixOf(test::perClassRun().trials[0], test::kJscClasses).note.isEmpty());
  }

  void pngHasTheRequestedSizeAndDpi_data() {
    QTest::addColumn<QSize>("size");
    QTest::addColumn<int>("dpi");
    QTest::newRow("default") << confusionMatrixFigureOptions().pixelSize
                             << confusionMatrixFigureOptions().dpi;
    QTest::newRow("screen") << QSize(800, 700) << 96;
    QTest::newRow("wide") << QSize(2400, 900) << 200;
  }
  void pngHasTheRequestedSizeAndDpi() {
    QFETCH(QSize, size);
    QFETCH(int, dpi);
    FigureOptions options = confusionMatrixFigureOptions();
    options.pixelSize = size;
    options.dpi = dpi;
    const QString path = dir_.filePath("matrix.png");
    QString error;
    QVERIFY2(exportConfusionMatrix(deadClassMatrix(), options, path, &error), qPrintable(error));
    QVERIFY(readBytes(path).startsWith("\x89PNG\r\n\x1a\n"));
    const QImage image(path);
    QCOMPARE(image.size(), size);
    QVERIFY(std::abs(image.dotsPerMeterX() - dpi / 0.0254) < 2);
    QCOMPARE(QColor(image.pixel(0, 0)), QColor(Qt::white));
    // The heatmap's darkest blue (most of a row) and its lightest both appear.
    int dark = 0, light = 0;
    for (int y = 0; y < image.height(); y += 3) {
      for (int x = 0; x < image.width(); x += 3) {
        const QColor c(image.pixel(x, y));
        dark += c.blue() > 80 && c.red() < 40 && c.green() < 90;
        light += c.blue() > 240 && c.red() > 200 && c.red() < 250;
      }
    }
    QVERIFY2(dark > 100 && light > 100, qPrintable(QString("%1 %2").arg(dark).arg(light)));
  }

  void svgAndPdfAreWritten() {
    const QString svg = dir_.filePath("matrix.svg");
    const QString pdf = dir_.filePath("matrix.pdf");
    QString error;
    QVERIFY2(exportConfusionMatrix(deadClassMatrix(), confusionMatrixFigureOptions(), svg, &error),
             qPrintable(error));
    QVERIFY2(exportConfusionMatrix(deadClassMatrix(), confusionMatrixFigureOptions(), pdf, &error),
             qPrintable(error));
    QSvgRenderer renderer(svg);
    QVERIFY(renderer.isValid());
    QCOMPARE(renderer.viewBoxF(), QRectF(0, 0, 576, 480));  // 6 x 5 in at 96 per inch
    const QByteArray text = readBytes(svg);
    for (const char* expected : {"Confusion matrix: batch_size=128", "Predicted class",
                                 "True class", "2896", "dead class"})
      QVERIFY2(text.contains(expected), expected);
    const QByteArray document = readBytes(pdf);
    QVERIFY(document.startsWith("%PDF"));
    QVERIFY(document.size() > 3000);
  }

  void trialWithoutAMatrixSaysSo() {
    TrialSummary older = test::perClassRun().trials[0];
    older.test_confusion.clear();
    const ConfusionMatrix matrix = confusionMatrixOf(older, {});
    QVERIFY(!matrix.hasCounts());
    const QString svg = dir_.filePath("none.svg");
    QString error;
    QVERIFY2(exportConfusionMatrix(matrix, confusionMatrixFigureOptions(), svg, &error),
             qPrintable(error));
    QVERIFY(readBytes(svg).contains("No test confusion matrix was recorded"));
  }

  void errorsNameTheFile() {
    QString error;
    const QString path = dir_.filePath("matrix.jpg");
    QVERIFY(
        !exportConfusionMatrix(deadClassMatrix(), confusionMatrixFigureOptions(), path, &error));
    QVERIFY2(error.contains(path) && error.contains(".png, .svg or .pdf"), qPrintable(error));
    FigureOptions tiny = confusionMatrixFigureOptions();
    tiny.pixelSize = QSize(20, 20);
    QVERIFY(!exportConfusionMatrix(deadClassMatrix(), tiny, dir_.filePath("t.png"), &error));
    QVERIFY2(error.contains("20x20"), qPrintable(error));
  }

  void dialogShowsTheChosenTrialAndExportsIt() {
    const RunSummary run = test::perClassRun();
    ConfusionMatrixDialog dialog(run.trials, run.class_names, 1);
    QCOMPARE(dialog.currentTrial(), 1);
    QCOMPARE(dialog.view()->matrix().counts, run.trials[1].test_confusion);
    dialog.showTrial(2);
    QCOMPARE(dialog.currentTrial(), 2);
    QCOMPARE(dialog.view()->matrix().title, QString("Confusion matrix: batch_size=256"));
    const QString path = dir_.filePath("dialog.png");
    QVERIFY(dialog.exportTo(path));
    QCOMPARE(QImage(path).size(), confusionMatrixFigureOptions().pixelSize);
    QVERIFY(!dialog.exportTo(dir_.filePath("missing/dialog.png")));

    ConfusionMatrixDialog fallback(run.trials, run.class_names, 42);  // not among them
    QCOMPARE(fallback.currentTrial(), 0);
  }
};

QTEST_MAIN(tst_confusion_matrix)
#include "tst_confusion_matrix.moc"
