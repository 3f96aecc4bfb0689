// Crash safety as a person meets it: `sweeplab-cli run` is killed with SIGKILL at a random
// moment, twenty times. After each kill, every trial the run folder or the store calls finished
// is whole (trial record, metrics.csv, checkpoints, store rows), no half-written file is read,
// the trial that was training reads as interrupted, and `resume` finishes the sweep with
// exactly the numbers of a sweep that was never killed.
#include <QDir>
#include <QDirIterator>
#include <QElapsedTimer>
#include <QFile>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QtTest>
#include <cmath>
#include <map>

#include "cli_runner.h"
#include "sweeplab/run_folder.h"
#include "sweeplab/run_store.h"

using namespace sweeplab;

namespace {

constexpr int kIterations = 20;
constexpr int kTrials = 4;
constexpr int kEpochs = 3;
// The killed runs pause inside every file write (see writeFileAtomically), so that many of
// the kills land in the middle of a checkpoint, metrics or summary write.
constexpr const char* kWritePauseMs = "5";

const char* const kExperiment =
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
    "parallel_trials: 1\n";

struct Reference {
  std::map<int, double> test_acc;
  std::map<int, QByteArray> metrics;  // metrics.csv without the wall-time column
  double seconds_after_folder = 0;    // how long a (paused) run trains once its folder exists
};

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
  Reference reference_;

  QString path(const QString& name) const { return dir_.path() + "/" + name; }

  // Everything a finished trial promises, in the folder: its summary entry, metrics and
  // checkpoints, complete and readable.
  void checkFinishedTrialFiles(const QString& runDir, const TrialSummary& trial) {
    QVERIFY2(std::isfinite(trial.test_acc), trial.label.c_str());
    QCOMPARE(trial.epochs_completed, kEpochs);
    std::vector<MetricPoint> points;
    try {
      points = readTrialMetrics(runDir.toStdString(), trial);
    } catch (const std::exception& error) {
      QFAIL(error.what());
    }
    int epochs = 0;
    for (const MetricPoint& point : points) epochs += point.name == metric::kValAccEpoch;
    QCOMPARE(epochs, kEpochs);
    const QString folder = runDir + "/" + QString::fromStdString(trial.folder);
    for (const char* checkpoint : {"best.pt", "last.pt"})
      QVERIFY2(isCompleteZip(folder + "/" + checkpoint),
               qPrintable(folder + "/" + checkpoint + " is missing or incomplete"));
  }

  // The store never runs ahead of the folder: a trial it calls finished is finished in
  // summary.json too, with its points and files recorded.
  void checkStoreAfterKill(const QString& storePath, const RunSummary& summary) {
    if (!QFile::exists(storePath)) return;  // killed before the store was first written
    const RunStore store(storePath.toStdString(), false);
    const std::vector<StoredExperiment> experiments = store.experiments();
    if (experiments.empty()) return;
    QCOMPARE(int(experiments.size()), 1);
    QVERIFY(experiments[0].status == "interrupted" || experiments[0].status == "finished");
    for (const StoredTrial& stored : store.trials(experiments[0].id)) {
      QVERIFY2(stored.summary.status != TrialStatus::Running, "a dead run's trial reads running");
      if (stored.summary.status != TrialStatus::Finished) continue;
      const TrialSummary* inFolder = trialOf(summary, stored.summary.index);
      QVERIFY(inFolder);
      QCOMPARE(inFolder->status, TrialStatus::Finished);
      QCOMPARE(stored.summary.test_acc, inFolder->test_acc);
      QVERIFY(!store.metricPoints(stored.id).empty());
      QVERIFY(!store.artifacts(stored.id).empty());
    }
  }

