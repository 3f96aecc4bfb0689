// `sweeplab-cli plan`: the cost preview as a person runs it: per-trial steps computed exactly
// from the prepared rows, a total, the timing cache used the second time, the range with
// pruning, --set, and bad input refused like `validate` refuses it.
#include <QDir>
#include <QFile>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QtTest>

#include "cli_runner.h"

namespace {

void writeFile(const QString& path, const QByteArray& text) {
  QFile file(path);
  QVERIFY(file.open(QIODevice::WriteOnly));
  file.write(text);
}

// A grid of three batch sizes on 3000 jets: 2,160 training rows (20 % test, 10 % validation).
const QByteArray kStudy =
    "name: small\n"
    "dataset:\n  source: synthetic-jsc\n  samples: 3000\n"
    "training:\n  max_epochs: 3\n"
    "sweep:\n  training.batch_size: [64, 100, 512]\n"
    "parallel_trials: 1\n";

}  // namespace

class tst_cli_plan : public QObject {
  Q_OBJECT

 private Q_SLOTS:
  void initTestCase() {
    QVERIFY(work_.isValid());
    cli_.setCacheHome(work_.filePath("cache"));
    writeFile(work_.filePath("small.yaml"), kStudy);
  }

  void printsEachTrialAndTheTotal() {
    const CliResult result = cli_.run({"plan", work_.filePath("small.yaml")});
    QCOMPARE(result.exitCode, 0);
    const QString& out = result.out;
    QVERIFY2(out.startsWith("small: 3 trials, grid search, one trial at a time"), qPrintable(out));
    QVERIFY2(out.contains("data: synthetic-jsc, 3000 rows"), qPrintable(out));
    // 2160 rows: 33 full batches of 64 and one of 48; 21 of 100 and one of 60; 4 of 512 and
    // one of 112.
    const QRegularExpression row64(R"(1  batch_size=64 +jsc-tiny +64 +34 +3 +102 +[0-9.]+ s)");
    const QRegularExpression row100(R"(2  batch_size=100 +jsc-tiny +100 +22 +3 +66 +[0-9.]+ s)");
    const QRegularExpression row512(R"(3  batch_size=512 +jsc-tiny +512 +5 +3 +15 +[0-9.]+ s)");
    QVERIFY2(row64.match(out).hasMatch(), qPrintable(out));
    QVERIFY2(row100.match(out).hasMatch(), qPrintable(out));
    QVERIFY2(row512.match(out).hasMatch(), qPrintable(out));
    QVERIFY2(QRegularExpression(R"(total: 3 trials, 183 optimizer steps, about .* on this machine)")
                 .match(out)
                 .hasMatch(),
             qPrintable(out));
    QVERIFY2(result.err.contains("Timing jsc-tiny at batch size 64"), qPrintable(result.err));
  }

  void theSecondPlanTimesNothing() {
    const CliResult first = cli_.run({"plan", work_.filePath("small.yaml"), "--quiet"});
    QCOMPARE(first.exitCode, 0);
    QVERIFY(first.err.isEmpty());
    const CliResult second = cli_.run({"plan", work_.filePath("small.yaml")});
    QCOMPARE(second.exitCode, 0);
    QVERIFY2(second.out.contains("timings: 0 training shapes timed now, 3 from the cache"),
             qPrintable(second.out));
    QVERIFY2(!second.err.contains("Timing"), qPrintable(second.err));
    QVERIFY(QFile::exists(work_.filePath("cache/sweeplab/cost-timings.json")));
    const CliResult retimed =
        cli_.run({"plan", work_.filePath("small.yaml"), "--quiet", "--retime"});
    QVERIFY2(retimed.out.contains("timings: 3 training shapes timed now"), qPrintable(retimed.out));
  }

  void pruningGivesARange() {
    const CliResult result = cli_.run({"plan", work_.filePath("small.yaml"), "--quiet", "--set",
                                       "pruning.method=asha", "--set", "pruning.min_epochs=1"});
    QCOMPARE(result.exitCode, 0);
    // The first trial trains in full; the others can end at the first rung, epoch 1.
    QVERIFY2(result.out.contains(QRegularExpression(R"(2  batch_size=100 .* 1-3 +22-66 )")),
             qPrintable(result.out));
    QVERIFY2(result.out.contains("with asha pruning: 129 to 183 steps"), qPrintable(result.out));
  }

  void badInputIsRefused() {
    const CliResult missing = cli_.run({"plan", work_.filePath("nothing.yaml")});
    QCOMPARE(missing.exitCode, 2);
    const CliResult bad =
        cli_.run({"plan", work_.filePath("small.yaml"), "--set", "training.batch_size=0"});
    QCOMPARE(bad.exitCode, 2);
    QVERIFY2(bad.err.contains("batch_size"), qPrintable(bad.err));
  }

  void helpNamesTheCommand() {
    const CliResult result = cli_.run({"help", "plan"});
    QCOMPARE(result.exitCode, 0);
    QVERIFY(result.out.contains("usage: sweeplab-cli plan FILE"));
    QVERIFY(cli_.run({"--help"}).out.contains("plan"));
  }

 private:
  QTemporaryDir work_;
  CliRunner cli_;
};

QTEST_GUILESS_MAIN(tst_cli_plan)
#include "tst_cli_plan.moc"
