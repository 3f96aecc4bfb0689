// Runs the sweeplab-cli binary (path in SWEEPLAB_CLI) as a child process for the CLI tests.
#pragma once

#include <QElapsedTimer>
#include <QProcess>
#include <QProcessEnvironment>
#include <QStringList>
#include <QThread>

#include <signal.h>

struct CliResult {
  int exitCode = -1;  // -1 when the process crashed or did not finish in time
  QString out;
  QString err;
  QStringList errLines() const { return err.split('\n', Qt::SkipEmptyParts); }
};

// Starts every process with its own dataset cache and data folder (where the run store lives by
// default), so tests never touch the user's.
class CliRunner {
 public:
  void setCacheHome(const QString& path) { cacheHome_ = path; }
  // Where the default run store goes; unset, it lies next to the cache folder.
  void setDataHome(const QString& path) { dataHome_ = path; }

  void configure(QProcess& process, const QString& workDir) const {
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    if (!cacheHome_.isEmpty()) environment.insert("XDG_CACHE_HOME", cacheHome_);
    const QString dataHome = !dataHome_.isEmpty()    ? dataHome_
                             : !cacheHome_.isEmpty() ? cacheHome_ + "-data"
                                                     : QString();
    if (!dataHome.isEmpty()) environment.insert("XDG_DATA_HOME", dataHome);
    environment.remove("SWEEPLAB_STORE");
    process.setProcessEnvironment(environment);
    if (!workDir.isEmpty()) process.setWorkingDirectory(workDir);
    process.setProgram(QStringLiteral(SWEEPLAB_CLI));
  }

  CliResult run(const QStringList& args, const QString& workDir = {}) const {
    QProcess process;
    configure(process, workDir);
    process.setArguments(args);
    process.start();
    process.waitForFinished(180000);
    return resultOf(process);
  }

  static CliResult resultOf(QProcess& process) {
    CliResult result;
    if (process.state() == QProcess::NotRunning && process.exitStatus() == QProcess::NormalExit) {
      result.exitCode = process.exitCode();
    }
    result.out = QString::fromUtf8(process.readAllStandardOutput());
    result.err = QString::fromUtf8(process.readAllStandardError());
    return result;
  }

 private:
  QString cacheHome_;
  QString dataHome_;
};

// A run the test interacts with while it works: waits for progress, sends Ctrl+C.
class CliProcess {
 public:
  explicit CliProcess(const CliRunner& runner) { runner.configure(process_, {}); }
  ~CliProcess() {
    if (process_.state() != QProcess::NotRunning) {
      process_.kill();
      process_.waitForFinished();
    }
  }

  void start(const QStringList& args) {
    process_.setArguments(args);
    process_.start();
    process_.waitForStarted();
  }

  // True once stderr contains `text`; stderr read here is kept for finish().
  bool waitForStderr(const QString& text, int timeoutMs = 120000) {
    QElapsedTimer timer;
    timer.start();
    while (!err_.contains(text)) {
      if (timer.elapsed() > timeoutMs || process_.state() == QProcess::NotRunning) return false;
      process_.waitForReadyRead(100);
      err_ += QString::fromUtf8(process_.readAllStandardError());
    }
    return true;
  }

  // What a terminal sends on Ctrl+C. The pause lets the child take the signal before the next
  // one, since a second pending SIGINT would merge with the first.
  void interrupt() {
    ::kill(static_cast<pid_t>(process_.processId()), SIGINT);
    QThread::msleep(50);
  }

  CliResult finish(int timeoutMs = 120000) {
    process_.waitForFinished(timeoutMs);
    CliResult result = CliRunner::resultOf(process_);
    result.err = err_ + result.err;
    return result;
  }

 private:
  QProcess process_;
  QString err_;
};
