// Writing tables: each format lands in its own file with the text the command line prints,
// and a folder that cannot be written gives a message naming it.
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include "results_export.h"
#include "sweeplab/results_table.h"

using namespace sweeplab;
using namespace sweeplab::ui;

class tst_results_export : public QObject {
  Q_OBJECT

  static RunSummary summary() {
    RunSummary run;
    run.experiment_name = "batch_size";
    for (int i = 0; i < 2; ++i) {
      TrialSummary trial;
      trial.index = i;
      trial.label = i == 0 ? "batch_size=64" : "batch_size=128";
      trial.swept = {{"training.batch_size", i == 0 ? "64" : "128"}};
      trial.status = TrialStatus::Finished;
      trial.train_acc = 0.6 + i * 0.05;
      trial.val_acc = 0.58 + i * 0.05;
      trial.best_val_acc = 0.59 + i * 0.05;
      trial.test_acc = 0.57 + i * 0.05;
      trial.test_loss = 1.1 - i * 0.1;
      trial.trainable_parameters = 117;
      trial.wall_seconds = 12.5;
      run.trials.push_back(trial);
    }
    return run;
  }

 private Q_SLOTS:
  void writesEachFormat_data() {
    QTest::addColumn<int>("format");
    QTest::addColumn<QString>("file");
    QTest::newRow("markdown") << int(TableFormat::Markdown) << "run.md";
    QTest::newRow("transposed") << int(TableFormat::MarkdownTransposed) << "run-transposed.md";
    QTest::newRow("csv") << int(TableFormat::Csv) << "run.csv";
    QTest::newRow("latex") << int(TableFormat::Latex) << "run.tex";
    QTest::newRow("json") << int(TableFormat::Json) << "run.json";
  }

  void writesEachFormat() {
    QFETCH(int, format);
    QFETCH(QString, file);
    QTemporaryDir dir;
    QString error;
    const auto table = static_cast<TableFormat>(format);
    const QStringList written = writeTables(summary(), {table}, dir.path(), "run", &error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QCOMPARE(written, QStringList{dir.filePath(file)});
    QFile out(dir.filePath(file));
    QVERIFY(out.open(QIODevice::ReadOnly));
    QCOMPARE(QString::fromUtf8(out.readAll()),
             QString::fromStdString(formatResultsTable(summary(), table)));
    QCOMPARE(tableText(summary(), table),
             QString::fromStdString(formatResultsTable(summary(), table)));
  }

  void unwritableFolderIsNamed() {
    QTemporaryDir dir;
    QFile blocker(dir.filePath("file"));
    QVERIFY(blocker.open(QIODevice::WriteOnly));
    blocker.close();
    QString error;
    const QString target = dir.filePath("file/sub");
    const QStringList written =
        writeTables(summary(), {TableFormat::Markdown}, target, "run", &error);
    QVERIFY(written.isEmpty());
    QVERIFY2(error.contains(target), qPrintable(error));
  }
};

QTEST_MAIN(tst_results_export)
#include "tst_results_export.moc"
