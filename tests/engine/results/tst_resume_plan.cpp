// Reading a run folder back for resume: which trials stay and which train again, how a dead
// writer's running trial reads, and the folders resume must refuse.
#include <QDir>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

#include "ended_process.h"
#include "sweeplab/errors.h"
#include "sweeplab/experiment_io.h"
#include "sweeplab/resume.h"
#include "sweeplab/run_folder.h"
#include "sweeplab/trial.h"

using namespace sweeplab;

namespace {

// Six trials: batch sizes 64, 128, 256 times two seeds.
ExperimentSpec sixTrials() {
  ExperimentSpec spec;
  spec.name = "plan";
  spec.dataset.source = DatasetSource::SyntheticJsc;
  spec.dataset.samples = 2000;
  spec.repeats = 2;
  spec.sweep = {{"training.batch_size", {"64", "128", "256"}}};
  return spec;
}

// A run folder with the given trial statuses, written by process `pid` of this host.
QString writeRunFolder(const QTemporaryDir& dir, const std::vector<TrialStatus>& statuses,
                       long long pid, const std::string& finishedAt = "") {
  const QString runDir = dir.filePath("run");
  QDir().mkpath(runDir);
  const ExperimentSpec spec = sixTrials();
  saveExperimentFile(spec, (runDir + "/" + kExperimentFileName).toStdString());
  RunSummary summary;
  summary.experiment_name = spec.name;
  summary.writer_host = currentHost();
  summary.writer_pid = pid;
  summary.finished_at = finishedAt;
  const std::vector<TrialSpec> trials = expandTrials(spec);
  for (std::size_t i = 0; i < statuses.size(); ++i) {
    TrialSummary trial;
    trial.index = trials[i].index;
    trial.label = trials[i].label();
    trial.seed = trials[i].spec.training.seed;
    trial.folder = trials[i].folderName();
    trial.status = statuses[i];
    summary.trials.push_back(trial);
  }
  writeRunSummary(runDir.toStdString(), summary);
  return runDir;
}

}  // namespace

class tst_resume_plan : public QObject {
  Q_OBJECT

 private Q_SLOTS:
  // Finished and diverged trials are results; every other status trains again.
  void keepsResultsAndRerunsTheRest() {
    QTemporaryDir dir;
    const QString runDir =
        writeRunFolder(dir,
                       {TrialStatus::Finished, TrialStatus::Diverged, TrialStatus::Running,
                        TrialStatus::Stopped, TrialStatus::Failed, TrialStatus::Queued},
                       sweeplab::test_support::endedProcessId());
    const ResumePlan plan = planResume(runDir.toStdString());
    QCOMPARE(plan.kept, (std::vector<int>{0, 1}));
    QCOMPARE(plan.rerun, (std::vector<int>{2, 3, 4, 5}));
    QCOMPARE(plan.previous.trials[2].status, TrialStatus::Interrupted);
    QVERIFY(!plan.nothingToDo());
    QCOMPARE(plan.spec.name, std::string("plan"));
  }

  // The writer is gone: its running trial reads interrupted for every reader, not only resume.
  void deadWritersRunningTrialReadsInterrupted() {
    QTemporaryDir dir;
    const QString runDir = writeRunFolder(dir, {TrialStatus::Finished, TrialStatus::Running},
                                          sweeplab::test_support::endedProcessId());
    const RunSummary summary = readRunSummary(runDir.toStdString());
    QCOMPARE(summary.trials[0].status, TrialStatus::Finished);
    QCOMPARE(summary.trials[1].status, TrialStatus::Interrupted);
    QVERIFY(!summary.trials[1].message.empty());
  }

  // A live writer (this very process stands in for it) is still training: not interrupted,
  // and resume refuses rather than train the same trials twice at once.
  void refusesASweepThatIsStillRunning() {
    QTemporaryDir dir;
    const QString runDir =
        writeRunFolder(dir, {TrialStatus::Finished, TrialStatus::Running}, currentProcessId());
    QCOMPARE(readRunSummary(runDir.toStdString()).trials[1].status, TrialStatus::Running);
    try {
      planResume(runDir.toStdString());
      QFAIL("resumed a sweep that is still running");
    } catch (const InputError& error) {
      QVERIFY2(QString(error.what()).contains("still running"), error.what());
    }
  }

  // Every trial ended and the end is on record: nothing to do. Every trial ended but the
  // process died before recording the end: resume still has the end to write.
  void nothingToDoOnlyWhenTheEndIsRecorded() {
    QTemporaryDir ended;
    const std::vector<TrialStatus> done(6, TrialStatus::Finished);
    QVERIFY(planResume(writeRunFolder(ended, done, sweeplab::test_support::endedProcessId(),
                                      "2026-01-01T00:00:00Z")
                           .toStdString())
                .nothingToDo());
    QTemporaryDir killed;
    const ResumePlan plan = planResume(
        writeRunFolder(killed, done, sweeplab::test_support::endedProcessId()).toStdString());
    QVERIFY(plan.rerun.empty());
    QVERIFY(!plan.nothingToDo());
  }

  // Killed before the first summary.json: every trial of the experiment is still to run.
  void folderWithoutSummaryRunsEveryTrial() {
    QTemporaryDir dir;
    const QString runDir = writeRunFolder(dir, {}, sweeplab::test_support::endedProcessId());
    QVERIFY(QFile::remove(runDir + "/" + kSummaryFileName));
    const ResumePlan plan = planResume(runDir.toStdString());
    QCOMPARE(plan.rerun, (std::vector<int>{0, 1, 2, 3, 4, 5}));
    QCOMPARE(plan.previous.trials[5].seed, 1);  // the second repeat's seed
  }

  void refusesWhatIsNotARunFolder() {
    QTemporaryDir dir;
    for (const QString& path : {dir.path(), dir.filePath("missing")}) {
      try {
        planResume(path.toStdString());
        QFAIL("accepted a folder that is not a run folder");
      } catch (const InputError& error) {
        QVERIFY2(QString(error.what()).startsWith(path), error.what());
      }
    }
  }
};

QTEST_GUILESS_MAIN(tst_resume_plan)
#include "tst_resume_plan.moc"
