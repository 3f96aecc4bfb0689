// Crash safety as a person meets it: `sweeplab-cli run` is killed with SIGKILL at a random
// moment, twenty times. After each kill, every trial the run folder or the store calls finished
// is whole (trial record, metrics.csv, checkpoints, store rows), no half-written file is read,
// the trial that was training reads as interrupted, and `resume` finishes the sweep with
// exactly the numbers of a sweep that was never killed. A second study does the same for a tpe
// search with ASHA pruning: resume must suggest the same values, prune the same trials at the
// same epochs and end with the same numbers.
#include <QDir>
#include <QDirIterator>
#include <QElapsedTimer>
#include <QFile>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QtTest>
#include <cmath>
#include <map>
#include <set>

#include "cli_runner.h"
#include "sweeplab/run_folder.h"
#include "sweeplab/run_store.h"

using namespace sweeplab;

namespace {

constexpr int kEpochs = 3;
// The killed runs pause inside every file write (see writeFileAtomically), so that many of
// the kills land in the middle of a checkpoint, metrics or summary write.
constexpr const char* kWritePauseMs = "5";

// A study the test kills: its file, its trial count and how many times it is killed.
struct Study {
  const char* name;
  const char* yaml;
  int trials;
  int iterations;
};

const Study kGridStudy{"kill_resume",
                       "name: kill_resume\n"
                       "dataset:\n"
                       "  source: synthetic-jsc\n"
                       "  samples: 3000\n"
                       "model: jsc-tiny\n"
                       "training:\n"
                       "  batch_size: 64\n"
                       "  max_epochs: 3\n"
                       "  log_every_n_steps: 5\n"
                       "repeats: 2\n"
                       "sweep:\n"
                       "  training.learning_rate: [0.01, 0.003]\n"
                       "parallel_trials: 1\n",
                       4, 20};

// TPE's first 10 trials are random start-up trials (TpeOptions::startupTrials, not set from the
// file), so 14 trials give four real suggestions; ASHA's rungs at epochs 1 and 3 prune most of
// them, some at each rung. One trial at a time: with parallel workers what TPE and ASHA see
// when they decide depends on timing, and two runs could differ. Fewer kills than the grid's,
// spread over the whole run (the run takes about 3 s), keep the case short.
const Study kTpeAshaStudy{"kill_resume_tpe",
                          "name: kill_resume_tpe\n"
                          "dataset:\n"
                          "  source: synthetic-jsc\n"
                          "  samples: 3000\n"
                          "model: jsc-tiny\n"
                          "training:\n"
                          "  batch_size: 64\n"
                          "  max_epochs: 3\n"
                          "  log_every_n_steps: 5\n"
                          "search: {method: tpe, trials: 14, seed: 7}\n"
                          "pruning: {method: asha, min_epochs: 1, reduction_factor: 3}\n"
                          "sweep:\n"
                          "  training.learning_rate: {log_uniform: [1e-4, 1e-1]}\n"
                          "  training.batch_size: [32, 64, 128]\n"
                          "parallel_trials: 1\n",
                          14, 6};

// What a never-killed run ended with, per trial index.
struct Reference {
  std::map<int, TrialSummary> trials;
  std::map<int, QByteArray> metrics;  // metrics.csv without the wall-time column
  double seconds_after_folder = 0;    // how long a (paused) run trains once its folder exists
};

bool hasEnded(const TrialSummary& trial) {
  return trial.status == TrialStatus::Finished || trial.status == TrialStatus::Pruned;
}

// The folder the run created inside `outDir`, or "" while there is none.
QString onlyRunFolder(const QString& outDir) {
  const QStringList entries = QDir(outDir).entryList(QDir::Dirs | QDir::NoDotAndDotDot);
  return entries.size() == 1 ? outDir + "/" + entries.first() : QString();
}

// The columns that must match between two runs of one trial: all but wall_seconds.
QByteArray metricsWithoutWallTime(const QString& path) {
  QFile file(path);
  if (!file.open(QIODevice::ReadOnly)) return {};
  QByteArray kept;
  for (const QByteArray& line : file.readAll().split('\n')) {
    QList<QByteArray> fields = line.split(',');
    if (fields.size() == 6) fields.removeAt(4);
    kept += fields.join(',') + '\n';
  }
  return kept;
}

// A torch checkpoint is a zip archive, whose central directory ends the file: a truncated or
// half-written one has no end-of-central-directory record near its end.
bool isCompleteZip(const QString& path) {
  QFile file(path);
  if (!file.open(QIODevice::ReadOnly) || file.size() < 22) return false;
  const qint64 tail = std::min<qint64>(file.size(), 4096);
  file.seek(file.size() - tail);
  return file.read(tail).contains(QByteArray("PK\x05\x06", 4));
}

QStringList leftoverTemporaryFiles(const QString& runDir) {
  QStringList found;
  QDirIterator it(runDir, QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
  while (it.hasNext()) {
    const QString name = QFileInfo(it.next()).fileName();
    if (name.startsWith('.') && name.contains(".tmp-")) found << name;
  }
  return found;
}

const TrialSummary* trialOf(const RunSummary& summary, int index) {
  for (const TrialSummary& trial : summary.trials)
    if (trial.index == index) return &trial;
  return nullptr;
}

}  // namespace

class TestKillResume : public QObject {
  Q_OBJECT

