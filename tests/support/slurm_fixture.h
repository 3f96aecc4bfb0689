// Test fixture: a real single-node Slurm cluster (munged, slurmctld, slurmd) for one test
// executable, started by tests/support/slurm_cluster.sh in a temporary folder.
//
// Construct it (in initTestCase), skip when it is not available, and the cluster runs until it
// is destroyed or stop() is called:
//
//   cluster_ = std::make_unique<SlurmCluster>();
//   SWEEPLAB_REQUIRE_SLURM_CLUSTER(*cluster_);
//
// While it runs, SLURM_CONF is set in this process's environment, so sbatch, squeue, scancel
// and scontrol started from the test (and the programs it starts) talk to this cluster.
//
// It is unavailable (the tests skip, saying why) when Debian's slurm-wlm and munge are not
// installed or the tests do not run as root (slurmd starts jobs as their owner). CI runs
// packaging/install-deps.sh, which installs both, and runs the tests as root: there the cluster
// must start, and setting SWEEPLAB_REQUIRE_SLURM=1 turns a skip into a failure so that a broken
// installation cannot pass as skipped tests.
#pragma once

#include <unistd.h>

#include <QByteArray>
#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QProcessEnvironment>
#include <QStandardPaths>
#include <QString>
#include <QStringList>
#include <QTemporaryDir>
#include <QThread>
#include <QtGlobal>
#include <QtTest>

#include <functional>
#include <optional>
#include <utility>
#include <vector>

