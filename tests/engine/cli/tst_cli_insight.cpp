// sweeplab-cli's sweep-insight outputs as a process prints them: `table --by KEY` is exactly what
// formatByValueTable gives for the run folder's summary, `importance` exactly keyImportance, and
// bad keys, formats and results are refused with one line that says what is accepted.
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QtTest>

#include "cli_runner.h"
#include "sweeplab/results_table.h"
#include "sweeplab/run_folder.h"
#include "sweeplab/sweep_insight.h"

using namespace sweeplab;

namespace {

// A two-key grid with two seeds per point, small enough to train in seconds.
const char* const kGridExperiment =
    "name: grid\n"
    "dataset:\n"
    "  source: synthetic-jsc\n"
    "  samples: 2000\n"
    "model: jsc-tiny\n"
    "training:\n"
    "  max_epochs: 1\n"
    "sweep:\n"
    "  training.batch_size: [128, 64]\n"
    "  training.learning_rate: [1e-3, 1e-1]\n"
    "repeats: 2\n";

}  // namespace

class tst_cli_insight : public QObject {
  Q_OBJECT

 private Q_SLOTS:
  void initTestCase() {
    QVERIFY(work_.isValid());
    cli_.setCacheHome(work_.filePath("cache"));
    QFile file(work_.filePath("grid.yaml"));
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(kGridExperiment);
    file.close();
    const CliResult run = cli_.run(
        {"run", work_.filePath("grid.yaml"), "--out", work_.filePath("runs"), "--store", "none"});
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    runDir_ = QRegularExpression("\\nRun folder: (.+)\\n").match(run.out).captured(1);
    QVERIFY2(!runDir_.isEmpty(), qPrintable(run.out));
    summary_ = readRunSummary(runDir_.toStdString());
    QCOMPARE(summary_.trials.size(), size_t(8));
  }

  void tableByValuePrintsTheEngineTable_data() {
    QTest::addColumn<QString>("key");
    QTest::addColumn<QString>("format");
    QTest::addColumn<int>("tableFormat");
    for (const char* key : {"batch_size", "training.learning_rate"}) {
      QTest::addRow("%s md", key) << key << "md" << int(TableFormat::Markdown);
      QTest::addRow("%s csv", key) << key << "csv" << int(TableFormat::Csv);
      QTest::addRow("%s latex", key) << key << "latex" << int(TableFormat::Latex);
    }
  }
  void tableByValuePrintsTheEngineTable() {
    QFETCH(QString, key);
    QFETCH(QString, format);
    QFETCH(int, tableFormat);
    const CliResult result = cli_.run({"table", runDir_, "--by", key, "--format", format});
    QVERIFY2(result.exitCode == 0, qPrintable(result.err));
    const std::string expected =
        formatByValueTable(summary_, key.toStdString(), static_cast<TableFormat>(tableFormat));
    QCOMPARE(result.out, QString::fromStdString(expected));
  }

  void tableByValueRowsAreTheValuesInAxisOrder() {
    const CliResult result = cli_.run({"table", runDir_, "--by", "batch_size", "--format", "csv"});
    QVERIFY2(result.exitCode == 0, qPrintable(result.err));
    const QStringList lines = result.out.split('\n', Qt::SkipEmptyParts);
    QCOMPARE(lines.size(), 3);
    QVERIFY(lines[0].startsWith("training.batch_size,trials,finished,test_acc_mean,"));
    QVERIFY2(lines[1].startsWith("64,4,"), qPrintable(lines[1]));  // sorted, not file order
    QVERIFY2(lines[2].startsWith("128,4,"), qPrintable(lines[2]));
  }

  void tableByRefusesWhatItCannotDo_data() {
    QTest::addColumn<QStringList>("extra");
    QTest::addColumn<QString>("message");
    QTest::newRow("not swept") << QStringList{"--by", "optimizer"}
                               << "table: --by: 'optimizer' is not a swept key of this run "
                                  "(swept: training.batch_size, training.learning_rate)";
    QTest::newRow("seed") << QStringList{"--by", "seed"}
                          << "table: --by: seeds are repeats of a grid point, not a swept key "
                             "(swept: training.batch_size, training.learning_rate)";
    QTest::newRow("json") << QStringList{"--by", "batch_size", "--format", "json"}
                          << "table: --by writes md, csv or latex, not --format json";
    QTest::newRow("md-transposed") << QStringList{"--by", "batch_size", "--format", "md-transposed"}
                                   << "not --format md-transposed";
    QTest::newRow("repeats-csv") << QStringList{"--by", "batch_size", "--format", "repeats-csv"}
                                 << "not --format repeats-csv";
    QTest::newRow("per-class") << QStringList{"--by", "batch_size", "--per-class"}
                               << "--by and --per-class do not go together";
  }
  void tableByRefusesWhatItCannotDo() {
    QFETCH(QStringList, extra);
    QFETCH(QString, message);
    const CliResult result = cli_.run(QStringList{"table", runDir_} + extra);
    QCOMPARE(result.exitCode, 2);
    QCOMPARE(result.errLines().size(), 1);
    QVERIFY2(result.err.contains(message), qPrintable(result.err));
    QVERIFY(result.out.isEmpty());
  }