 private:
  QTemporaryDir dir_;
  CliRunner cli_;
  std::map<QString, Reference> references_;  // by study name

  QString path(const QString& name) const { return dir_.path() + "/" + name; }

  static const Study& studyNamed(const QString& name) {
    return name == kTpeAshaStudy.name ? kTpeAshaStudy : kGridStudy;
  }

  // Starts `sweeplab-cli run` on the study with the write pauses, into outDir.
  void startRun(QProcess& process, const Study& study, const QString& outDir,
                const QString& storePath) {
    cli_.configure(process, dir_.path());
    QProcessEnvironment environment = process.processEnvironment();
    environment.insert("SWEEPLAB_TEST_SLOW_WRITES_MS", kWritePauseMs);
    process.setProcessEnvironment(environment);
    process.setArguments(
        {"run", QString(study.name) + ".yaml", "--out", outDir, "--store", storePath, "--quiet"});
    process.start();
  }

  // The sweep never killed, with the same write pauses, timed from its folder's creation.
  void runReference(const Study& study) {
    QFile file(path(QString(study.name) + ".yaml"));
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(study.yaml);
    file.close();

    const QString outDir = path(QString("reference-%1").arg(study.name));
    QProcess process;
    startRun(process, study, outDir, path(QString("reference-%1.sqlite").arg(study.name)));
    QElapsedTimer sinceFolder;
    while (process.state() != QProcess::NotRunning && !sinceFolder.isValid()) {
      process.waitForFinished(10);
      if (!onlyRunFolder(outDir).isEmpty()) sinceFolder.start();
    }
    QVERIFY(process.waitForFinished(120000));
    QVERIFY2(process.exitCode() == 0, process.readAllStandardError().constData());
    Reference& reference = references_[study.name];
    reference.seconds_after_folder = sinceFolder.isValid() ? sinceFolder.elapsed() / 1000.0 : 1;
    const QString runDir = onlyRunFolder(outDir);
    const RunSummary summary = readRunSummary(runDir.toStdString());
    QCOMPARE(int(summary.trials.size()), study.trials);
    int pruned = 0;
    for (const TrialSummary& trial : summary.trials) {
      QVERIFY2(hasEnded(trial), trial.label.c_str());
      pruned += trial.status == TrialStatus::Pruned;
      reference.trials[trial.index] = trial;
      reference.metrics[trial.index] = metricsWithoutWallTime(
          runDir + "/" + QString::fromStdString(trial.folder) + "/" + kMetricsFileName);
    }
    qInfo("reference sweep %s: %d trials (%d pruned), %.2f s from its run folder to its end",
          study.name, study.trials, pruned, reference.seconds_after_folder);
  }

