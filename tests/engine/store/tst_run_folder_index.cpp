// The store as an index of run folders: indexing a folder twice gives the same rows, a store
// that fell behind its folder (a process killed between the two writes) catches up on the next
// index, a resumed run's recorder takes over the folder's experiment, and a folder of an older
// version (summary.json alone) indexes as it reads. A trial's end indexes that trial alone.
#include <QDir>
#include <QTemporaryDir>
#include <QtTest>

#include "ended_process.h"
#include "sweeplab/experiment_io.h"
#include "sweeplab/run_folder.h"
#include "sweeplab/run_store.h"
#include "sweeplab/store_recorder.h"
#include "sweeplab/trial.h"

using namespace sweeplab;

namespace {

QString statusText(TrialStatus status) {
  return QString::fromLatin1(toString(status));
}

std::vector<MetricPoint> pointsOf(int count) {
  std::vector<MetricPoint> points;
  for (int i = 0; i < count; ++i)
    points.push_back({i % 2 ? metric::kValLossEpoch : metric::kTrainAccStep, i * 10, i * 0.5,
                      i * 640, i * 0.01, 0.5 + i * 1e-3});
  return points;
}

ExperimentSpec twoTrialSpec() {
  ExperimentSpec spec;
  spec.name = "indexed";
  spec.sweep = {{"training.batch_size", {"64", "128"}}};
  return spec;
}

// A run folder as the runner writes it: experiment.yaml, run.json (owned by `ownerPid`) and no
// trial records yet.
RunSummary writeRunFolder(const std::string& runDir, long long ownerPid) {
  QDir().mkpath(QString::fromStdString(runDir));
  const ExperimentSpec spec = twoTrialSpec();
  saveExperimentFile(spec, runDir + "/" + kExperimentFileName);
  RunSummary run;
  run.experiment_name = spec.name;
  run.experiment_file = kExperimentFileName;
  run.started_at = "2026-03-01T10:00:00Z";
  run.device = "CPU";
  run.dataset = "synthetic-jsc";
  run.writer_host = currentHost();
  run.writer_pid = ownerPid;
  for (const TrialSpec& trial : expandTrials(spec))
    run.trials.push_back(trialSummaryHeader(trial, TrialStatus::Queued));
  writeRunRecord(runDir, run);
  return run;
}

// A trial's folder as its writer leaves it: metrics.csv with `points` points and its record.
void writeTrial(const std::string& runDir, TrialSummary trial, TrialStatus status, int points,
                long long writerPid) {
  QDir().mkpath(QString::fromStdString(runDir + "/" + trial.folder));
  writeFileAtomically(runDir + "/" + trial.folder + "/" + kMetricsFileName,
                      metricsToCsv(pointsOf(points)));
  trial.status = status;
  trial.started_at = "2026-03-01T10:00:0" + std::to_string(trial.index) + "Z";
  trial.writer.host = currentHost();
  trial.writer.pid = writerPid;
  if (status == TrialStatus::Finished) {
    trial.finished_at = "2026-03-01T10:01:0" + std::to_string(trial.index) + "Z";
    trial.test_acc = 0.7 + trial.index * 0.01;
    trial.epochs_completed = points / 2;
    writeFileAtomically(runDir + "/" + trial.folder + "/best.pt", "checkpoint");
  }
  writeTrialRecord(runDir, trial);
}

// Every row the store holds about an experiment, as text, to compare two indexings.
QString rowsOf(const RunStore& store, long long id) {
  QString rows = QString::fromStdString(store.experiment(id).status + "|" +
                                        runSummaryToJson(store.runSummary(id)));
  for (const StoredTrial& trial : store.trials(id)) {
    rows += QString::number(trial.id) + QString::fromStdString(trial.config_yaml) +
            QString::number(trial.started_unix) +
            QString::fromStdString(metricsToCsv(store.metricPoints(trial.id)));
    for (const StoredArtifact& artifact : store.artifacts(trial.id))
      rows += QString::fromStdString(artifact.kind + "=" + artifact.path);
  }
  return rows;
}

// One trial's row and points, as text.
QString trialRowsOf(const RunStore& store, const StoredTrial& trial) {
  RunSummary one;
  one.trials = {trial.summary};
  return QString::fromStdString(metricsToCsv(store.metricPoints(trial.id)) + runSummaryToJson(one));
}

}  // namespace

