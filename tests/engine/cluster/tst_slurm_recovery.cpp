// When a cluster run goes wrong, its folder still tells the truth and the run can be completed:
// cancelling one array task marks exactly its trials cancelled while the others finish; a task
// killed outright is resubmitted by resume --slurm and the run then equals a local one; a task
// that Slurm requeues resumes its trials rather than training its finished ones again.
#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

#include <memory>

#include "cluster_test_support.h"
#include "slurm_fixture.h"

using namespace sweeplab;
using namespace sweeplab::test_support;

namespace {

// Trials of a few seconds each (batch 64 the longest), long enough to be caught while they
// train.
const QStringList kLongerTrials = {
    QStringLiteral("--set"), QStringLiteral("dataset.samples=300000"), QStringLiteral("--set"),
    QStringLiteral("training.max_epochs=80")};

QString readAll(const QString& path) {
  QFile file(path);
  return file.open(QIODevice::ReadOnly) ? QString::fromUtf8(file.readAll()) : QString();
}

TrialStatus statusOf(const QString& runDir, int index) {
  return readRunSummary(runDir.toStdString()).trials.at(index).status;
}

}  // namespace

class TstSlurmRecovery : public QObject {
  Q_OBJECT

 private Q_SLOTS:
  void initTestCase() {
    cluster_ = std::make_unique<SlurmCluster>();
    SWEEPLAB_REQUIRE_SLURM_CLUSTER(*cluster_);
    QVERIFY(out_.isValid());
    localRun_ = runLocally(out_, kLongerTrials);
    QVERIFY(!localRun_.empty());
  }

