// One record of a run, written one way: a local run writes run.json, each trial's record at its
// start and end and metrics.csv at every epoch end, then the derived summary.json. Trials
// trained into a folder that another process created (a Slurm array task) write only their own
// folders, give the numbers the local run gives, and a requeued task retrains only the trial
// that had not ended.
#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

#include <set>

#include "ended_process.h"
#include "sweeplab/errors.h"
#include "sweeplab/experiment_io.h"
#include "sweeplab/run_folder.h"
#include "sweeplab/sweep_runner.h"

using namespace sweeplab;

namespace {

const char* const kExperiment =
    "name: records\n"
    "dataset:\n  source: synthetic-jsc\n  samples: 2000\n"
    "model: jsc-tiny\n"
    "training:\n  batch_size: 128\n  max_epochs: 2\n  log_every_n_steps: 5\n"
    "sweep:\n  training.learning_rate: [0.01, 0.003, 0.001, 0.0003]\n"
    "parallel_trials: 1\n";

QString statusText(TrialStatus status) {
  return QString::fromLatin1(toString(status));
}

QByteArray readBytes(const std::string& path) {
  QFile file(QString::fromStdString(path));
  return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

// metrics.csv without its wall-time column: what two runs of one trial share.
QByteArray metricsWithoutWallTime(const std::string& path) {
  QByteArray kept;
  for (const QByteArray& line : readBytes(path).split('\n')) {
    QList<QByteArray> fields = line.split(',');
    if (fields.size() == 6) fields.removeAt(4);
    kept += fields.join(',') + '\n';
  }
  return kept;
}

// Checks, from inside the sweep, what the folder says while a trial trains.
class FolderWatcher : public RunObserver {
 public:
  std::string runDir;
  std::vector<int> started;
  std::vector<std::string> problems;
  std::set<int> epochsSeenInFolder;

  void sweepStarted(const SweepInfo& info) override { runDir = info.run_dir; }
  void trialStarted(int trial) override {
    started.push_back(trial);
    const RunSummary run = readRunSummary(runDir);
    for (const TrialSummary& t : run.trials) {
      if (t.index != trial) continue;
      if (t.status != TrialStatus::Running) problems.push_back("not running at its start");
      if (t.writer.pid != currentProcessId()) problems.push_back("its writer is not this process");
      if (t.started_at.size() != 20) problems.push_back("no start time");
    }
  }
  void metricPoints(int trial, const std::vector<MetricPoint>& points) override {
    for (const MetricPoint& point : points) {
      if (point.name != metric::kValLossEpoch) continue;
      // The epoch's curves are in the folder by the time the observer hears of them.
      const std::string folder = readRunSummary(runDir).trials.at(trial).folder;
      const QByteArray csv = readBytes(runDir + "/" + folder + "/" + kMetricsFileName);
      const int epochs = csv.count(QByteArray(metric::kValLossEpoch));
      if (epochs == static_cast<int>(point.epoch)) epochsSeenInFolder.insert(epochs);
    }
  }
};

}  // namespace

class tst_trials_into_run_folder : public QObject {
  Q_OBJECT

  QTemporaryDir work_;
  ExperimentSpec spec_;
  RunSummary local_;
  std::string localDir_;

  RunOptions options(const char* out) const {
    RunOptions options;
    options.out_dir = work_.filePath(out).toStdString();
    options.cache_dir = work_.filePath("cache").toStdString();
    return options;
  }

  // The folder as `sweeplab-cli submit` leaves it for the array tasks: experiment.yaml and
  // run.json of a process that has ended, no trial folder yet.
  std::string submittedFolder(const char* name) {
    const std::string runDir = work_.filePath(name).toStdString();
    QDir().mkpath(QString::fromStdString(runDir));
    saveExperimentFile(specForRunFolderCopy(), runDir + "/" + kExperimentFileName);
    RunSummary run = local_;
    for (TrialSummary& trial : run.trials) trial.status = TrialStatus::Queued;
    run.writer_host = currentHost();
    run.writer_pid = test_support::endedProcessId();
    writeRunRecord(runDir, run);
    return runDir;
  }

  ExperimentSpec specForRunFolderCopy() const {
    return loadExperimentFile(localDir_ + "/" + kExperimentFileName);
  }

 private Q_SLOTS:
  void initTestCase() {
    QVERIFY(work_.isValid());
    spec_ = loadExperimentText(kExperiment, work_.filePath("records.yaml").toStdString());
  }

