// sweeplab-cli as a person or a script uses it: a real process, its exit status, stdout and
// stderr. Bad input must give exit status 2 and exactly one error line that says where.
#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QtTest>
#include <cmath>

#include "cli_runner.h"

namespace {

const char* const kTinyExperiment =
    "name: tiny\n"
    "dataset:\n"
    "  source: synthetic-jsc\n"
    "  samples: 2000\n"
    "model: jsc-tiny\n"
    "training:\n"
    "  batch_size: 128\n"
    "  max_epochs: 1\n"
    "  learning_rate: 1e-3\n"
    "sweep:\n"
    "  training.batch_size: [64, 128]\n";

QJsonObject readJsonObject(const QString& path) {
  QFile file(path);
  file.open(QIODevice::ReadOnly);
  return QJsonDocument::fromJson(file.readAll()).object();
}

}  // namespace

class tst_cli : public QObject {
  Q_OBJECT

 private Q_SLOTS:
  void initTestCase() {
    QVERIFY(work_.isValid());
    cli_.setCacheHome(work_.filePath("cache"));
    writeFile(work_.filePath("tiny.yaml"), kTinyExperiment);
    firstRun_ = cli_.run({"run", work_.filePath("tiny.yaml"), "--out", work_.filePath("first")});
    QVERIFY2(firstRun_.exitCode == 0, qPrintable(firstRun_.err));
    firstRunDir_ = runFolderOf(firstRun_);
    QVERIFY2(!firstRunDir_.isEmpty(), qPrintable(firstRun_.out));
  }

  void badInputExitsTwoWithOneLine_data() {
    QTest::addColumn<QString>("command");
    QTest::addColumn<QString>("yaml");
    QTest::addColumn<QString>("place");  // "FILE:LINE:" (or "FILE:") the message starts with
    QTest::addColumn<QString>("key");
    const QString syntheticData = "dataset:\n  source: synthetic-jsc\n  samples: 2000\n";
    for (const QString command : {"validate", "run"}) {
      const auto row = [&](const char* name) -> QTestData& {
        return QTest::newRow(qPrintable(command + ": " + name)) << command;
      };
      row("wrong type") << syntheticData + "training:\n  batch_size: lots\n"
                        << "bad.yaml:6:"
                        << "training.batch_size";
      row("negative batch size") << syntheticData + "training:\n  batch_size: -64\n"
                                 << "bad.yaml:6:"
                                 << "training.batch_size";
      row("unknown key") << syntheticData + "training:\n  batchsize: 64\n"
                         << "bad.yaml:6:"
                         << "batchsize";
      row("yaml syntax") << syntheticData + "training:\n  batch_size: 64\n max_epochs: 3\n"
                         << "bad.yaml:7:"
                         << "YAML";
      row("missing data file") << "dataset:\n  source: csv\n  path: no-such-file.csv\n"
                               << "bad.yaml:"
                               << "dataset.path";
    }
    QTest::newRow("run: text in a csv cell") << "run"
                                             << "dataset:\n  source: csv\n  path: jets.csv\n"
                                             << "jets.csv:3:"
                                             << "'f2'";
  }
  void badInputExitsTwoWithOneLine() {
    QFETCH(QString, command);
    QFETCH(QString, yaml);
    QFETCH(QString, place);
    QFETCH(QString, key);
    QTemporaryDir dir;
    writeFile(dir.filePath("bad.yaml"), "name: bad\n" + yaml);
    writeFile(dir.filePath("jets.csv"), "f1,f2,class\n1,2,a\n3,oops,b\n5,6,a\n");
    QStringList args{command, "bad.yaml"};
    if (command == "run")
      args << "--quiet"
           << "--out"
           << "runs";
    const CliResult result = cli_.run(args, dir.path());

    QCOMPARE(result.exitCode, 2);
    QCOMPARE(result.errLines().size(), 1);
    const QString line = result.errLines().front();
    QVERIFY2(line.startsWith("sweeplab-cli: error: " + place), qPrintable(line));
    QVERIFY2(line.contains(key), qPrintable(line));
    QVERIFY(result.out.isEmpty());
  }

  void badArgumentsExitTwo_data() {
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QString>("mentions");
    QTest::newRow("unknown command") << QStringList{"frobnicate"} << "unknown command";
    QTest::newRow("no command") << QStringList{} << "no command";
    QTest::newRow("unknown global option") << QStringList{"--bogus"} << "--bogus";
    QTest::newRow("unknown run option") << QStringList{"run", "tiny.yaml", "--bogus"} << "--bogus";
    QTest::newRow("missing file") << QStringList{"run"} << "missing FILE";
    QTest::newRow("extra argument") << QStringList{"validate", "tiny.yaml", "x"} << "'x'";
    QTest::newRow("option without value") << QStringList{"run", "tiny.yaml", "--out"} << "--out";
    QTest::newRow("set without =") << QStringList{"run", "tiny.yaml", "--set", "seed"} << "--set";
    QTest::newRow("set bad value")
        << QStringList{"run", "tiny.yaml", "--set", "training.max_epochs=-1"} << "max_epochs";
    QTest::newRow("unknown device") << QStringList{"run", "tiny.yaml", "--device", "gpu"} << "gpu";
    QTest::newRow("trial out of range")
        << QStringList{"run", "tiny.yaml", "--trial", "3"} << "1 to 2";
    QTest::newRow("table of a non-run folder") << QStringList{"table", "."} << "no summary.json";
    QTest::newRow("unknown table format")
        << QStringList{"table", "first/RUN", "--format", "xlsx"} << "md-transposed";
    QTest::newRow("help for unknown command") << QStringList{"help", "fly"} << "'fly'";
  }
  void badArgumentsExitTwo() {
    QFETCH(QStringList, args);
    QFETCH(QString, mentions);
    args.replaceInStrings("first/RUN", firstRunDir_);
    const CliResult result = cli_.run(args, work_.path());
    QCOMPARE(result.exitCode, 2);
    QCOMPARE(result.errLines().size(), 1);
    QVERIFY2(result.errLines().front().startsWith("sweeplab-cli: error: "), qPrintable(result.err));
    QVERIFY2(result.err.contains(mentions), qPrintable(result.err));
  }