  void cancellingOneTaskCancelsExactlyItsTrials() {
    const QString runDir = submit({QStringLiteral("--array-parallelism"), QStringLiteral("2")});
    QVERIFY(!runDir.isEmpty());
    // status says where it trains, as the records and squeue tell it.
    QVERIFY2(waitFor(
                 [&] {
                   return trialState(cli({QStringLiteral("status"), runDir}).out, 1) ==
                          QStringLiteral("running");
                 },
                 60'000),
             "status never said trial 1 was running");
    const Ran cancel =
        cli({QStringLiteral("cancel"), runDir, QStringLiteral("--trial"), QStringLiteral("1")});
    QVERIFY2(cancel.exitCode == 0, qPrintable(cancel.err));
    QVERIFY2(cancel.out.contains(QStringLiteral("trials 1 marked cancelled")),
             qPrintable(cancel.out));
    QVERIFY(waitFor([&] { return everyTrialEnded(runDir.toStdString()); }, 120'000));
    const Ran status = cli({QStringLiteral("status"), runDir});
    QCOMPARE(trialState(status.out, 1), QStringLiteral("cancelled"));
    for (int trial = 2; trial <= 4; ++trial)
      QCOMPARE(trialState(status.out, trial), QStringLiteral("finished"));
  }

  void killedTasksAreResubmittedAndTheRunEqualsALocalOne() {
    const QString runDir = submit({QStringLiteral("--array-parallelism"), QStringLiteral("2")});
    QVERIFY(!runDir.isEmpty());
    QVERIFY2(waitFor([&] { return statusOf(runDir, 1) == TrialStatus::Running; }, 60'000),
             "trial 2 never started");
    // Slurm turns a KILL for a task without job steps into a cancel with a grace period:
    // the task stops its trial at the next step and says so in the record.
    const Ran kill = runProgram(QStringLiteral("scancel"),
                                {QStringLiteral("--signal=KILL"), job_ + QStringLiteral("_1")});
    QVERIFY2(kill.exitCode == 0, qPrintable(kill.err));
    // A process that dies at once (the OOM killer, a lost node) leaves its record "running".
    QVERIFY2(waitFor([&] { return statusOf(runDir, 2) == TrialStatus::Running; }, 60'000),
             "trial 3 never started");
    const long long pid = readRunSummary(runDir.toStdString()).trials.at(2).writer.pid;
    QVERIFY(pid > 0);
    QCOMPARE(
        runProgram(QStringLiteral("kill"), {QStringLiteral("-9"), QString::number(pid)}).exitCode,
        0);
    QVERIFY(waitFor(
        [&] {
          const QString out = cli({QStringLiteral("status"), runDir}).out;
          return trialState(out, 1) == QStringLiteral("finished") &&
                 trialState(out, 4) == QStringLiteral("finished");
        },
        120'000));
    const Ran status = cli({QStringLiteral("status"), runDir});
    QCOMPARE(trialState(status.out, 2), QStringLiteral("stopped"));
    QCOMPARE(trialState(status.out, 3), QStringLiteral("interrupted"));

    const Ran resume = cli({QStringLiteral("resume"), runDir, QStringLiteral("--slurm")});
    QVERIFY2(resume.exitCode == 0, qPrintable(resume.err));
    QVERIFY2(resume.out.contains(QStringLiteral(": trials 2, 3 in 2 array tasks")),
             qPrintable(resume.out));
    QVERIFY(waitFor([&] { return everyTrialFinished(runDir.toStdString()); }, 120'000));
    compareWithLocalRun(runDir.toStdString(), localRun_);
  }

  void aRequeuedTaskResumesRatherThanRestarts() {
    // One task holds trials 1 and 2; requeued while trial 2 trains, it keeps trial 1.
    const QString runDir = submit({QStringLiteral("--trials-per-task"), QStringLiteral("2"),
                                   QStringLiteral("--array-parallelism"), QStringLiteral("1")});
    QVERIFY(!runDir.isEmpty());
    QVERIFY2(waitFor([&] { return statusOf(runDir, 1) == TrialStatus::Running; }, 90'000),
             "trial 2 never started");
    const QString firstRecord = readAll(runDir + QStringLiteral("/000-batch_size-64/trial.json"));
    QVERIFY(firstRecord.contains(QStringLiteral("\"finished\"")));
    const QString task = job_ + QStringLiteral("_0");
    const Ran requeue = runProgram(QStringLiteral("scontrol"), {QStringLiteral("requeue"), task});
    QVERIFY2(requeue.exitCode == 0, qPrintable(requeue.err));
    QVERIFY(waitFor(
        [&] {
          return trialState(cli({QStringLiteral("status"), runDir}).out, 2) ==
                 QStringLiteral("requeued");
        },
        30'000));
    // Slurm holds a requeued job for two minutes before it may start again; the test does not.
    runProgram(QStringLiteral("scontrol"),
               {QStringLiteral("update"), QStringLiteral("JobId=") + task,
                QStringLiteral("StartTime=now")});
    QVERIFY(waitFor([&] { return everyTrialFinished(runDir.toStdString()); }, 120'000));
    QCOMPARE(readAll(runDir + QStringLiteral("/000-batch_size-64/trial.json")), firstRecord);
    const TrialSummary second = readRunSummary(runDir.toStdString()).trials.at(1);
    QCOMPARE(QString::fromStdString(second.writer.slurm_restart_count), QStringLiteral("1"));
    compareWithLocalRun(runDir.toStdString(), localRun_);
  }

  void cleanupTestCase() { cluster_.reset(); }

 private:
  QString submit(const QStringList& options) {
    const Ran ran =
        cli(QStringList{QStringLiteral("submit"), example("quick_demo.yaml"),
                        QStringLiteral("--slurm"), QStringLiteral("--out"),
                        out_.filePath(QStringLiteral("cluster")), QStringLiteral("--quiet")} +
            kLongerTrials + options);
    if (ran.exitCode != 0) qWarning("submit failed: %s", qPrintable(ran.err));
    job_ = submittedJob(ran);
    return submittedFolder(ran);
  }

  std::unique_ptr<SlurmCluster> cluster_;
  QTemporaryDir out_;
  std::string localRun_;
  QString job_;
};

QTEST_GUILESS_MAIN(TstSlurmRecovery)
#include "tst_slurm_recovery.moc"