  // After resume: one experiment, every trial finished with the reference's numbers, each
  // trial's points recorded once (none left over from the killed attempt).
  void checkFinishedSweep(const QString& runDir, const QString& storePath) {
    const RunSummary summary = readRunSummary(runDir.toStdString());
    QVERIFY(!summary.finished_at.empty());
    QCOMPARE(int(summary.trials.size()), kTrials);
    for (const TrialSummary& trial : summary.trials) {
      QCOMPARE(trial.status, TrialStatus::Finished);
      checkFinishedTrialFiles(runDir, trial);
      QCOMPARE(trial.test_acc, reference_.test_acc.at(trial.index));
      QCOMPARE(metricsWithoutWallTime(runDir + "/" + QString::fromStdString(trial.folder) + "/" +
                                      kMetricsFileName),
               reference_.metrics.at(trial.index));
    }
    QCOMPARE(leftoverTemporaryFiles(runDir), QStringList());

    const RunStore store(storePath.toStdString(), false);
    const std::vector<StoredExperiment> experiments = store.experiments();
    QCOMPARE(int(experiments.size()), 1);
    QCOMPARE(experiments[0].status, std::string("finished"));
    const std::vector<StoredTrial> trials = store.trials(experiments[0].id);
    QCOMPARE(int(trials.size()), kTrials);
    for (const StoredTrial& stored : trials) {
      QCOMPARE(stored.summary.status, TrialStatus::Finished);
      QCOMPARE(stored.summary.test_acc, reference_.test_acc.at(stored.summary.index));
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
    QFile file(path("kill_resume.yaml"));
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(kExperiment);
    file.close();

    // The sweep never killed, with the same write pauses, timed from its folder's creation.
    QProcess process;
    cli_.configure(process, dir_.path());
    QProcessEnvironment environment = process.processEnvironment();
    environment.insert("SWEEPLAB_TEST_SLOW_WRITES_MS", kWritePauseMs);
    process.setProcessEnvironment(environment);
    process.setArguments({"run", "kill_resume.yaml", "--out", "reference", "--store",
                          path("reference.sqlite"), "--quiet"});
    process.start();
    QElapsedTimer sinceFolder;
    while (process.state() != QProcess::NotRunning && !sinceFolder.isValid()) {
      process.waitForFinished(10);
      if (!onlyRunFolder(path("reference")).isEmpty()) sinceFolder.start();
    }
    QVERIFY(process.waitForFinished(120000));
    QCOMPARE(process.exitCode(), 0);
    reference_.seconds_after_folder = sinceFolder.isValid() ? sinceFolder.elapsed() / 1000.0 : 1;
    const QString runDir = onlyRunFolder(path("reference"));
    const RunSummary summary = readRunSummary(runDir.toStdString());
    QCOMPARE(int(summary.trials.size()), kTrials);
    for (const TrialSummary& trial : summary.trials) {
      QCOMPARE(trial.status, TrialStatus::Finished);
      reference_.test_acc[trial.index] = trial.test_acc;
      reference_.metrics[trial.index] = metricsWithoutWallTime(
          runDir + "/" + QString::fromStdString(trial.folder) + "/" + kMetricsFileName);
    }
    qInfo("reference sweep: %d trials, %.2f s from its run folder to its end", kTrials,
          reference_.seconds_after_folder);
  }

  void killAtRandomMomentsThenResume() {
    const quint32 seed = QRandomGenerator::global()->generate();
    QRandomGenerator random(seed);
    qInfo("kill moments drawn with seed %u", seed);
    int landedInWrite = 0;
    int interruptedSeen = 0;
    for (int iteration = 0; iteration < kIterations; ++iteration) {
      const QString outDir = path(QString("killed-%1").arg(iteration));
      const QString storePath = path(QString("killed-%1.sqlite").arg(iteration));
      // Any moment from the folder's creation to just before the sweep would have ended.
      const int delayMs =
          static_cast<int>(random.bounded(1.0) * 0.95 * reference_.seconds_after_folder * 1000);

      QProcess process;
      cli_.configure(process, dir_.path());
      QProcessEnvironment environment = process.processEnvironment();
      environment.insert("SWEEPLAB_TEST_SLOW_WRITES_MS", kWritePauseMs);
      process.setProcessEnvironment(environment);
      process.setArguments(
          {"run", "kill_resume.yaml", "--out", outDir, "--store", storePath, "--quiet"});
      process.start();
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
      int finished = 0;
      int interrupted = 0;
      for (const TrialSummary& trial : summary.trials) {
        QVERIFY2(trial.status != TrialStatus::Running, "a dead run's trial reads running");
        if (trial.status == TrialStatus::Finished) {
          ++finished;
          checkFinishedTrialFiles(runDir, trial);
        }
        interrupted += trial.status == TrialStatus::Interrupted;
      }
      QVERIFY(interrupted <= 1);  // one trial at a time trains
      interruptedSeen += interrupted;
      checkStoreAfterKill(storePath, summary);
      qInfo(
          "iteration %2d: killed %4d ms after the run folder appeared%s; %d of %d trials "
          "finished, %d interrupted; %d unfinished temporary file(s) left%s",
          iteration + 1, delayMs, stillRunning ? "" : " (the run had already ended)", finished,
          kTrials, interrupted, int(temporaries.size()), hasSummary ? "" : "; no run.json yet");

      const bool hasExperiment = QFile::exists(runDir + "/" + kExperimentFileName);
      const CliResult resumed = cli_.run({"resume", runDir, "--store", storePath, "--quiet"});
      if (!hasExperiment) {
        // Killed between creating the folder and writing its first file: nothing to resume.
        QCOMPARE(resumed.exitCode, 2);
        QVERIFY(resumed.err.contains("not a Sweeplab run folder"));
        continue;
      }
      QVERIFY2(resumed.exitCode == 0, qPrintable(resumed.err));
      checkFinishedSweep(runDir, storePath);
      if (QTest::currentTestFailed()) return;
    }
    qInfo("%d of %d kills left a half-written temporary file, %d left an interrupted trial",
          landedInWrite, kIterations, interruptedSeen);
  }

  // A kill after the last trial record but before the store indexed it: the store says that
  // trial was running (its process is gone, so it reads interrupted) while the folder has it
  // finished. The next index (resume indexes before it plans) catches the store up, and
  // nothing trains again.
  void resumeCatchesUpAStoreThatFellBehind() {
    const QString runDir = onlyRunFolder(path("reference"));
    const std::string storePath = path("reference.sqlite").toStdString();
    long long id = 0;
    {
      RunStore store(storePath, false);
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
    const CliResult resumed =
        cli_.run({"resume", runDir, "--store", path("reference.sqlite"), "--quiet"});
    QVERIFY2(resumed.exitCode == 0, qPrintable(resumed.err));
    QVERIFY2(resumed.out.contains("nothing to resume"), qPrintable(resumed.out));
    checkFinishedSweep(runDir, path("reference.sqlite"));
    QCOMPARE(RunStore(storePath, false).experiment(id).status, std::string("finished"));
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