  void tableWithoutByIsUnchanged() {
    const CliResult result = cli_.run({"table", runDir_, "--format", "csv"});
    QVERIFY2(result.exitCode == 0, qPrintable(result.err));
    QCOMPARE(result.out, QString::fromStdString(formatResultsTable(summary_, TableFormat::Csv)));
  }

  void importancePrintsKeyImportance_data() {
    QTest::addColumn<QString>("resultKey");
    QTest::newRow("default (test accuracy)") << QString();
    QTest::newRow("best validation accuracy") << "best_val_acc";
    QTest::newRow("wall time") << "wall_seconds";
  }
  void importancePrintsKeyImportance() {
    QFETCH(QString, resultKey);
    QStringList args = {"importance", runDir_, "--format", "csv", "--seed", "3"};
    if (!resultKey.isEmpty()) args << "--result" << resultKey;
    const CliResult result = cli_.run(args);
    QVERIFY2(result.exitCode == 0, qPrintable(result.err));
    ImportanceOptions options;
    options.seed = 3;
    const std::vector<KeyImportance> expected = keyImportance(
        summary_, insightResultFromKey(resultKey.isEmpty() ? "test_acc" : resultKey.toStdString()),
        options);
    const QStringList lines = result.out.split('\n', Qt::SkipEmptyParts);
    QCOMPARE(lines.value(0), QString("key,importance"));
    QCOMPARE(lines.size(), int(expected.size()) + 1);
    double sum = 0;
    for (size_t i = 0; i < expected.size(); ++i) {
      const QStringList fields = lines[int(i) + 1].split(',');
      QCOMPARE(fields.value(0), QString::fromStdString(expected[i].key));
      QVERIFY(std::abs(fields.value(1).toDouble() - expected[i].importance) < 1e-8);
      sum += fields.value(1).toDouble();
    }
    QVERIFY(std::abs(sum - 1) < 1e-8);
  }

  void importanceMarkdownSaysWhatItIsOver() {
    const CliResult result = cli_.run({"importance", runDir_});
    QVERIFY2(result.exitCode == 0, qPrintable(result.err));
    QVERIFY(result.out.startsWith("| key "));
    QVERIFY(result.out.contains("| training.learning_rate "));
    QVERIFY2(result.out.contains("variance of test accuracy over 8 finished trials"),
             qPrintable(result.out));
  }

  void importanceRefusesBadOptions_data() {
    QTest::addColumn<QStringList>("extra");
    QTest::addColumn<QString>("message");
    QTest::newRow("result") << QStringList{"--result", "accuracy"}
                            << "importance: --result: unknown result 'accuracy' (allowed: "
                               "best_val_acc, final_val_acc, test_acc,";
    QTest::newRow("format") << QStringList{"--format", "json"} << "(allowed: md, csv)";
    QTest::newRow("seed") << QStringList{"--seed", "-1"} << "importance: --seed: '-1'";
  }
  void importanceRefusesBadOptions() {
    QFETCH(QStringList, extra);
    QFETCH(QString, message);
    const CliResult result = cli_.run(QStringList{"importance", runDir_} + extra);
    QCOMPARE(result.exitCode, 2);
    QCOMPARE(result.errLines().size(), 1);
    QVERIFY2(result.err.contains(message), qPrintable(result.err));
  }

  void helpNamesTheNewOptions() {
    const CliResult table = cli_.run({"help", "table"});
    QVERIFY(table.out.contains("--by KEY"));
    const CliResult overview = cli_.run({"--help"});
    QVERIFY(overview.out.contains("importance"));
  }

 private:
  QTemporaryDir work_;
  CliRunner cli_;
  QString runDir_;
  RunSummary summary_;
};

QTEST_GUILESS_MAIN(tst_cli_insight)
#include "tst_cli_insight.moc"
