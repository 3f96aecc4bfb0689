// `sweeplab-cli resume` past the kill loop of tst_kill_resume: a store that fell behind its run
// folder (killed after the last trial record, before the store indexed it) catches up without
// training anything again, and what is not a run folder is refused with exit status 2.
#include <QtTest>

#include "kill_resume_support.h"

using namespace sweeplab;
using namespace sweeplab::testing;

class tst_cli_resume : public QObject, private KillResumeFixture {
  Q_OBJECT

 private Q_SLOTS:
  void initTestCase() { runReferences({&kGridStudy}); }

  // A kill after the last trial record but before the store indexed it: the store says that
  // trial was running (its process is gone, so it reads interrupted) while the folder has it
  // finished. The next index (resume indexes before it plans) catches the store up, and
  // nothing trains again.
  void resumeCatchesUpAStoreThatFellBehind() {
    const QString runDir = onlyRunFolder(path("reference-kill_resume"));
    const QString storePath = path("reference-kill_resume.sqlite");
    long long id = 0;
    {
      RunStore store(storePath.toStdString(), false);
      id = store.experimentForRunDir(runDir.toStdString());
      QVERIFY(id > 0);
      QCOMPARE(store.experiment(id).status, std::string("finished"));
      RunSummary behind = store.runSummary(id);
      TrialSummary& last = behind.trials.back();
      const TrialWriter writer = last.writer;
      const int index = last.index;
      last = TrialSummary{};
      last.index = index;
      last.status = TrialStatus::Running;
      last.writer = writer;  // the reference run's process, which has ended
      store.recordRun(id, behind, "running");
      store.clearTrialResults(store.trials(id).back().id);
      QCOMPARE(store.experiment(id).status, std::string("interrupted"));
      QCOMPARE(store.trials(id).back().summary.status, TrialStatus::Interrupted);
    }
    const CliResult resumed = cli_.run({"resume", runDir, "--store", storePath, "--quiet"});
    QVERIFY2(resumed.exitCode == 0, qPrintable(resumed.err));
    QVERIFY2(resumed.out.contains("nothing to resume"), qPrintable(resumed.out));
    checkEndedSweep(kGridStudy, runDir, storePath);
    QCOMPARE(RunStore(storePath.toStdString(), false).experiment(id).status,
             std::string("finished"));
  }

  void resumeRefusesWhatIsNotARunFolder() {
    const CliResult result = cli_.run({"resume", dir_.path()});
    QCOMPARE(result.exitCode, 2);
    QVERIFY(result.err.contains("not a Sweeplab run folder"));
    const CliResult missing = cli_.run({"resume", path("no-such-folder")});
    QCOMPARE(missing.exitCode, 2);
    QVERIFY(missing.err.contains("no such folder"));
  }
};

QTEST_GUILESS_MAIN(tst_cli_resume)
#include "tst_cli_resume.moc"
