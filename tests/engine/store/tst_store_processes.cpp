// The run store opened by several processes at once: runs started together (a shell loop, Slurm
// array tasks) each open a store that does not exist yet, at the same moment.
#include <sys/wait.h>
#include <unistd.h>

#include <QDir>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QtTest>

#include "sweeplab/run_store.h"

using namespace sweeplab;

class tst_store_processes : public QObject {
  Q_OBJECT

  QTemporaryDir dir_;
  int counter_ = 0;
  std::string freshPath() {
    return dir_.filePath(QString("store-%1/runs.sqlite").arg(++counter_)).toStdString();
  }

 private Q_SLOTS:
  // Each must get it, not "database is locked". Forked children open it on a
  // shared start signal, many times over, since the clash needs a close race.
  void processesCreatingTheStoreAtOnceAllOpenIt() {
    constexpr int kRounds = 40, kProcesses = 3;
    int failedRounds = 0;
    for (int round = 0; round < kRounds; ++round) {
      const std::string path = freshPath();
      QDir().mkpath(QFileInfo(QString::fromStdString(path)).path());
      int startPipe[2];
      QCOMPARE(pipe(startPipe), 0);
      std::vector<pid_t> children;
      for (int i = 0; i < kProcesses; ++i) {
        const pid_t child = fork();
        if (child == 0) {
          close(startPipe[1]);
          char go;
          if (read(startPipe[0], &go, 1) != 0) _exit(3);  // wait for the start signal
          try {
            RunStore store(path);
            _exit(store.schemaVersion() == kStoreSchemaVersion ? 0 : 2);
          } catch (const std::exception&) {
            _exit(1);
          }
        }
        children.push_back(child);
      }
      close(startPipe[0]);
      close(startPipe[1]);  // end of file: every child starts now
      bool allOpened = true;
      for (const pid_t child : children) {
        int status = 0;
        waitpid(child, &status, 0);
        allOpened = allOpened && WIFEXITED(status) && WEXITSTATUS(status) == 0;
      }
      failedRounds += allOpened ? 0 : 1;
    }
    QCOMPARE(failedRounds, 0);
  }
};

QTEST_GUILESS_MAIN(tst_store_processes)
#include "tst_store_processes.moc"
