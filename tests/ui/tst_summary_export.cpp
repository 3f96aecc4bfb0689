// Summary figures as files: the whole set of a two-key grid with repeats (each swept key, the
// heatmap, parallel coordinates, importance) in PNG, SVG and PDF, and the view shown through
// its Export dialog with a size, a DPI and a caption. Each file must be what its suffix says:
// a PNG of the asked size, an SVG that parses, a PDF.
#include <QFile>
#include <QImage>
#include <QImageReader>
#include <QSvgRenderer>
#include <QTemporaryDir>
#include <QTest>

#include "insight/summary_export.h"
#include "insight/summary_export_dialog.h"
#include "insight/summary_view.h"

using namespace sweeplab;
using namespace sweeplab::ui;

namespace {

RunSummary gridWithRepeats() {
  RunSummary run;
  run.experiment_name = "grid";
  int index = 0;
  for (const char* batch : {"32", "128", "512"})
    for (const char* rate : {"1e-05", "0.001", "0.1"})
      for (int seed = 0; seed < 2; ++seed) {
        TrialSummary trial;
        trial.index = index++;
        trial.swept = {{"training.batch_size", batch}, {"training.learning_rate", rate}};
        trial.seed = trial.repeat = seed;
        trial.status = TrialStatus::Finished;
        trial.best_val_acc = 0.4 + 0.1 * (index % 5) + 0.01 * seed;
        trial.test_acc = trial.best_val_acc - 0.02;
        trial.wall_seconds = 3.0 + index;
        trial.epochs_completed = 5;
        run.trials.push_back(trial);
      }
  return run;
}

void checkFile(const QString& path, const QSize& pngSize) {
  QFile file(path);
  QVERIFY2(file.open(QIODevice::ReadOnly), qPrintable(path));
  const QByteArray bytes = file.readAll();
  if (path.endsWith(".png")) {
    const QImage image(path);
    QVERIFY2(!image.isNull(), qPrintable(path));
    QCOMPARE(image.size(), pngSize);
  } else if (path.endsWith(".svg")) {
    QSvgRenderer svg(bytes);
    QVERIFY2(svg.isValid(), qPrintable(path));
  } else {
    QVERIFY2(bytes.startsWith("%PDF"), qPrintable(path));
  }
}

}  // namespace

class tst_summary_export : public QObject {
  Q_OBJECT

  QTemporaryDir dir_;

 private Q_SLOTS:
  void initTestCase() { QVERIFY(dir_.isValid()); }

  void theRunsSetIsWrittenInEveryFormat() {
    QStringList written;
    QString error;
    const SummaryExportOptions options;
    QVERIFY2(
        exportSummaryFigures(gridWithRepeats(), dir_.filePath("set"), options, &written, &error),
        qPrintable(error));
    QStringList expected;
    for (const char* stem : {"summary_batch_size", "summary_learning_rate", "summary_heatmap",
                             "summary_parallel", "summary_importance"})
      for (const char* format : {"png", "svg", "pdf"})
        expected << dir_.filePath(QStringLiteral("set/%1.%2").arg(stem, format));
    QCOMPARE(written, expected);
    for (const QString& path : written) checkFile(path, options.figure.pixelSize);
  }

  void nothingSweptWritesNothing() {
    RunSummary single = gridWithRepeats();
    for (TrialSummary& trial : single.trials) trial.swept.clear();
    QStringList written;
    QString error;
    QVERIFY(exportSummaryFigures(single, dir_.filePath("none"), {}, &written, &error));
    QVERIFY(written.isEmpty());
  }

  void theViewShownIsExportedWithSizeDpiAndCaption_data() {
    QTest::addColumn<int>("kind");
    QTest::newRow("slice") << int(SummaryKind::Slice);
    QTest::newRow("heatmap") << int(SummaryKind::Heatmap);
    QTest::newRow("parallel") << int(SummaryKind::Parallel);
    QTest::newRow("importance") << int(SummaryKind::Importance);
  }
  void theViewShownIsExportedWithSizeDpiAndCaption() {
    QFETCH(int, kind);
    SummaryView view;
    view.showRun(gridWithRepeats());
    view.setChoice(
        {SummaryKind(kind), kind == int(SummaryKind::Slice) ? "training.batch_size" : ""});
    QCOMPARE(int(view.choice().kind), kind);
    const QString caption = QStringLiteral("Figure 3: the grid at a glance");
    for (const char* format : {"png", "svg", "pdf"}) {
      const QString path = dir_.filePath(QStringLiteral("view-%1.%2").arg(kind).arg(format));
      SummaryExportDialog dialog(&view, path);
      dialog.setPixelSize(QSize(900, 600));
      dialog.setDpi(150);
      dialog.setCaption(caption);
      QVERIFY2(dialog.exportFile(), qPrintable(dialog.lastError()));
      checkFile(path, QSize(900, 600));
      if (QString(format) == "png") {
        QImageReader reader(path);
        QCOMPARE(reader.text("Title"), caption);
        const QImage image = reader.read();
        QVERIFY(qAbs(image.dotsPerMeterX() - 150 / 0.0254) < 2);
      }
    }
  }
};

QTEST_MAIN(tst_summary_export)
#include "tst_summary_export.moc"
