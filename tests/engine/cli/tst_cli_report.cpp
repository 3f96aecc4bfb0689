// `sweeplab-cli report`: with the window binary built beside it, a run folder becomes a report
// folder; without it, the message says what to install and which command to run instead.
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QtTest>

#include "cli_runner.h"

class tst_cli_report : public QObject {
  Q_OBJECT

  QTemporaryDir work_;
  CliRunner cli_;
  QString run_dir_;

 private Q_SLOTS:
  void initTestCase() {
    QVERIFY(work_.isValid());
    cli_.setCacheHome(work_.filePath("cache"));
    QFile file(work_.filePath("tiny.yaml"));
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(
        "name: tiny\n"
        "dataset:\n  source: synthetic-jsc\n  samples: 1500\n"
        "training:\n  max_epochs: 1\n  log_every_n_steps: 2\n"
        "sweep:\n  model: [jsc-tiny, jsc-tiny-x10]\n");
    file.close();
    const CliResult ran = cli_.run({"run", work_.filePath("tiny.yaml"), "--quiet", "--store",
                                    "none", "--out", work_.filePath("runs")});
    QCOMPARE(ran.exitCode, 0);
    const QStringList runs =
        QDir(work_.filePath("runs")).entryList(QDir::Dirs | QDir::NoDotAndDotDot);
    QCOMPARE(runs.size(), 1);
    run_dir_ = QDir(work_.filePath("runs")).filePath(runs.first());
  }

  void helpNamesTheReportFiles() {
    const CliResult help = cli_.run({"help", "report"});
    QCOMPARE(help.exitCode, 0);
    QVERIFY(help.out.contains("usage: sweeplab-cli report RUNDIR [--out DIR]"));
    QVERIFY(help.out.contains("report.pdf"));
    QVERIFY(cli_.run({"--help"}).out.contains("report"));
  }

  void writesTheReportFolder() {
    const QString out = work_.filePath("report");
    const CliResult result = cli_.run({"report", run_dir_, "--out", out});
#if SWEEPLAB_WINDOW_BINARY
    QVERIFY2(result.exitCode == 0, qPrintable(result.err));
    QVERIFY(result.out.contains(QDir(out).filePath("report.html")));
    for (const char* file : {"report.html", "report.pdf", "summary.json", "tables/results.md",
                             "figures/side_by_side.svg"})
      QVERIFY2(QFileInfo(QDir(out).filePath(file)).size() > 0, file);
    // The report folder is a run folder: the table command reads it.
    const CliResult table = cli_.run({"table", out});
    QCOMPARE(table.exitCode, 0);
    QCOMPARE(table.out, cli_.run({"table", run_dir_}).out);
#else
    QCOMPARE(result.exitCode, 2);
    QVERIFY2(result.err.contains("sweeplab --report " + run_dir_), qPrintable(result.err));
    QVERIFY(!QFileInfo::exists(out));
#endif
  }

  void missingRunFolderIsNamed() {
    const QString missing = work_.filePath("no-such-run");
    const CliResult result = cli_.run({"report", missing});
    QCOMPARE(result.exitCode, 2);
    QVERIFY2(result.err.contains(missing), qPrintable(result.err));
  }
};

QTEST_MAIN(tst_cli_report)
#include "tst_cli_report.moc"
