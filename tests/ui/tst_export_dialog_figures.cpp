// The Export dialog's figures: every PNG it writes (the curves as shown, each standard figure,
// the side-by-side ones) has the size entered, with and without a caption; the caption typed
// goes on every figure, "Figure N" only when numbering is on; the folder offered is the last
// one used or the run's own.
#include <QCheckBox>
#include <QDirIterator>
#include <QGroupBox>
#include <QImage>
#include <QLineEdit>
#include <QSet>
#include <QSettings>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtTest>

#include "charts/curve_panel.h"
#include "charts/trial_palette.h"
#include "export_dialog.h"
#include "per_class_fixture.h"

using namespace sweeplab;
using namespace sweeplab::ui;

namespace {

// The live panel showing the fixture's run, as the window shows a run it trained.
void showRun(CurvePanel& panel, const StoredRunView& view) {
  std::vector<TrialDisplay> trials;
  for (size_t i = 0; i < view.trials.size(); ++i)
    trials.push_back({view.trials[i].index, view.legend[i], trialColor(view.trials[i].index)});
  panel.setTrials(trials);
  for (size_t i = 0; i < view.points.size(); ++i)
    panel.appendPoints(view.trials[i].index, view.points[i]);
  panel.refreshNow();
}

// Only figures, PNG only, both kinds, the size and caption given, numbered or not.
void askForPngs(ExportDialog& dialog, const QSize& size, const QString& caption,
                bool numbered = false) {
  for (QGroupBox* group : dialog.findChildren<QGroupBox*>())
    group->setChecked(group->title() == QObject::tr("Figures"));
  for (const char* name : {"png", "asShown", "standardSet"})
    dialog.findChild<QCheckBox*>(QString::fromLatin1(name))->setChecked(true);
  for (const char* name : {"svg", "pdf"})
    dialog.findChild<QCheckBox*>(QString::fromLatin1(name))->setChecked(false);
  dialog.findChild<QSpinBox*>(QStringLiteral("pngWidth"))->setValue(size.width());
  dialog.findChild<QSpinBox*>(QStringLiteral("pngHeight"))->setValue(size.height());
  dialog.findChild<QLineEdit*>(QStringLiteral("caption"))->setText(caption);
  dialog.findChild<QCheckBox*>(QStringLiteral("numbered"))->setChecked(numbered);
}

// The caption a PNG was drawn with: the figure writers store it as the file's Title.
QString captionOf(const QString& png) {
  return QImage(png).text(QStringLiteral("Title"));
}

// With SWEEPLAB_TEST_SCREENSHOTS=DIR set, copies the files to DIR, so a person can look at them.
void keepForLooking(const QStringList& files, const QString& prefix) {
  const QString dir = qEnvironmentVariable("SWEEPLAB_TEST_SCREENSHOTS");
  if (dir.isEmpty()) return;
  QDir().mkpath(dir);
  for (const QString& file : files) {
    const QString copy = QDir(dir).filePath(prefix + QLatin1Char('-') + QFileInfo(file).fileName());
    QFile::remove(copy);
    QFile::copy(file, copy);
  }
}

bool isSideBySide(const QString& path) {
  return QFileInfo(path).baseName().startsWith(QLatin1String("side_by_side"));
}

}  // namespace

class tst_export_dialog_figures : public QObject {
  Q_OBJECT

  QTemporaryDir dir_;
  QString run_dir_;

 private Q_SLOTS:
  void initTestCase() {
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName("SweeplabTest");
    QVERIFY(dir_.isValid());
    run_dir_ = dir_.filePath("run");
    test::writePerClassRunFolder(run_dir_, test::perClassRun());
  }

