// sweeplab-cli as a person or a script uses it: a real process, its exit status, stdout and
// stderr. Bad input and bad arguments must give exit status 2 and exactly one error line that
// says where; models, validate, help and --version answer on stdout.
#include <QDir>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QtTest>

#include "cli_test_support.h"

class tst_cli : public QObject, private TinyRunFixture {
  Q_OBJECT

 private Q_SLOTS:
  void initTestCase() { runTinyStudy(); }

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
};

QTEST_GUILESS_MAIN(tst_cli)
#include "tst_cli.moc"