  // Everything an ended trial (finished or pruned) promises, in the folder: its summary entry,
  // metrics and checkpoints, complete and readable.
  void checkEndedTrialFiles(const QString& runDir, const TrialSummary& trial) {
    QVERIFY2(std::isfinite(trial.test_acc), trial.label.c_str());
    if (trial.status == TrialStatus::Finished) QCOMPARE(trial.epochs_completed, kEpochs);
    std::vector<MetricPoint> points;
    try {
      points = readTrialMetrics(runDir.toStdString(), trial);
    } catch (const std::exception& error) {
      QFAIL(error.what());
    }
    int epochs = 0;
    for (const MetricPoint& point : points) epochs += point.name == metric::kValAccEpoch;
    QCOMPARE(epochs, trial.epochs_completed);
    const QString folder = runDir + "/" + QString::fromStdString(trial.folder);
    for (const char* checkpoint : {"best.pt", "last.pt"})
      QVERIFY2(isCompleteZip(folder + "/" + checkpoint),
               qPrintable(folder + "/" + checkpoint + " is missing or incomplete"));
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

  // One trial against the never-killed run's: the values it was given (tpe suggests them), how
  // it ended and at which epoch, its numbers and its metrics.csv.
  void checkTrialMatchesReference(const QString& runDir, const Reference& reference,
                                  const TrialSummary& trial) {
    const TrialSummary& expected = reference.trials.at(trial.index);
    const QByteArray which = QByteArray("trial ") + QByteArray::number(trial.index + 1) + " (" +
                             expected.label.c_str() + ")";
    QVERIFY2(trial.swept == expected.swept,
             qPrintable(which + " was given " + QString::fromStdString(trial.label)));
    QVERIFY2(trial.status == expected.status, qPrintable(which + ": " + trial.message.c_str()));
    QVERIFY2(trial.message == expected.message, qPrintable(which + ": " + trial.message.c_str()));
    QCOMPARE(trial.epochs_completed, expected.epochs_completed);
    QCOMPARE(trial.best_val_acc, expected.best_val_acc);
    QCOMPARE(trial.test_acc, expected.test_acc);
    QCOMPARE(metricsWithoutWallTime(runDir + "/" + QString::fromStdString(trial.folder) + "/" +
                                    kMetricsFileName),
             reference.metrics.at(trial.index));
  }

  // After resume: one experiment, every trial ended as in the reference with its numbers, each
  // trial's points recorded once (none left over from the killed attempt).
  void checkEndedSweep(const Study& study, const QString& runDir, const QString& storePath) {
    const Reference& reference = references_.at(study.name);
    const RunSummary summary = readRunSummary(runDir.toStdString());
    QVERIFY(!summary.finished_at.empty());
    QCOMPARE(int(summary.trials.size()), study.trials);
    for (const TrialSummary& trial : summary.trials) {
      checkTrialMatchesReference(runDir, reference, trial);
      checkEndedTrialFiles(runDir, trial);
      if (QTest::currentTestFailed()) return;
    }
    QCOMPARE(leftoverTemporaryFiles(runDir), QStringList());

    const RunStore store(storePath.toStdString(), false);
    const std::vector<StoredExperiment> experiments = store.experiments();
    QCOMPARE(int(experiments.size()), 1);
    QCOMPARE(experiments[0].status, std::string("finished"));
    const std::vector<StoredTrial> trials = store.trials(experiments[0].id);
    QCOMPARE(int(trials.size()), study.trials);
    for (const StoredTrial& stored : trials) {
      const TrialSummary& expected = reference.trials.at(stored.summary.index);
      QCOMPARE(stored.summary.status, expected.status);
      QCOMPARE(stored.summary.test_acc, expected.test_acc);
      const std::vector<MetricPoint> inStore = store.metricPoints(stored.id);
      const std::vector<MetricPoint> inFolder =
          readTrialMetrics(runDir.toStdString(), stored.summary);
      QCOMPARE(inStore.size(), inFolder.size());
      QVERIFY(store.artifacts(stored.id).size() >= 3);
    }
  }

 private Q_SLOTS:
  void initTestCase() {
    QVERIFY(dir_.isValid());
    cli_.setCacheHome(path("cache"));
    for (const Study* study : {&kGridStudy, &kTpeAshaStudy}) {
      runReference(*study);
      if (QTest::currentTestFailed()) return;
    }
  }

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

QTEST_GUILESS_MAIN(TestKillResume)
#include "tst_kill_resume.moc"
