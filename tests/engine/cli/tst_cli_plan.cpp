// `sweeplab-cli plan`: the cost preview as a person runs it: per-trial steps computed exactly
// from the prepared rows, a total, the timing cache used the second time, the range with
// pruning, --set, a grouped study below the same study trial by trial, and bad input refused
// like `validate` refuses it.
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

// Four seeds of one model and batch size: one trial group on one worker. Many epochs make the
// estimate long enough to compare at a tenth of a second; only a few hundred steps are timed.
const QByteArray kSeeds =
    "name: seeds\n"
    "dataset:\n  source: synthetic-jsc\n  samples: 20000\n"
    "training:\n  max_epochs: 2000\n"
    "sweep:\n  training.seed: [1, 2, 3, 4]\n"
    "parallel_trials: 1\n";

// The study's wall time on a free machine: a busy one stretches each plan by its own probe.
double quietSeconds(const QString& out) {
  const QRegularExpression busy(R"(^the machine is busy: .*\(([0-9.]+) s\)$)",
                                QRegularExpression::MultilineOption);
  const QRegularExpression total(R"(^total: .*\(([0-9.]+) s\)$)",
                                 QRegularExpression::MultilineOption);
  const QRegularExpressionMatch quiet = busy.match(out);
  return (quiet.hasMatch() ? quiet : total.match(out)).captured(1).toDouble();
}

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
    // `run` is the same program: its own start (loading LibTorch) is part of the estimate.
    const QRegularExpression start(
        R"(the program's own start \(loading its libraries\): ([0-9.]+) s)");
    const QRegularExpressionMatch started = start.match(out);
    QVERIFY2(started.hasMatch(), qPrintable(out));
    QVERIFY2(started.captured(1).toDouble() < 60, qPrintable(out));
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

  void aGroupedStudyCostsLessThanOneByOne() {
    writeFile(work_.filePath("seeds.yaml"), kSeeds);
    const CliResult grouped = cli_.run({"plan", work_.filePath("seeds.yaml"), "--quiet"});
    QCOMPARE(grouped.exitCode, 0);
    QVERIFY2(grouped.out.contains("group loop: 4 trials in 1 group\n"), qPrintable(grouped.out));
    const CliResult oneByOne =
        cli_.run({"plan", work_.filePath("seeds.yaml"), "--quiet", "--set", "batching=off"});
    QCOMPARE(oneByOne.exitCode, 0);
    QVERIFY2(oneByOne.out.contains("group loop: none (batching: off)"), qPrintable(oneByOne.out));
    // The group loop's step per member is measured at about two thirds of the single loop's.
    const double groupedSeconds = quietSeconds(grouped.out);
    const double oneByOneSeconds = quietSeconds(oneByOne.out);
    QVERIFY2(groupedSeconds > 0 && groupedSeconds < oneByOneSeconds,
             qPrintable(grouped.out + oneByOne.out));
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