namespace sweeplab::test_support {

// Polls `done` every 200 ms until it holds or `timeoutMs` passes; a scheduler needs polling.
inline bool waitFor(const std::function<bool()>& done, int timeoutMs) {
  QElapsedTimer timer;
  timer.start();
  while (!done()) {
    if (timer.elapsed() > timeoutMs) return false;
    QThread::msleep(200);
  }
  return true;
}

class SlurmCluster {
 public:
  // Starts the cluster; blocks until its node is idle (about a second here) or start fails.
  SlurmCluster() {
    if (geteuid() != 0) {
      reason_ = QStringLiteral(
          "a Slurm test cluster needs root (slurmd starts jobs as their "
          "owner); run the tests as root");
      return;
    }
    // Daemons live in sbin, which a non-login PATH may lack; the script adds it too.
    const QStringList sbin{QStringLiteral("/usr/sbin"), QStringLiteral("/sbin"),
                           QStringLiteral("/usr/local/sbin")};
    for (const char* tool : {"munged", "slurmctld", "slurmd"}) {
      if (QStandardPaths::findExecutable(QString::fromLatin1(tool)).isEmpty() &&
          QStandardPaths::findExecutable(QString::fromLatin1(tool), sbin).isEmpty()) {
        reason_ = QStringLiteral(
                      "%1 is not installed: packaging/install-deps.sh installs "
                      "slurm-wlm and munge")
                      .arg(QString::fromLatin1(tool));
        return;
      }
    }
    for (const char* tool : {"sbatch", "squeue", "scancel", "scontrol", "sinfo"}) {
      if (QStandardPaths::findExecutable(QString::fromLatin1(tool)).isEmpty()) {
        reason_ = QStringLiteral(
                      "%1 is not on PATH: packaging/install-deps.sh installs "
                      "slurm-wlm")
                      .arg(QString::fromLatin1(tool));
        return;
      }
    }
    available_ = true;
    if (!dir_.isValid()) {
      error_ = QStringLiteral("cannot create a temporary folder: %1").arg(dir_.errorString());
      return;
    }
    // Tests run on a real cluster's login node or inside one of its jobs may carry that
    // cluster's settings (SBATCH_PARTITION, SLURM_JOB_ID, ...), which the Slurm commands (the
    // script's too) would apply to this one; they are set aside while it runs.
    static const char* const prefixes[] = {"SLURM_",  "SBATCH_", "SALLOC_",   "SRUN_",
                                           "SQUEUE_", "SINFO_",  "SCONTROL_", "SCANCEL_"};
    for (const QString& name : QProcessEnvironment::systemEnvironment().keys()) {
      for (const char* prefix : prefixes) {
        if (name.startsWith(QLatin1String(prefix))) {
          setEnv(name.toLocal8Bit(), std::nullopt);
          break;
        }
      }
    }
    QElapsedTimer timer;
    timer.start();
    const auto [ok, out] = runScript(QStringLiteral("start"), 180'000);
    startSeconds_ = timer.elapsed() / 1000.0;
    if (!ok) {
      error_ = QStringLiteral("slurm_cluster.sh start failed:\n%1").arg(out);
      stop();  // whatever did start; restores the environment
      return;
    }
    // The script prints NAME=VALUE lines: what a process needs to reach the cluster.
    for (const QString& line : QString::fromLocal8Bit(lastStdout_).split(QLatin1Char('\n'))) {
      const qsizetype eq = line.indexOf(QLatin1Char('='));
      if (eq <= 0) continue;
      setEnv(line.left(eq).toLocal8Bit(), line.mid(eq + 1).toLocal8Bit());
      if (line.left(eq) == QLatin1String("SLURM_CONF")) conf_ = line.mid(eq + 1);
    }
    if (conf_.isEmpty()) {
      error_ = QStringLiteral("slurm_cluster.sh start printed no SLURM_CONF:\n%1").arg(out);
      stop();
      return;
    }
    running_ = true;
    qInfo("Slurm test cluster started in %.2f s (%s)", startSeconds_, qPrintable(conf_));
  }

  ~SlurmCluster() { stop(); }

  SlurmCluster(const SlurmCluster&) = delete;
  SlurmCluster& operator=(const SlurmCluster&) = delete;

  // Slurm and munge are installed and the user is root: the cluster can run here.
  bool available() const { return available_; }
  // Why it is not available (empty when it is).
  QString reason() const { return reason_; }
  // The cluster runs (available and started without error).
  bool running() const { return running_; }
  // Why start failed, with the daemons' logs (empty when it started).
  QString error() const { return error_; }

  QString slurmConf() const { return conf_; }
  QString dir() const { return dir_.path(); }
  double startSeconds() const { return startSeconds_; }
  double stopSeconds() const { return stopSeconds_; }

  // Stops every daemon and job of the cluster and restores the environment; true when the
  // script succeeded (also when nothing ran). Called by the destructor.
  bool stop() {
    if (!available_ || stopped_ || !dir_.isValid()) return true;
    stopped_ = true;
    QElapsedTimer timer;
    timer.start();
    const auto [ok, out] = runScript(QStringLiteral("stop"), 60'000);
    stopSeconds_ = timer.elapsed() / 1000.0;
    // Restored in reverse, so a variable changed twice gets its first saved value back.
    for (auto it = savedEnv_.rbegin(); it != savedEnv_.rend(); ++it) {
      if (it->second)
        qputenv(it->first.constData(), *it->second);
      else
        qunsetenv(it->first.constData());
    }
    savedEnv_.clear();
    if (running_) qInfo("Slurm test cluster stopped in %.2f s", stopSeconds_);
    running_ = false;
    if (!ok) qWarning("slurm_cluster.sh stop failed:\n%s", qPrintable(out));
    return ok;
  }

  static QString script() {
    return QStringLiteral(SWEEPLAB_SOURCE_DIR "/tests/support/slurm_cluster.sh");
  }

 private:
  // Sets (or with nullopt unsets) a variable of this process, remembering its value to restore.
  void setEnv(const QByteArray& name, const std::optional<QByteArray>& value) {
    savedEnv_.emplace_back(name, qEnvironmentVariableIsSet(name.constData())
                                     ? std::optional<QByteArray>(qgetenv(name.constData()))
                                     : std::nullopt);
    if (value)
      qputenv(name.constData(), *value);
    else
      qunsetenv(name.constData());
  }

  // Runs the script; returns whether it exited 0, and its output (stdout then stderr).
  std::pair<bool, QString> runScript(const QString& command, int timeoutMs) {
    QProcess process;
    // A watcher stops the cluster if this process ends without stop() (a crash, a kill).
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QStringLiteral("SLURM_CLUSTER_OWNER_PID"),
                       QString::number(QCoreApplication::applicationPid()));
    process.setProcessEnvironment(environment);
    process.start(QStringLiteral("bash"), {script(), command, dir_.path()});
    const bool finished = process.waitForFinished(timeoutMs);
    if (!finished) {
      process.kill();
      process.waitForFinished();
    }
    lastStdout_ = process.readAllStandardOutput();
    const QString out =
        QString::fromLocal8Bit(lastStdout_ + process.readAllStandardError()).trimmed();
    if (!finished)
      return {false, QStringLiteral("timed out after %1 s\n%2").arg(timeoutMs / 1000).arg(out)};
    if (process.exitStatus() != QProcess::NormalExit || process.exitCode() != 0)
      return {false, out.isEmpty() ? process.errorString() : out};
    return {true, out};
  }

  QTemporaryDir dir_{QDir::tempPath() + QStringLiteral("/sweeplab-slurm-XXXXXX")};
  bool available_ = false;
  bool running_ = false;
  bool stopped_ = false;
  QString reason_;
  QString error_;
  QString conf_;
  QByteArray lastStdout_;
  double startSeconds_ = 0;
  double stopSeconds_ = 0;
  std::vector<std::pair<QByteArray, std::optional<QByteArray>>> savedEnv_;
};

}  // namespace sweeplab::test_support

// Skips the test (or, with SWEEPLAB_REQUIRE_SLURM=1, fails it) when the cluster cannot run
// here, and fails it when the cluster could run but did not start.
#define SWEEPLAB_REQUIRE_SLURM_CLUSTER(cluster)                                                  \
  do {                                                                                           \
    if (!(cluster).available()) {                                                                \
      if (qEnvironmentVariableIntValue("SWEEPLAB_REQUIRE_SLURM") == 1)                           \
        QFAIL(qPrintable(QStringLiteral("SWEEPLAB_REQUIRE_SLURM=1 but ") + (cluster).reason())); \
      QSKIP(qPrintable((cluster).reason()));                                                     \
    }                                                                                            \
    QVERIFY2((cluster).running(), qPrintable((cluster).error()));                                \
  } while (false)