  void everyFigureCarriesTheCaption_data() {
    QTest::addColumn<QString>("caption");
    QTest::addColumn<bool>("numbered");
    QTest::newRow("caption") << "Learning curves by batch size" << false;
    QTest::newRow("caption, numbered") << "Learning curves by batch size" << true;
    QTest::newRow("automatic") << QString() << false;
    QTest::newRow("automatic, numbered") << QString() << true;
  }
  void everyFigureCarriesTheCaption() {
    QFETCH(QString, caption);
    QFETCH(bool, numbered);
    CurvePanel panel;
    showRun(panel, test::perClassView());
    ExportDialog dialog(&panel);
    dialog.setRun(test::perClassRun(), run_dir_, true);
    const QString out = dir_.filePath(QString::fromLatin1(QTest::currentDataTag()));
    dialog.setOutputDirectory(out);
    askForPngs(dialog, QSize(900, 600), caption, numbered);

    const QStringList written = dialog.exportFiles();
    QVERIFY2(dialog.lastError().isEmpty(), qPrintable(dialog.lastError()));
    QCOMPARE(written.size(), 7);
    QStringList captions;
    for (const QString& path : written) captions << captionOf(path);
    for (int i = 0; i < captions.size(); ++i) {
      const QString& text = captions[i];
      QVERIFY2(!text.isEmpty() || (caption.isEmpty() && !numbered && i == 0),
               qPrintable(written[i]));
      if (!caption.isEmpty()) QVERIFY2(text.contains(caption), qPrintable(text));
      QCOMPARE(text.contains(QStringLiteral("Figure ")), numbered);
      if (numbered)
        QVERIFY2(text.startsWith(QStringLiteral("Figure %1: ").arg(i + 1)), qPrintable(text));
      QVERIFY2(!text.contains(QStringLiteral(" values")), qPrintable(text));
    }
    // Several figures: each names what it shows after the person's caption.
    QVERIFY2(captions.last().contains(QStringLiteral("Training and validation loss")),
             qPrintable(captions.last()));
    if (caption.isEmpty())
      QVERIFY2(captions[1].contains(QStringLiteral("Training accuracy for different batch sizes")),
               qPrintable(captions[1]));
    // The standard figures tell each other apart (the curves as shown may repeat one of them).
    const QStringList standard = captions.mid(1);
    QCOMPARE(QSet<QString>(standard.begin(), standard.end()).size(), standard.size());
    keepForLooking(written, QString::fromLatin1(QTest::currentDataTag()));
  }

  void theCaptionAloneOnTheOnlyFigure() {
    CurvePanel panel;
    showRun(panel, test::perClassView());
    ExportDialog dialog(&panel);
    dialog.setRun(test::perClassRun(), run_dir_, true);
    dialog.setOutputDirectory(dir_.filePath("only"));
    askForPngs(dialog, QSize(900, 600), QStringLiteral("Learning curves"));
    dialog.findChild<QCheckBox*>(QStringLiteral("standardSet"))->setChecked(false);
    const QStringList written = dialog.exportFiles();
    QCOMPARE(written.size(), 1);
    QCOMPARE(captionOf(written[0]), QStringLiteral("Learning curves"));
  }

  // The folder offered: the run's own until the person exported somewhere, then that one.
  void theFolderOfferedIsTheRunsOrTheLastOneUsed() {
    QSettings().remove(QStringLiteral("export/directory"));
    CurvePanel panel;
    {
      ExportDialog dialog(&panel);
      dialog.setRun(test::perClassRun(), run_dir_, true);
      auto* folder = dialog.findChild<QLineEdit*>(QStringLiteral("outputFolder"));
      QCOMPARE(folder->text(), run_dir_);
      folder->setText(dir_.filePath("chosen"));
      askForPngs(dialog, QSize(400, 300), QString());
      dialog.findChild<QCheckBox*>(QStringLiteral("standardSet"))->setChecked(false);
      QCOMPARE(dialog.exportFiles().size(), 1);
    }
    ExportDialog again(&panel);
    again.setRun(test::perClassRun(), run_dir_, true);
    QCOMPARE(again.findChild<QLineEdit*>(QStringLiteral("outputFolder"))->text(),
             dir_.filePath("chosen"));
    again.show();
    QVERIFY(QTest::qWaitForWindowExposed(&again));
    test::saveScreenshot(&again, QStringLiteral("export-dialog"));
  }

  void everyPngHasTheSizeEntered_data() {
    QTest::addColumn<QSize>("size");
    QTest::addColumn<QString>("caption");
    QTest::newRow("default, no caption") << QSize(1800, 1200) << QString();
    QTest::newRow("default, caption") << QSize(1800, 1200) << "Learning curves by batch size";
    QTest::newRow("small, long caption")
        << QSize(640, 400)
        << "Learning curves of three batch sizes, trained for six epochs on the synthetic "
           "jet data, smoothed with a weight of 0.6";
  }
  void everyPngHasTheSizeEntered() {
    QFETCH(QSize, size);
    QFETCH(QString, caption);
    CurvePanel panel;
    showRun(panel, test::perClassView());
    ExportDialog dialog(&panel);
    dialog.setRun(test::perClassRun(), run_dir_, true);
    const QString out = dir_.filePath(QString::fromLatin1(QTest::currentDataTag()));
    dialog.setOutputDirectory(out);
    askForPngs(dialog, size, caption);

    const QStringList written = dialog.exportFiles();
    QVERIFY2(dialog.lastError().isEmpty(), qPrintable(dialog.lastError()));
    QCOMPARE(written.size(), 1 + 6);  // as shown, and the standard set
    for (const QString& path : written) {
      const QSize expected = isSideBySide(path) ? QSize(2 * size.width(), size.height()) : size;
      QCOMPARE(QImage(path).size(), expected);
    }
    keepForLooking(written, QString::fromLatin1(QTest::currentDataTag()));
  }
};

QTEST_MAIN(tst_export_dialog_figures)
#include "tst_export_dialog_figures.moc"