class tst_run_folder_index : public QObject {
  Q_OBJECT

  QTemporaryDir dir_;
  int counter_ = 0;
  std::string fresh(const char* what) {
    return dir_.filePath(QString("%1-%2").arg(what).arg(++counter_)).toStdString();
  }

 private Q_SLOTS:
  void indexingTwiceGivesTheSameRows() {
    const std::string runDir = fresh("run");
    const long long ended = test_support::endedProcessId();
    const RunSummary run = writeRunFolder(runDir, ended);
    for (const TrialSummary& trial : run.trials)
      writeTrial(runDir, trial, TrialStatus::Finished, 6, ended);
    RunStore store(fresh("store") + "/runs.sqlite");
    const long long id = store.indexRunFolder(runDir);
    const QString first = rowsOf(store, id);
    QCOMPARE(store.indexRunFolder(runDir), id);
    QCOMPARE(rowsOf(store, id), first);
    QCOMPARE(store.experiments().size(), size_t(1));

    const StoredExperiment experiment = store.experiment(id);
    QCOMPARE(experiment.status, std::string("finished"));
    QCOMPARE(experiment.finished_at, std::string("2026-03-01T10:01:01Z"));
    QCOMPARE(experiment.run_dir, QDir(QString::fromStdString(runDir)).absolutePath().toStdString());
    const std::vector<StoredTrial> trials = store.trials(id);
    QCOMPARE(trials.size(), size_t(2));
    for (const StoredTrial& trial : trials) {
      QCOMPARE(store.metricPoints(trial.id).size(), size_t(6));
      QCOMPARE(store.artifacts(trial.id).size(), size_t(2));  // metrics.csv and best.pt
      QVERIFY(!trial.config_yaml.empty());
      QCOMPARE(trial.summary.writer.pid, ended);
      QCOMPARE(trial.started_unix, double(1772359200 + trial.summary.index));
    }
  }

  // The case a crash between the folder's last write and the store's leaves: the store says a
  // trial was running (its process is gone) while the folder has it finished.
  void aStoreBehindItsFolderCatchesUp() {
    const std::string runDir = fresh("run");
    const long long ended = test_support::endedProcessId();
    const RunSummary run = writeRunFolder(runDir, ended);
    writeTrial(runDir, run.trials[0], TrialStatus::Finished, 6, ended);
    writeTrial(runDir, run.trials[1], TrialStatus::Running, 2, ended);
    RunStore store(fresh("store") + "/runs.sqlite");
    const long long id = store.indexRunFolder(runDir);
    QCOMPARE(store.experiment(id).status, std::string("interrupted"));
    QCOMPARE(statusText(store.trials(id)[1].summary.status), statusText(TrialStatus::Interrupted));
    QCOMPARE(store.metricPoints(store.trials(id)[1].id).size(), size_t(2));

    // The folder went on without the store (or was resumed elsewhere): the next index has it.
    writeTrial(runDir, run.trials[1], TrialStatus::Finished, 6, ended);
    QCOMPARE(store.indexRunFolder(runDir), id);
    QCOMPARE(store.experiment(id).status, std::string("finished"));
    const StoredTrial caughtUp = store.trials(id)[1];
    QCOMPARE(statusText(caughtUp.summary.status), statusText(TrialStatus::Finished));
    QCOMPARE(caughtUp.summary.test_acc, 0.71);
    QCOMPARE(store.metricPoints(caughtUp.id).size(), size_t(6));
    QCOMPARE(store.experiments().size(), size_t(1));
  }