  void modelsListsCatalogWithParameterCounts() {
    const CliResult result = cli_.run({"models"});
    QCOMPARE(result.exitCode, 0);
    QVERIFY2(result.out.contains(QRegularExpression("(^|\\n)jsc-tiny +117 ")),
             qPrintable(result.out));
    QVERIFY2(result.out.contains(QRegularExpression("(^|\\n)jsc-tiny-x10 +1997 ")),
             qPrintable(result.out));
    QVERIFY(result.out.contains("Linear(16, 5)"));
  }

  void validateAcceptsEveryShippedExperiment_data() {
    QTest::addColumn<QString>("file");
    const QDir experiments(QStringLiteral(SWEEPLAB_SOURCE_DIR) + "/experiments");
    const QStringList files = experiments.entryList({"*.yaml"}, QDir::Files);
    QVERIFY(!files.isEmpty());
    for (const QString& name : files) QTest::newRow(qPrintable(name)) << experiments.filePath(name);
  }
  void validateAcceptsEveryShippedExperiment() {
    QFETCH(QString, file);
    const CliResult result = cli_.run({"validate", file});
    QVERIFY2(result.exitCode == 0, qPrintable(result.err));
    const QStringList lines = result.out.split('\n', Qt::SkipEmptyParts);
    // "FILE: ok, N trials, METHOD search[, METHOD pruning on METRIC]"
    const QRegularExpressionMatch header = QRegularExpression(
                                               "^(.*): ok, (\\d+) trials?, (grid|random|tpe) search"
                                               "(, (median|asha) pruning on \\w+)?$")
                                               .match(lines.value(0));
    QVERIFY2(header.hasMatch(), qPrintable(result.out));
    QCOMPARE(header.captured(1), file);
    if (header.captured(3) == "tpe") {
      // Suggested from the results before them: the search space stands for the trials.
      QVERIFY(lines.size() > 1);
      QVERIFY2(lines.value(1).contains(QRegularExpression("^  \\S+  (log_uniform|uniform|int_"
                                                          "uniform|int_log_uniform|choice)")),
               qPrintable(result.out));
      return;
    }
    QCOMPARE(lines.size() - 1, header.captured(2).toInt());
    QVERIFY(lines.value(1).contains(QRegularExpression("^ +1  \\S")));
  }

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

  void helpAndVersion_data() {
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QString>("mentions");
    QTest::newRow("--help") << QStringList{"--help"} << "validate";
    QTest::newRow("help run") << QStringList{"help", "run"} << "--set KEY=VALUE";
    QTest::newRow("run --help") << QStringList{"run", "--help"} << "--trial N";
    QTest::newRow("help table") << QStringList{"help", "table"} << "md-transposed";
    QTest::newRow("help table --per-class") << QStringList{"help", "table"} << "--per-class";
    QTest::newRow("--version") << QStringList{"--version"} << "CUDA available: ";
  }
  void helpAndVersion() {
    QFETCH(QStringList, args);
    QFETCH(QString, mentions);
    const CliResult result = cli_.run(args);
    QCOMPARE(result.exitCode, 0);
    QVERIFY2(result.out.contains(mentions), qPrintable(result.out));
    QVERIFY(result.err.isEmpty());
  }

  void versionNamesLibTorchAndBlas() {
    const CliResult result = cli_.run({"--version"});
    QVERIFY(result.out.startsWith("sweeplab-cli " SWEEPLAB_VERSION "\n"));
    QVERIFY(result.out.contains(QRegularExpression("\\nLibTorch \\d+\\.\\d+")));
    QVERIFY(result.out.contains("\nBLAS: "));
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
  static QString runFolderOf(const CliResult& result) {
    const QRegularExpressionMatch match =
        QRegularExpression("\\nRun folder: (.+)\\n(Run store: .*\\n)?$").match(result.out);
    return match.captured(1);
  }

  // metrics.csv rows without the wall_seconds column.
  // The number after `label` at the start of a line of `evaluate`'s output (printed with 6
  // decimals for losses, 2 for percentages).
  static double printedValue(const QString& out, const QString& label) {
    const QRegularExpressionMatch match =
        QRegularExpression("^" + label + " +([0-9.]+)", QRegularExpression::MultilineOption)
            .match(out);
    return match.hasMatch() ? match.captured(1).toDouble() : -1;
  }

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

  static void writeFile(const QString& path, const QString& text) {
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(text.toUtf8());
  }

  QTemporaryDir work_;
  CliRunner cli_;
  CliResult firstRun_;
  QString firstRunDir_;
};

QTEST_GUILESS_MAIN(tst_cli)
#include "tst_cli.moc"
