// Crash safety as a person meets it: `sweeplab-cli run` is killed with SIGKILL at a random
// moment, twenty times. After each kill, every trial the run folder or the store calls finished
// is whole (trial record, metrics.csv, checkpoints, store rows), no half-written file is read,
// the trial that was training reads as interrupted, and `resume` finishes the sweep with
// exactly the numbers of a sweep that was never killed. A second study does the same for a tpe
// search with ASHA pruning: resume must suggest the same values, prune the same trials at the
// same epochs and end with the same numbers.
#include <QFile>
#include <QRandomGenerator>
#include <QtTest>
#include <set>

#include "kill_resume_support.h"

using namespace sweeplab;
using namespace sweeplab::testing;

namespace {

const TrialSummary* trialOf(const RunSummary& summary, int index) {
  for (const TrialSummary& trial : summary.trials)
    if (trial.index == index) return &trial;
  return nullptr;
}

}  // namespace

class tst_kill_resume : public QObject, private KillResumeFixture {
  Q_OBJECT

 private:
  static const Study& studyNamed(const QString& name) {
    return name == kTpeAshaStudy.name ? kTpeAshaStudy : kGridStudy;
  }

  // The store never runs ahead of the folder: a trial it calls ended is ended in summary.json
  // too, with its points and files recorded.
  void checkStoreAfterKill(const QString& storePath, const RunSummary& summary) {
    if (!QFile::exists(storePath)) return;  // killed before the store was first written
    const RunStore store(storePath.toStdString(), false);
    const std::vector<StoredExperiment> experiments = store.experiments();
    if (experiments.empty()) return;
    QCOMPARE(int(experiments.size()), 1);
    QVERIFY(experiments[0].status == "interrupted" || experiments[0].status == "finished");
    for (const StoredTrial& stored : store.trials(experiments[0].id)) {
      QVERIFY2(stored.summary.status != TrialStatus::Running, "a dead run's trial reads running");
      if (!hasEnded(stored.summary)) continue;
      const TrialSummary* inFolder = trialOf(summary, stored.summary.index);
      QVERIFY(inFolder);
      QCOMPARE(inFolder->status, stored.summary.status);
      QCOMPARE(stored.summary.test_acc, inFolder->test_acc);
      QVERIFY(!store.metricPoints(stored.id).empty());
      QVERIFY(!store.artifacts(stored.id).empty());
    }
  }

 private Q_SLOTS:
  void initTestCase() { runReferences({&kGridStudy, &kTpeAshaStudy}); }

  void killAtRandomMomentsThenResume_data() {
    QTest::addColumn<QString>("studyName");
    QTest::newRow("grid, two repeats") << QString(kGridStudy.name);
    QTest::newRow("tpe with asha") << QString(kTpeAshaStudy.name);
  }

  void killAtRandomMomentsThenResume() {
    QFETCH(QString, studyName);
    const Study& study = studyNamed(studyName);
    const Reference& reference = references_.at(study.name);
    const quint32 seed = QRandomGenerator::global()->generate();
    QRandomGenerator random(seed);
    qInfo("kill moments drawn with seed %u", seed);
    int landedInWrite = 0;
    int interruptedSeen = 0;
    for (int iteration = 0; iteration < study.iterations; ++iteration) {
      const QString outDir = path(QString("killed-%1-%2").arg(study.name).arg(iteration));
      const QString storePath = path(QString("killed-%1-%2.sqlite").arg(study.name).arg(iteration));
      // Any moment from the folder's creation to just before the sweep would have ended, one
      // in each of `iterations` equal slices of that time, so that few kills still cover it.
      const double slice = (iteration + random.bounded(1.0)) / study.iterations;
      const int delayMs = static_cast<int>(slice * 0.95 * reference.seconds_after_folder * 1000);

      QProcess process;
      startRun(process, study, outDir, storePath);
      QVERIFY(process.waitForStarted());
      while (onlyRunFolder(outDir).isEmpty() && process.state() != QProcess::NotRunning)
        process.waitForFinished(5);
      QThread::msleep(static_cast<unsigned long>(delayMs));
      const bool stillRunning = process.state() != QProcess::NotRunning;
      process.kill();  // SIGKILL: no handler, no cleanup, as when the battery runs out
      QVERIFY(process.waitForFinished(30000));

      const QString runDir = onlyRunFolder(outDir);
      QVERIFY(!runDir.isEmpty());
      const QStringList temporaries = leftoverTemporaryFiles(runDir);
      landedInWrite += !temporaries.isEmpty();
      RunSummary summary;
      const bool hasSummary = QFile::exists(runDir + "/" + kRunRecordFileName);
      if (hasSummary) {
        try {
          summary = readRunSummary(runDir.toStdString());
        } catch (const std::exception& error) {
          QFAIL(error.what());
        }
      }
      int ended = 0;
      int interrupted = 0;
      std::set<int> interruptedGroups;
      for (const TrialSummary& trial : summary.trials) {
        QVERIFY2(trial.status != TrialStatus::Running, "a dead run's trial reads running");
        if (hasEnded(trial)) {
          ++ended;
          checkEndedTrialFiles(runDir, trial);
          // What ended before the kill already equals the never-killed run's.
          checkTrialMatchesReference(runDir, reference, trial);
        }
        if (trial.status == TrialStatus::Interrupted) {
          ++interrupted;
          interruptedGroups.insert(trial.group);
        }
      }
      // One worker trains one trial at a time, or one group of trials together (batching: auto
      // groups the grid study's four trials): what the kill interrupts is that trial or group.
      QVERIFY2(
          interrupted <= 1 || (interruptedGroups.size() == 1 && *interruptedGroups.begin() > 0),
          qPrintable(QString("%1 trials interrupted in %2 groups")
                         .arg(interrupted)
                         .arg(interruptedGroups.size())));
      interruptedSeen += interrupted;
      checkStoreAfterKill(storePath, summary);
      qInfo(
          "iteration %2d: killed %4d ms after the run folder appeared%s; %d of %d trials "
          "ended, %d interrupted; %d unfinished temporary file(s) left%s",
          iteration + 1, delayMs, stillRunning ? "" : " (the run had already ended)", ended,
          study.trials, interrupted, int(temporaries.size()),
          hasSummary ? "" : "; no run.json yet");

      const bool hasExperiment = QFile::exists(runDir + "/" + kExperimentFileName);
      const CliResult resumed = cli_.run({"resume", runDir, "--store", storePath, "--quiet"});
      if (!hasExperiment) {
        // Killed between creating the folder and writing its first file: nothing to resume.
        QCOMPARE(resumed.exitCode, 2);
        QVERIFY(resumed.err.contains("not a Sweeplab run folder"));
        continue;
      }
      QVERIFY2(resumed.exitCode == 0, qPrintable(resumed.err));
      checkEndedSweep(study, runDir, storePath);
      if (QTest::currentTestFailed()) return;
    }
    qInfo("%d of %d kills left a half-written temporary file, %d left an interrupted trial",
          landedInWrite, study.iterations, interruptedSeen);
  }
};

QTEST_GUILESS_MAIN(tst_kill_resume)
#include "tst_kill_resume.moc"
