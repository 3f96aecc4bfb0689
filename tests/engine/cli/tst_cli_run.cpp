// sweeplab-cli run, evaluate and table on a two-trial study, as processes: the run folder and
// the table `run` prints, every number but the timings repeated by a second run, one selected
// trial, checkpoints evaluated again to their recorded test figures (with a warning when the
// data changed), every table format, and Ctrl+C once (stop and report) or twice (quit at once).
#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QtTest>
#include <cmath>

#include "cli_test_support.h"

namespace {

QJsonObject readJsonObject(const QString& path) {
  QFile file(path);
  file.open(QIODevice::ReadOnly);
  return QJsonDocument::fromJson(file.readAll()).object();
}

}  // namespace

class tst_cli_run : public QObject, private TinyRunFixture {
  Q_OBJECT

 private Q_SLOTS:
  void initTestCase() { runTinyStudy(); }

  void runWritesRunFolderAndPrintsTable() {
    QVERIFY(QFile::exists(firstRunDir_ + "/summary.json"));
    QVERIFY(QFile::exists(firstRunDir_ + "/experiment.yaml"));
    const QJsonArray trials = readJsonObject(firstRunDir_ + "/summary.json")["trials"].toArray();
    QCOMPARE(trials.size(), 2);
    for (const QJsonValue& trial : trials) {
      QCOMPARE(trial["status"].toString(), QString("finished"));
      QFile metrics(firstRunDir_ + "/" + trial["folder"].toString() + "/metrics.csv");
      QVERIFY2(metrics.open(QIODevice::ReadOnly), qPrintable(metrics.fileName()));
      QCOMPARE(metrics.readLine(), QByteArray("name,step,epoch,samples,wall_seconds,value\n"));
      QVERIFY(metrics.readAll().contains("val_acc_epoch,"));
    }
    QVERIFY(firstRun_.out.startsWith("| Trial "));
    QVERIFY(firstRun_.out.contains(QRegularExpression("\\n\\| batch_size=64 +\\| finished \\|")));
    QVERIFY(firstRun_.out.contains(QRegularExpression("\\n\\| batch_size=128 +\\| finished \\|")));
    QVERIFY(firstRun_.err.contains("[1/2] batch_size=64: started"));
    QVERIFY(firstRun_.err.contains(
        QRegularExpression("\\[2/2\\] batch_size=128  epoch 1/1  train_acc 0\\.\\d{4}  val_acc "
                           "0\\.\\d{4}  val_loss \\d\\.\\d{4}  ETA ")));
    QVERIFY(firstRun_.err.contains(QRegularExpression(
        "\\[2/2\\] batch_size=128: finished  test_acc 0\\.\\d{4}  test_loss \\d\\.\\d{4}")));
  }

  // Same experiment, same seeds: every number but the timings must repeat exactly.
  void secondRunRepeatsTheMetrics() {
    const CliResult second =
        cli_.run({"run", work_.filePath("tiny.yaml"), "--quiet", "--out", work_.filePath("again")});
    QVERIFY2(second.exitCode == 0, qPrintable(second.err));
    QVERIFY(second.err.isEmpty());
    const QString secondDir = runFolderOf(second);

    const QJsonArray a = readJsonObject(firstRunDir_ + "/summary.json")["trials"].toArray();
    const QJsonArray b = readJsonObject(secondDir + "/summary.json")["trials"].toArray();
    QCOMPARE(b.size(), a.size());
    for (int i = 0; i < a.size(); ++i) {
      QJsonObject first = a[i].toObject();
      QJsonObject again = b[i].toObject();
      first.remove("wall_seconds");
      again.remove("wall_seconds");
      QCOMPARE(again, first);
      QCOMPARE(metricsWithoutTimes(secondDir, again["folder"].toString()),
               metricsWithoutTimes(firstRunDir_, first["folder"].toString()));
    }
  }

  void runSelectedTrialOnly() {
    const CliResult result = cli_.run({"run", work_.filePath("tiny.yaml"), "--trial", "2",
                                       "--quiet", "--out", work_.filePath("one")});
    QVERIFY2(result.exitCode == 0, qPrintable(result.err));
    const QJsonArray trials =
        readJsonObject(runFolderOf(result) + "/summary.json")["trials"].toArray();
    QCOMPARE(trials.size(), 1);
    QCOMPARE(trials[0]["label"].toString(), QString("batch_size=128"));
  }

