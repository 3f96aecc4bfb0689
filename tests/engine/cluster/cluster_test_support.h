// What the cluster tests share: running sweeplab-cli and Slurm's commands as a person would,
// waiting on a scheduler, and comparing a cluster run's trials with a local run's.
#pragma once

#include <QDir>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QThread>
#include <QtTest>

#include <cmath>
#include <functional>
#include <string>

#include "slurm_fixture.h"
#include "sweeplab/run_folder.h"

namespace sweeplab::test_support {

struct Ran {
  int exitCode = -1;
  QString out;
  QString err;
};

inline Ran runProgram(const QString& program, const QStringList& arguments,
                      int timeoutMs = 300'000) {
  QProcess process;
  process.start(program, arguments);
  Ran ran;
  if (!process.waitForFinished(timeoutMs)) {
    process.kill();
    process.waitForFinished();
    ran.err = program + QStringLiteral(" did not finish in time");
    return ran;
  }
  ran.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
  ran.out = QString::fromLocal8Bit(process.readAllStandardOutput());
  ran.err = QString::fromLocal8Bit(process.readAllStandardError());
  return ran;
}

inline Ran cli(const QStringList& arguments) {
  return runProgram(QStringLiteral(SWEEPLAB_CLI), arguments);
}

inline QString example(const char* name) {
  return QStringLiteral(SWEEPLAB_SOURCE_DIR "/experiments/") + QLatin1String(name);
}

// The quick demo (with `extra` options) run here into `out`/local, as the reference a cluster
// run must equal: its run folder, or "" (after a failed check) when it did not run. The data
// is prepared afresh (a cache folder of the test's own), as a submitted run prepares it.
// Sets the test's own cache and data folders for the rest of the test.
inline std::string runLocally(const QTemporaryDir& out, const QStringList& extra = {}) {
  qputenv("XDG_CACHE_HOME", out.filePath(QStringLiteral("cache")).toLocal8Bit());
  // A run history of the test's own: status indexes the folder into it at every poll, and a
  // store shared with tests running beside it would keep the polls waiting.
  qputenv("XDG_DATA_HOME", out.filePath(QStringLiteral("data")).toLocal8Bit());
  const Ran local =
      cli(QStringList{QStringLiteral("run"), example("quick_demo.yaml"), QStringLiteral("--out"),
                      out.filePath(QStringLiteral("local")), QStringLiteral("--store"),
                      QStringLiteral("none"), QStringLiteral("--quiet")} +
          extra);
  if (local.exitCode != 0) {
    qWarning("the local reference run failed: %s", qPrintable(local.err));
    return {};
  }
  const QDir folder(out.filePath(QStringLiteral("local")));
  const QStringList runs = folder.entryList(QDir::Dirs | QDir::NoDotAndDotDot);
  return runs.size() == 1 ? folder.filePath(runs[0]).toStdString() : std::string();
}

// The run folder `submit` printed.
inline QString submittedFolder(const Ran& submit) {
  static const QRegularExpression folder(QStringLiteral("Run folder: (.+)\n"));
  return folder.match(submit.out).captured(1);
}

inline QString submittedJob(const Ran& submit) {
  static const QRegularExpression job(QStringLiteral("Submitted Slurm job (\\d+)"));
  return job.match(submit.out).captured(1);
}

// The state column of trial `number` (from 1) in `status` output; empty when absent.
inline QString trialState(const QString& statusOut, int number) {
  for (const QString& line : statusOut.split(QLatin1Char('\n'))) {
    const QStringList words = line.split(QLatin1Char(' '), Qt::SkipEmptyParts);
    if (words.size() >= 3 && words[0] == QString::number(number)) return words[2];
  }
  return {};
}

inline bool everyTrialEnded(const std::string& runDir) {
  for (const TrialSummary& trial : readRunSummary(runDir).trials)
    if (!trialHasEnded(trial.status)) return false;
  return true;
}

inline bool everyTrialFinished(const std::string& runDir) {
  for (const TrialSummary& trial : readRunSummary(runDir).trials)
    if (trial.status != TrialStatus::Finished) return false;
  return true;
}

// Every result and every metric point of each trial, wall times aside, as the two runs
// recorded them: the same seeds and data must give the same numbers wherever they trained.
inline void compareWithLocalRun(const std::string& clusterDir, const std::string& localDir) {
  const RunSummary cluster = readRunSummary(clusterDir);
  const RunSummary local = readRunSummary(localDir);
  QCOMPARE(cluster.trials.size(), local.trials.size());
  for (size_t i = 0; i < local.trials.size(); ++i) {
    const TrialSummary& c = cluster.trials[i];
    const TrialSummary& l = local.trials[i];
    QCOMPARE(QString::fromStdString(c.label), QString::fromStdString(l.label));
    QCOMPARE(c.status, TrialStatus::Finished);
    QCOMPARE(c.epochs_completed, l.epochs_completed);
    QCOMPARE(c.val_acc, l.val_acc);
    QCOMPARE(c.val_loss, l.val_loss);
    QCOMPARE(c.test_acc, l.test_acc);
    QCOMPARE(c.best_epoch, l.best_epoch);
    const std::vector<MetricPoint> cp = readTrialMetrics(clusterDir, c);
    const std::vector<MetricPoint> lp = readTrialMetrics(localDir, l);
    QCOMPARE(cp.size(), lp.size());
    for (size_t p = 0; p < lp.size(); ++p) {
      QCOMPARE(QString::fromStdString(cp[p].name), QString::fromStdString(lp[p].name));
      QCOMPARE(cp[p].step, lp[p].step);
      QCOMPARE(cp[p].value, lp[p].value);
    }
  }
}

}  // namespace sweeplab::test_support
