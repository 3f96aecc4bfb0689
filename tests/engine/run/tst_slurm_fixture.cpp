// The Slurm test cluster (tests/support/slurm_fixture.h) is a real scheduler: an array job runs
// all its tasks no more than its throttle at a time, scancel cancels a running task, a bad
// partition is refused with sbatch's own message, and stopping the cluster leaves nothing of it
// running. The cluster tests of the Slurm submission build on these behaviours.
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QThread>
#include <QtTest>

#include <algorithm>
#include <functional>
#include <memory>

#include "slurm_fixture.h"

using sweeplab::test_support::SlurmCluster;
using sweeplab::test_support::waitFor;

namespace {

struct Result {
  int exitCode = -1;
  QString out;
  QString err;
};

Result run(const QString& program, const QStringList& arguments) {
  QProcess process;
  process.start(program, arguments);
  Result result;
  if (!process.waitForFinished(30'000)) {
    process.kill();
    process.waitForFinished();
    result.err = QStringLiteral("%1 did not finish in 30 s").arg(program);
    return result;
  }
  result.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
  result.out = QString::fromLocal8Bit(process.readAllStandardOutput()).trimmed();
  result.err = QString::fromLocal8Bit(process.readAllStandardError()).trimmed();
  return result;
}

// The states squeue reports for a job (an array's tasks, one line each); empty once it ended.
QStringList queueStates(const QString& job) {
  const Result r = run(QStringLiteral("squeue"), {QStringLiteral("-h"), QStringLiteral("-j"), job,
                                                  QStringLiteral("-o"), QStringLiteral("%T")});
  return r.out.isEmpty() ? QStringList{} : r.out.split(QLatin1Char('\n'));
}

// JobState=... of each record `scontrol show job` prints for a job (one per array task).
QStringList controllerStates(const QString& job) {
  const Result r = run(QStringLiteral("scontrol"),
                       {QStringLiteral("show"), QStringLiteral("job"), QStringLiteral("-o"), job});
  QStringList states;
  static const QRegularExpression state(QStringLiteral("JobState=(\\S+)"));
  for (auto it = state.globalMatch(r.out); it.hasNext();) states << it.next().captured(1);
  return states;
}

// Whether a process still runs (a zombie waiting for init to reap it does not).
bool processRuns(qint64 pid) {
  QFile stat(QStringLiteral("/proc/%1/stat").arg(pid));
  if (!stat.open(QIODevice::ReadOnly)) return false;
  const QByteArray text = stat.readAll();
  const qsizetype close = text.lastIndexOf(')');
  return close > 0 && text.size() > close + 2 && text.at(close + 2) != 'Z';
}

// Running processes whose command line names `path` (the daemons name their files under it,
// a batch script runs from its spool folder).
QStringList processesNaming(const QString& path) {
  QStringList found;
  const QByteArray needle = path.toLocal8Bit();
  for (const QString& entry : QDir(QStringLiteral("/proc")).entryList(QDir::Dirs)) {
    bool isPid = false;
    const qint64 pid = entry.toLongLong(&isPid);
    if (!isPid || pid == QCoreApplication::applicationPid()) continue;
    QFile cmdline(QStringLiteral("/proc/%1/cmdline").arg(entry));
    if (!cmdline.open(QIODevice::ReadOnly)) continue;
    QByteArray text = cmdline.readAll();
    if (text.contains(needle) && processRuns(pid))
      found << entry + QLatin1Char(' ') + QString::fromLocal8Bit(text.replace('\0', ' '));
  }
  return found;
}

}  // namespace

class tst_slurm_fixture : public QObject {
  Q_OBJECT