  // A checkpoint evaluated again on its test split gives the test accuracy and loss its run
  // recorded, found from the run folder it lies in or named through --experiment and --trial.
  void evaluateReproducesTheRecordedTest() {
    const QJsonArray trials = readJsonObject(firstRunDir_ + "/summary.json")["trials"].toArray();
    QCOMPARE(trials.size(), 2);
    for (const QJsonValue& trial : trials) {
      const QString checkpoint = firstRunDir_ + "/" + trial["folder"].toString() + "/" +
                                 trial["tested_checkpoint"].toString() + ".pt";
      const QString number = QString::number(trial["index"].toInt() + 1);
      for (const QStringList& args :
           {QStringList{"evaluate", checkpoint},
            QStringList{"evaluate", checkpoint, "--experiment", work_.filePath("tiny.yaml"),
                        "--trial", number}}) {
        const CliResult result = cli_.run(args);
        QVERIFY2(result.exitCode == 0, qPrintable(result.err));
        QVERIFY2(std::abs(printedValue(result.out, "test acc") / 100 -
                          trial["test_acc"].toDouble()) <= 0.5e-4,
                 qPrintable(result.out));
        QVERIFY2(std::abs(printedValue(result.out, "test loss") - trial["test_loss"].toDouble()) <=
                     0.5e-6,
                 qPrintable(result.out));
        QVERIFY(result.out.contains(
            QRegularExpression("^trial +" + number + " of ", QRegularExpression::MultilineOption)));
      }
    }
  }

  // A run folder whose data no longer match what it trained on: evaluate still answers, and
  // says the figures do not compare with the recorded ones.
  void evaluateWarnsWhenTheDataChanged() {
    const QString copy = work_.filePath("changed-data");
    QVERIFY(QDir().mkpath(copy));
    for (const QString& name : {QStringLiteral("summary.json"), QStringLiteral("experiment.yaml")})
      QVERIFY(QFile::copy(firstRunDir_ + "/" + name, copy + "/" + name));
    const QJsonArray trials = readJsonObject(copy + "/summary.json")["trials"].toArray();
    const QString folder = trials[0]["folder"].toString();
    QVERIFY(QDir().mkpath(copy + "/" + folder));
    QVERIFY(
        QFile::copy(firstRunDir_ + "/" + folder + "/best.pt", copy + "/" + folder + "/best.pt"));
    const CliResult same = cli_.run({"evaluate", copy + "/" + folder + "/best.pt"});
    QVERIFY2(same.exitCode == 0 && !same.out.contains("warning"), qPrintable(same.out + same.err));

    QFile experiment(copy + "/experiment.yaml");
    QVERIFY(experiment.open(QIODevice::ReadOnly));
    QByteArray text = experiment.readAll();
    experiment.close();
    QVERIFY(text.contains("samples: 2000"));
    text.replace("samples: 2000", "samples: 2400");
    writeFile(copy + "/experiment.yaml", QString::fromUtf8(text));
    const CliResult changed = cli_.run({"evaluate", copy + "/" + folder + "/best.pt"});
    QVERIFY2(changed.exitCode == 0, qPrintable(changed.err));
    QVERIFY2(changed.out.contains(QRegularExpression("^warning +these are not the data the run",
                                                     QRegularExpression::MultilineOption)),
             qPrintable(changed.out));
  }

  void tableFormatsOfARunFolder_data() {
    QTest::addColumn<QString>("format");
    QTest::newRow("md") << "md";
    QTest::newRow("md-transposed") << "md-transposed";
    QTest::newRow("csv") << "csv";
    QTest::newRow("latex") << "latex";
    QTest::newRow("json") << "json";
  }
  void tableFormatsOfARunFolder() {
    QFETCH(QString, format);
    const CliResult result = cli_.run({"table", firstRunDir_, "--format", format});
    QVERIFY2(result.exitCode == 0, qPrintable(result.err));
    QVERIFY(result.err.isEmpty());
    const QJsonArray trials = readJsonObject(firstRunDir_ + "/summary.json")["trials"].toArray();
    const QString out = result.out;
    if (format == "md") {
      // The same table `run` printed, straight from the files.
      QCOMPARE(out, firstRun_.out.left(firstRun_.out.indexOf("\nRun folder: ")));
    } else if (format == "md-transposed") {
      const QStringList lines = out.split('\n');
      QVERIFY2(lines[0].contains(
                   QRegularExpression("^\\| Metric +\\| batch_size=64 \\| batch_size=128 \\|$")),
               qPrintable(out));
      QCOMPARE(lines[2].section('|', 2, 2).trimmed(),
               QString::number(trials[0]["test_acc"].toDouble(), 'f', 6));
      QCOMPARE(lines[3].section('|', 3, 3).trimmed(),
               QString::number(trials[1]["test_loss"].toDouble(), 'f', 6));
    } else if (format == "csv") {
      const QStringList lines = out.split('\n', Qt::SkipEmptyParts);
      QCOMPARE(lines.size(), 3);
      const QStringList header = lines[0].split(',');
      QCOMPARE(header.mid(0, 3), (QStringList{"index", "label", "training.batch_size"}));
      const int testAcc = header.indexOf("test_acc");
      for (int i = 0; i < 2; ++i) {
        QCOMPARE(float(lines[i + 1].split(',')[testAcc].toDouble()),
                 float(trials[i]["test_acc"].toDouble()));
      }
    } else if (format == "latex") {
      QVERIFY(out.startsWith("\\begin{tabular}{lllrrrrrrr}\n\\toprule\n"));
      QVERIFY2(out.contains("\nbatch\\_size=64 & finished & jsc-tiny & 117 & 1 & "),
               qPrintable(out));
      QVERIFY(out.endsWith("\\bottomrule\n\\end{tabular}\n"));
    } else {
      QCOMPARE(QJsonDocument::fromJson(out.toUtf8()).array(), trials);
    }
  }

