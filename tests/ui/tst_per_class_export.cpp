// The Export dialog's "Per-class recall" box writes exactly what `sweeplab-cli table RUNDIR
// --per-class` prints, format by format, and without the box exactly what plain `table` prints.
#include <QFile>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include "export_dialog.h"
#include "per_class_fixture.h"
#include "results_export.h"
#include "table_export_support.h"

using namespace sweeplab;
using namespace sweeplab::ui;

class tst_per_class_export : public QObject {
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

  void dialogWritesWhatTheCommandLinePrints_data() {
    QTest::addColumn<bool>("perClass");
    QTest::addColumn<QString>("format");
    QTest::addColumn<QString>("suffix");
    for (bool perClass : {true, false}) {
      const char* tag = perClass ? "per-class " : "plain ";
      QTest::newRow(QByteArray(tag).append("md").constData()) << perClass << "md"
                                                              << ".md";
      QTest::newRow(QByteArray(tag).append("md-transposed").constData())
          << perClass << "md-transposed"
          << "-transposed.md";
      QTest::newRow(QByteArray(tag).append("csv").constData()) << perClass << "csv"
                                                               << ".csv";
      QTest::newRow(QByteArray(tag).append("latex").constData()) << perClass << "latex"
                                                                 << ".tex";
      QTest::newRow(QByteArray(tag).append("json").constData()) << perClass << "json"
                                                                << ".json";
    }
  }
  void dialogWritesWhatTheCommandLinePrints() {
    QFETCH(bool, perClass);
    QFETCH(QString, format);
    QFETCH(QString, suffix);
    ExportDialog dialog(nullptr);
    QVERIFY(dialog.loadRunFolder(run_dir_));
    const QString out = dir_.filePath(perClass ? "with" : "without");
    dialog.setOutputDirectory(out);
    dialog.setPerClassRecall(perClass);
    test::exportTablesOnly(dialog);
    const QStringList written = dialog.exportFiles();
    QVERIFY2(dialog.lastError().isEmpty(), qPrintable(dialog.lastError()));
    const QString file = QDir(out).filePath("per_class" + suffix);
    QVERIFY2(written.contains(file), qPrintable(written.join('\n')));

    QStringList args{"table", run_dir_, "--format", format};
    if (perClass) args << "--per-class";
    const QString printed = test::cliOutput(args);
    QCOMPARE(test::readText(file), printed);
    if (format == "md") {
      QCOMPARE(printed.contains("| recall z |"), perClass);
      QVERIFY(printed.contains("\n- batch_size=128: Class z is almost never predicted right"));
    }
  }
};

QTEST_MAIN(tst_per_class_export)
#include "tst_per_class_export.moc"