  void aLocalRunWritesTheRecordsAndDerivesItsSummary() {
    FolderWatcher watcher;
    SweepRunner runner(spec_, options("local"), &watcher);
    local_ = runner.run();
    localDir_ = runner.runDirectory();
    QCOMPARE(watcher.started, (std::vector<int>{0, 1, 2, 3}));
    QVERIFY2(watcher.problems.empty(), watcher.problems.empty() ? "" : watcher.problems[0].c_str());
    QCOMPARE(watcher.epochsSeenInFolder, (std::set<int>{1, 2}));

    QVERIFY(hasRunRecord(localDir_));
    const RunSummary record = readRunRecord(localDir_);
    QCOMPARE(record.writer_pid, currentProcessId());
    QCOMPARE(record.trials.size(), size_t(4));
    for (const TrialSummary& trial : local_.trials) {
      QCOMPARE(statusText(trial.status), statusText(TrialStatus::Finished));
      const std::optional<TrialSummary> own = readTrialRecord(localDir_, trial);
      QVERIFY(own);
      QCOMPARE(own->test_acc, trial.test_acc);
      QVERIFY(own->finished_at >= own->started_at && own->finished_at.size() == 20);
      QCOMPARE(own->writer.pid, currentProcessId());
    }
    QVERIFY(!local_.finished_at.empty());
    // summary.json is derived: the records say the same.
    QCOMPARE(readBytes(localDir_ + "/" + kSummaryFileName),
             QByteArray::fromStdString(runSummaryToJson(readRunSummary(localDir_))));
  }

  // An array task trains trials 1 and 3 of a folder another process created.
  void trainsOnlyItsTrialsAndNoRunLevelFile() {
    const std::string runDir = submittedFolder("submitted");
    const QByteArray runJson = readBytes(runDir + "/" + kRunRecordFileName);
    RunOptions task;
    task.cache_dir = work_.filePath("cache").toStdString();
    const RunSummary after = trainTrialsInRunFolder(runDir, {1, 3}, task);

    QStringList entries = QDir(QString::fromStdString(runDir))
                              .entryList(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden);
    entries.sort();
    QCOMPARE(entries, (QStringList{"001-learning_rate-0.003", "003-learning_rate-0.0003",
                                   "experiment.yaml", "run.json"}));
    QCOMPARE(readBytes(runDir + "/" + kRunRecordFileName), runJson);
    for (const TrialSummary& trial : after.trials) {
      const bool trained = trial.index == 1 || trial.index == 3;
      QCOMPARE(statusText(trial.status),
               statusText(trained ? TrialStatus::Finished : TrialStatus::Queued));
      if (!trained) continue;
      // The same numbers as the local run, trained through the same path.
      QCOMPARE(trial.test_acc, local_.trials[trial.index].test_acc);
      QCOMPARE(metricsWithoutWallTime(runDir + "/" + trial.folder + "/" + kMetricsFileName),
               metricsWithoutWallTime(localDir_ + "/" + trial.folder + "/" + kMetricsFileName));
    }
    QVERIFY(after.finished_at.empty());  // trials 0 and 2 have not run
  }

  // Slurm requeued the task: trial 1 had finished, trial 3 was half-way (its process gone).
  void aRequeuedTaskResumesOnlyTheUnfinishedTrial() {
    const std::string runDir = submittedFolder("requeued");
    RunOptions task;
    task.cache_dir = work_.filePath("cache").toStdString();
    trainTrialsInRunFolder(runDir, {1, 3}, task);
    const std::string trial1 = runDir + "/" + local_.trials[1].folder + "/" + kTrialRecordFileName;
    const QByteArray finishedRecord = readBytes(trial1);
    TrialSummary halfDone = local_.trials[3];
    halfDone.status = TrialStatus::Running;
    halfDone.epochs_completed = 1;
    halfDone.writer.host = currentHost();
    halfDone.writer.pid = test_support::endedProcessId();
    writeTrialRecord(runDir, halfDone);
    const std::string partial = runDir + "/" + halfDone.folder + "/partial-checkpoint.pt";
    QFile(QString::fromStdString(partial)).open(QIODevice::WriteOnly);

    FolderWatcher watcher;
    const RunSummary after = trainTrialsInRunFolder(runDir, {1, 3}, task, &watcher);
    QCOMPARE(watcher.started, (std::vector<int>{3}));
    QCOMPARE(readBytes(trial1), finishedRecord);
    QVERIFY2(!QFile::exists(QString::fromStdString(partial)), "the unfinished folder was cleared");
    QCOMPARE(statusText(after.trials[3].status), statusText(TrialStatus::Finished));
    QCOMPARE(after.trials[3].test_acc, local_.trials[3].test_acc);
    QVERIFY(!QFile::exists(QString::fromStdString(runDir + "/" + kSummaryFileName)));
  }

  void badRequestsSayWhatIsWrong() {
    const std::string runDir = submittedFolder("bad");
    try {
      trainTrialsInRunFolder(runDir, {4});
      QFAIL("trained a trial the run does not have");
    } catch (const InputError& error) {
      QVERIFY2(QString(error.what()).contains("there is no trial 4 (the run has 4 trials"),
               error.what());
    }
    const std::string empty = work_.filePath("empty").toStdString();
    QDir().mkpath(QString::fromStdString(empty));
    try {
      trainTrialsInRunFolder(empty, {0});
      QFAIL("trained into a folder without run.json");
    } catch (const InputError& error) {
      QVERIFY2(QString(error.what()).contains("not a run folder to train trials into"),
               error.what());
    }
  }
};

QTEST_GUILESS_MAIN(tst_trials_into_run_folder)
#include "tst_trials_into_run_folder.moc"