  // A resumed run's recorder finds the folder's experiment and replaces what an earlier
  // attempt streamed with what the folder holds; nothing is counted twice.
  void aResumedRunKeepsItsExperiment() {
    const std::string runDir = fresh("run");
    const std::string storePath = fresh("store") + "/runs.sqlite";
    const RunSummary run = writeRunFolder(runDir, currentProcessId());
    SweepInfo info;
    info.trials = expandTrials(twoTrialSpec());
    info.run_dir = runDir;
    long long first = 0;
    {
      StoreRecorder recorder(storePath, twoTrialSpec(), nullptr);
      recorder.sweepStarted(info);
      writeTrial(runDir, run.trials[0], TrialStatus::Running, 2, currentProcessId());
      recorder.trialStarted(0);
      recorder.metricPoints(0, pointsOf(5));  // more than reached the folder
      first = recorder.finish();              // killed: no trialFinished, no sweepFinished
    }
    QVERIFY(first > 0);
    QCOMPARE(RunStore(storePath).experiment(first).status, std::string("interrupted"));

    for (const TrialSummary& trial : run.trials)
      writeTrial(runDir, trial, TrialStatus::Finished, 6, currentProcessId());
    info.resumed = true;
    long long second = 0;
    {
      StoreRecorder recorder(storePath, twoTrialSpec(), nullptr);
      recorder.sweepStarted(info);
      recorder.sweepFinished(readRunSummary(runDir));
      second = recorder.finish();
    }
    QCOMPARE(second, first);
    RunStore store(storePath);
    QCOMPARE(store.experiments().size(), size_t(1));
    QCOMPARE(store.experiment(first).status, std::string("finished"));
    for (const StoredTrial& trial : store.trials(first))
      QCOMPARE(store.metricPoints(trial.id).size(), size_t(6));
  }

  // A trial's end indexes that trial from its own record and files: the same rows a full index
  // gives it, the other trials' rows untouched; a folder not indexed yet is indexed in full.
  void anEndedTrialIndexesFromItsOwnRecord() {
    const std::string runDir = fresh("run");
    const long long ended = test_support::endedProcessId();
    const RunSummary run = writeRunFolder(runDir, ended);
    writeTrial(runDir, run.trials[0], TrialStatus::Running, 2, ended);
    RunStore store(fresh("store") + "/runs.sqlite");
    const long long id = store.indexRunFolderTrial(runDir, run.trials[0]);  // first sight
    QCOMPARE(store.trials(id).size(), size_t(2));
    QCOMPARE(statusText(store.trials(id)[0].summary.status), statusText(TrialStatus::Interrupted));

    writeTrial(runDir, run.trials[0], TrialStatus::Finished, 6, ended);
    const QString secondBefore = trialRowsOf(store, store.trials(id)[1]);
    QCOMPARE(store.indexRunFolderTrial(runDir, run.trials[0]), id);
    const StoredTrial first = store.trials(id)[0];
    QCOMPARE(statusText(first.summary.status), statusText(TrialStatus::Finished));
    QCOMPARE(first.summary.test_acc, 0.7);
    QCOMPARE(store.metricPoints(first.id).size(), size_t(6));
    QCOMPARE(store.artifacts(first.id).size(), size_t(2));  // metrics.csv and best.pt
    QCOMPARE(trialRowsOf(store, store.trials(id)[1]), secondBefore);

    // The full index of the same folder changes nothing of the trial indexed alone.
    const QString trialRows = trialRowsOf(store, first);
    store.indexRunFolder(runDir);
    QCOMPARE(trialRowsOf(store, store.trials(id)[0]), trialRows);
  }

  // Folders of older versions hold summary.json alone; they index as they read.
  void anOlderFolderIndexesFromItsSummary() {
    const std::string runDir = fresh("old-run");
    QDir().mkpath(QString::fromStdString(runDir));
    RunSummary old;
    old.experiment_name = "old";
    old.started_at = "2025-01-01T00:00:00Z";
    old.finished_at = "2025-01-01T01:00:00Z";
    TrialSummary trial = trialSummaryHeader(expandTrials(twoTrialSpec())[0], TrialStatus::Finished);
    trial.test_acc = 0.7;
    old.trials = {trial};
    writeRunSummary(runDir, old);
    RunStore store(fresh("store") + "/runs.sqlite");
    const long long id = store.indexRunFolder(runDir);
    QCOMPARE(store.experiment(id).status, std::string("finished"));
    QCOMPARE(store.experiment(id).finished_at, old.finished_at);
    QCOMPARE(store.trials(id).at(0).summary.test_acc, 0.7);
  }

  void aFolderThatCannotBeReadIsAStoreErrorNamingIt() {
    const std::string runDir = fresh("not-a-run");
    QDir().mkpath(QString::fromStdString(runDir));
    RunStore store(fresh("store") + "/runs.sqlite");
    try {
      store.indexRunFolder(runDir);
      QFAIL("indexed a folder without records");
    } catch (const StoreError& error) {
      QVERIFY2(QString(error.what()).contains(QString::fromStdString(runDir)), error.what());
    }
  }
};

QTEST_GUILESS_MAIN(tst_run_folder_index)
#include "tst_run_folder_index.moc"