  // The recall columns are the trials' recorded per-class test recall, one per JSC class.
  void tablePerClassAddsARecallColumnPerClass() {
    const CliResult result = cli_.run({"table", firstRunDir_, "--per-class"});
    QVERIFY2(result.exitCode == 0, qPrintable(result.err));
    const QStringList lines = result.out.split('\n');
    QStringList header = lines[0].split('|');
    for (QString& cell : header) cell = cell.trimmed();
    const int first = header.indexOf("recall g");
    QCOMPARE(first, header.indexOf("Test loss") + 1);
    QCOMPARE(header.mid(first, 5),
             (QStringList{"recall g", "recall q", "recall w", "recall z", "recall t"}));
    const QJsonArray trials = readJsonObject(firstRunDir_ + "/summary.json")["trials"].toArray();
    for (int t = 0; t < trials.size(); ++t) {
      const QJsonArray recall = trials[t]["test_class_recall"].toArray();
      QCOMPARE(recall.size(), 5);
      const QStringList row = lines[2 + t].split('|');
      for (int c = 0; c < 5; ++c) {
        const QString expected =
            recall[c].isNull() ? "-" : QString::number(recall[c].toDouble(), 'f', 4);
        QCOMPARE(row[first + c].trimmed(), expected);
      }
    }
    QVERIFY(!cli_.run({"table", firstRunDir_}).out.contains("recall"));
  }

  void tableDefaultsToMarkdown() {
    const CliResult plain = cli_.run({"table", firstRunDir_});
    const CliResult markdown = cli_.run({"table", firstRunDir_, "--format=md"});
    QCOMPARE(plain.exitCode, 0);
    QCOMPARE(plain.out, markdown.out);
  }

  // One Ctrl+C stops at the next step and still reports; exit status 1 says "not finished".
  void interruptStopsTheSweepAndKeepsResults() {
    CliProcess process(cli_);
    process.start({"run", work_.filePath("tiny.yaml"), "--set", "training.max_epochs=100000",
                   "--out", work_.filePath("stopped")});
    QVERIFY(process.waitForStderr("epoch 1/100000"));
    process.interrupt();
    const CliResult result = process.finish();
    QCOMPARE(result.exitCode, 1);
    QVERIFY(result.err.contains("stopping"));
    const QJsonArray trials =
        readJsonObject(runFolderOf(result) + "/summary.json")["trials"].toArray();
    QCOMPARE(trials.size(), 2);
    for (const QJsonValue& trial : trials) QCOMPARE(trial["status"].toString(), QString("stopped"));
    QVERIFY(result.out.contains("| stopped "));
  }

  // Sent while a large data set is generated (seconds), so the run cannot end between the two.
  void secondInterruptQuitsAtOnce() {
    CliProcess process(cli_);
    process.start({"run", work_.filePath("tiny.yaml"), "--set", "dataset.samples=1000000", "--out",
                   work_.filePath("quit")});
    QVERIFY(process.waitForStderr("Generating"));
    process.interrupt();
    process.interrupt();
    const CliResult result = process.finish();
    QCOMPARE(result.exitCode, 130);
    QVERIFY(result.out.isEmpty());
  }

 private:
  // The number after `label` at the start of a line of `evaluate`'s output (printed with 6
  // decimals for losses, 2 for percentages).
  static double printedValue(const QString& out, const QString& label) {
    const QRegularExpressionMatch match =
        QRegularExpression("^" + label + " +([0-9.]+)", QRegularExpression::MultilineOption)
            .match(out);
    return match.hasMatch() ? match.captured(1).toDouble() : -1;
  }

  // metrics.csv rows without the wall_seconds column.
  static QStringList metricsWithoutTimes(const QString& runDir, const QString& folder) {
    QFile file(runDir + "/" + folder + "/metrics.csv");
    file.open(QIODevice::ReadOnly);
    QStringList rows;
    for (const QString& line : QString(file.readAll()).split('\n', Qt::SkipEmptyParts)) {
      QStringList fields = line.split(',');
      fields.removeAt(4);
      rows << fields.join(',');
    }
    return rows;
  }
};

QTEST_GUILESS_MAIN(tst_cli_run)
#include "tst_cli_run.moc"