 private Q_SLOTS:
  void initTestCase() {
    slurmConfBefore_ = qEnvironmentVariable("SLURM_CONF");
    // As on a real cluster's login node: a setting of that cluster must not reach this one.
    qputenv("SBATCH_PARTITION", "a_real_clusters_partition");
    cluster_ = std::make_unique<SlurmCluster>();
    SWEEPLAB_REQUIRE_SLURM_CLUSTER(*cluster_);
    QVERIFY(QFile::exists(cluster_->slurmConf()));
    QCOMPARE(qEnvironmentVariable("SLURM_CONF"), cluster_->slurmConf());
    const Result sinfo = run(QStringLiteral("sinfo"), {QStringLiteral("-h"), QStringLiteral("-o"),
                                                       QStringLiteral("%P %T %c %D")});
    QCOMPARE(sinfo.exitCode, 0);
    qInfo("sinfo: %s", qPrintable(sinfo.out));
    QVERIFY2(sinfo.out.startsWith(QStringLiteral("debug* idle")), qPrintable(sinfo.out));
  }

  void arrayRunsEveryTaskAtMostTwoAtATime() {
    QTemporaryDir out;
    QVERIFY(out.isValid());
    QElapsedTimer timer;
    timer.start();
    const Result submit =
        run(QStringLiteral("sbatch"),
            {QStringLiteral("--parsable"), QStringLiteral("--array=0-3%2"),
             QStringLiteral("--chdir=") + out.path(), QStringLiteral("--output=slurm-%A_%a.out"),
             QStringLiteral("--wrap"),
             QStringLiteral("echo $SLURM_ARRAY_TASK_ID > %1/task_$SLURM_ARRAY_TASK_ID; sleep 1")
                 .arg(out.path())});
    QVERIFY2(submit.exitCode == 0, qPrintable(submit.err));
    const QString job = submit.out;
    QVERIFY2(QRegularExpression(QStringLiteral("^\\d+$")).match(job).hasMatch(), qPrintable(job));

    int mostRunning = 0;
    const bool ended = waitFor(
        [&] {
          const QStringList states = queueStates(job);
          mostRunning = std::max<int>(mostRunning, states.count(QStringLiteral("RUNNING")));
          return states.isEmpty();
        },
        120'000);
    QVERIFY2(ended, qPrintable(QStringLiteral("array %1 still queued after 120 s: %2")
                                   .arg(job, queueStates(job).join(QLatin1Char(' ')))));
    qInfo("4-task array (%%2, 1 s each) submitted to ended: %.2f s", timer.elapsed() / 1000.0);
    QVERIFY2(mostRunning <= 2, qPrintable(QString::number(mostRunning)));
    QCOMPARE(controllerStates(job), QStringList(4, QStringLiteral("COMPLETED")));
    for (int task = 0; task < 4; ++task) {
      QFile file(QStringLiteral("%1/task_%2").arg(out.path()).arg(task));
      QVERIFY2(file.open(QIODevice::ReadOnly), qPrintable(file.fileName()));
      QCOMPARE(file.readAll().trimmed(), QByteArray::number(task));
    }
  }

  void scancelCancelsARunningTask() {
    QTemporaryDir out;
    QVERIFY(out.isValid());
    const Result submit =
        run(QStringLiteral("sbatch"), {QStringLiteral("--parsable"), QStringLiteral("--array=0-1"),
                                       QStringLiteral("--chdir=") + out.path(),
                                       QStringLiteral("--wrap"), QStringLiteral("sleep 300")});
    QVERIFY2(submit.exitCode == 0, qPrintable(submit.err));
    const QString job = submit.out;
    const QString task0 = job + QStringLiteral("_0");
    const QString task1 = job + QStringLiteral("_1");
    QVERIFY2(waitFor([&] { return queueStates(task0) == QStringList{QStringLiteral("RUNNING")}; },
                     60'000),
             qPrintable(queueStates(task0).join(QLatin1Char(' '))));

    const Result cancel = run(QStringLiteral("scancel"), {task0});
    QVERIFY2(cancel.exitCode == 0, qPrintable(cancel.err));
    QVERIFY2(waitFor([&] { return queueStates(task0).isEmpty(); }, 60'000),
             qPrintable(queueStates(task0).join(QLatin1Char(' '))));
    QCOMPARE(controllerStates(task0), QStringList{QStringLiteral("CANCELLED")});
    // Only that task: the array's other task runs on.
    QCOMPARE(queueStates(task1), QStringList{QStringLiteral("RUNNING")});

    QCOMPARE(run(QStringLiteral("scancel"), {job}).exitCode, 0);
    QVERIFY(waitFor([&] { return queueStates(job).isEmpty(); }, 60'000));
    QCOMPARE(controllerStates(task1), QStringList{QStringLiteral("CANCELLED")});
  }

  void badPartitionIsRefusedWithSbatchsMessage() {
    const Result submit =
        run(QStringLiteral("sbatch"),
            {QStringLiteral("--parsable"), QStringLiteral("--partition=no_such_partition"),
             QStringLiteral("--wrap"), QStringLiteral("true")});
    QVERIFY(submit.exitCode != 0);
    QVERIFY(submit.out.isEmpty());
    QVERIFY2(submit.err.contains(QStringLiteral("sbatch: error: invalid partition specified: "
                                                "no_such_partition")),
             qPrintable(submit.err));
    QVERIFY2(submit.err.contains(QStringLiteral("Invalid partition name specified")),
             qPrintable(submit.err));
  }

  // Last: stopping leaves no daemon and no job of the cluster running.
  void stopLeavesNothingRunning() {
    QVERIFY(cluster_->running());
    QList<qint64> daemons;
    for (const QString& name :
         {QStringLiteral("munged"), QStringLiteral("slurmctld"), QStringLiteral("slurmd")}) {
      QFile pidFile(QStringLiteral("%1/run/%2.pid").arg(cluster_->dir(), name));
      QVERIFY2(pidFile.open(QIODevice::ReadOnly), qPrintable(pidFile.fileName()));
      const qint64 pid = pidFile.readAll().trimmed().toLongLong();
      QVERIFY2(processRuns(pid), qPrintable(name));
      daemons << pid;
    }
    // A job still running when the cluster stops must go too; it says which process it is.
    QTemporaryDir out;
    QVERIFY(out.isValid());
    const QString pidPath = out.filePath(QStringLiteral("sleep.pid"));
    const Result submit = run(
        QStringLiteral("sbatch"),
        {QStringLiteral("--parsable"), QStringLiteral("--chdir=") + out.path(),
         QStringLiteral("--wrap"), QStringLiteral("sleep 300 & echo $! > %1; wait").arg(pidPath)});
    QVERIFY2(submit.exitCode == 0, qPrintable(submit.err));
    qint64 sleepPid = 0;
    QVERIFY(waitFor(
        [&] {
          QFile file(pidPath);
          if (file.open(QIODevice::ReadOnly)) sleepPid = file.readAll().trimmed().toLongLong();
          return sleepPid > 0;
        },
        60'000));
    QVERIFY(processRuns(sleepPid));
    const QString dir = cluster_->dir();
    QVERIFY(!processesNaming(dir).isEmpty());

    QVERIFY(cluster_->stop());
    for (qint64 pid : daemons) QVERIFY2(!processRuns(pid), qPrintable(QString::number(pid)));
    QVERIFY2(!processRuns(sleepPid), "the job's sleep 300 outlived the cluster");
    const QStringList left = processesNaming(dir);
    QVERIFY2(left.isEmpty(), qPrintable(left.join(QLatin1Char('\n'))));
    QCOMPARE(qEnvironmentVariable("SLURM_CONF"), slurmConfBefore_);
    QCOMPARE(qgetenv("SBATCH_PARTITION"), QByteArray("a_real_clusters_partition"));
  }

  void cleanupTestCase() {
    cluster_.reset();
    qunsetenv("SBATCH_PARTITION");
  }

 private:
  std::unique_ptr<SlurmCluster> cluster_;
  QString slurmConfBefore_;
};

QTEST_GUILESS_MAIN(tst_slurm_fixture)
#include "tst_slurm_fixture.moc"
