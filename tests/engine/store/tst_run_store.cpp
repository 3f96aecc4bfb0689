// The run store on its own: what is written reads back unchanged, the history filters, schema
// version 1 upgrades to the current one, a run whose writer died reads as interrupted,
// experiments are renamed, noted and deleted with their files, and where the store lies.
#include <sqlite3.h>
#include <sys/wait.h>
#include <unistd.h>

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

#include "../results/summary_fixture.h"
#include "store_test_support.h"
#include "store_v1_fixture.h"
#include "sweeplab/results_table.h"
#include "sweeplab/run_folder.h"
#include "sweeplab/run_store.h"

using namespace sweeplab;

namespace {

void execSql(const QString& path, const char* sql) {
  sqlite3* db = nullptr;
  QCOMPARE(sqlite3_open(qPrintable(path), &db), SQLITE_OK);
  char* error = nullptr;
  const int code = sqlite3_exec(db, sql, nullptr, nullptr, &error);
  const QString message = error ? error : "";
  sqlite3_free(error);
  sqlite3_close(db);
  QVERIFY2(code == SQLITE_OK, qPrintable(message));
}

// The pid of a process that has ended: a run whose writer it was can no longer be running.
long long deadPid() {
  const pid_t child = fork();
  if (child == 0) _exit(0);
  waitpid(child, nullptr, 0);
  return child;
}

}  // namespace

class tst_run_store : public QObject, private FreshStorePaths {
  Q_OBJECT

 private Q_SLOTS:
  void newStoreIsCurrentAndInWalMode() {
    const std::string path = freshPath();
    RunStore store(path);
    QCOMPARE(store.schemaVersion(), kStoreSchemaVersion);
    QVERIFY(QFile::exists(QString::fromStdString(path)));
    sqlite3* db = nullptr;
    sqlite3_open(path.c_str(), &db);
    sqlite3_stmt* stmt = nullptr;
    sqlite3_prepare_v2(db, "PRAGMA journal_mode", -1, &stmt, nullptr);
    QCOMPARE(sqlite3_step(stmt), SQLITE_ROW);
    QCOMPARE(QString(reinterpret_cast<const char*>(sqlite3_column_text(stmt, 0))), QString("wal"));
    sqlite3_finalize(stmt);
    sqlite3_close(db);
  }

  void readingAMissingStoreSaysSo() {
    const std::string path = dir_.filePath("nowhere/runs.sqlite").toStdString();
    try {
      RunStore store(path, /*create=*/false);
      QFAIL("opened a store that does not exist");
    } catch (const StoreError& error) {
      QVERIFY2(QString(error.what()).contains("no run store here"), error.what());
      QVERIFY(QString(error.what()).startsWith(QString::fromStdString(path)));
    }
  }

  // Every summary field, the missing values (NaN) included, comes back as written.
  void summaryAndPointsReadBackUnchanged() {
    RunStore store(freshPath());
    RunSummary written = testing::twoTrialSummary();
    // The store records who wrote the experiment (this process) and when the sweep ended.
    written.writer_host = currentHost();
    written.writer_pid = currentProcessId();
    written.finished_at = "2024-03-01T13:00:00Z";
    written.source_file = "/exp/tiny.yaml";
    // Fields only the records keep (trial.json) come back too.
    written.trials[0].started_at = "2024-03-01T12:00:00Z";
    written.trials[0].finished_at = "2024-03-01T12:10:05Z";
    written.trials[0].writer = {"node7", 4242, "991", "990", "3", "1"};
    const long long id =
        store.addExperiment({"tiny-vs-x10", "2024-03-01T11:59:00Z", "/runs/x", "/exp/tiny.yaml",
                             "name: tiny-vs-x10\n", "CPU", written.dataset});
    const long long trial = store.saveTrial(id, written.trials[0]);
    store.addMetricPoints(trial, pointsOf(7, 0.5));
    store.finishExperiment(id, written, "2024-03-01T13:00:00Z");

    const RunSummary read = store.runSummary(id);
    QCOMPARE(runSummaryToJson(read), runSummaryToJson(written));
    QCOMPARE(read.trials[0].started_at, written.trials[0].started_at);
    QCOMPARE(read.trials[0].finished_at, written.trials[0].finished_at);
    QCOMPARE(read.trials[0].writer.slurm_array_task_id, std::string("3"));
    QCOMPARE(read.trials[0].writer.pid, 4242LL);
    for (TableFormat format : {TableFormat::Markdown, TableFormat::Csv, TableFormat::Json})
      QCOMPARE(formatResultsTable(read, format), formatResultsTable(written, format));
    QCOMPARE(metricsToCsv(store.metricPoints(trial)), metricsToCsv(pointsOf(7, 0.5)));

    const StoredExperiment e = store.experiment(id);
    QCOMPARE(e.status, std::string("incomplete"));  // the second trial diverged
    QCOMPARE(e.finished_at, std::string("2024-03-01T13:00:00Z"));
    QCOMPARE(e.config_yaml, std::string("name: tiny-vs-x10\n"));
    QCOMPARE(e.models, (std::vector<std::string>{"jsc-tiny", "jsc-tiny-x10"}));
    QCOMPARE(e.trial_count, 2);
  }

  void historyFilters() {
    RunStore store(freshPath());
    const auto add = [&](const char* name, const char* start, const char* model, TrialStatus status,
                         const char* dataset) {
      const long long id = store.addExperiment({name, start, "", "", "", "CPU", dataset});
      TrialSummary trial;
      trial.model = model;
      trial.status = status;
      store.saveTrial(id, trial);
      RunSummary summary;
      summary.started_at = start;
      summary.dataset = dataset;
      summary.trials = {trial};
      store.finishExperiment(id, summary, start);
      return id;
    };
    const long long a = add("batch-size", "2026-01-05T10:00:00Z", "jsc-tiny", TrialStatus::Finished,
                            "synthetic-jsc");
    const long long b = add("Learning-Rate", "2026-01-06T10:00:00Z", "jsc-tiny-x10",
                            TrialStatus::Diverged, "jsc-hdf5 /data/jsc.h5");
    const long long c = add("batch-size again", "2026-01-07T23:59:59Z", "jsc-s",
                            TrialStatus::Finished, "synthetic-jsc");
    const auto ids = [&](HistoryFilter filter) {
      std::vector<long long> found;
      for (const StoredExperiment& e : store.experiments(filter)) found.push_back(e.id);
      return found;
    };
    using Ids = std::vector<long long>;
    QCOMPARE(ids({}), (Ids{c, b, a}));  // newest first
    QCOMPARE(ids({"BATCH"}), (Ids{c, a}));
    QCOMPARE(ids({"", "x10"}), (Ids{b}));
    QCOMPARE(ids({"", "jsc-tiny"}), (Ids{b, a}));
    QCOMPARE(ids({"", "", "hdf5"}), (Ids{b}));
    QCOMPARE(ids({"", "", "", "diverged"}), (Ids{b}));
    QCOMPARE(ids({"", "", "", "incomplete"}), (Ids{b}));
    QCOMPARE(ids({"", "", "", "", "2026-01-06"}), (Ids{c, b}));
    QCOMPARE(ids({"", "", "", "", "", "2026-01-06"}), (Ids{b, a}));  // the whole day
    QCOMPARE(ids({"", "", "", "", "", "2026-01-07"}), (Ids{c, b, a}));
    QCOMPARE(ids({"", "", "", "", "", "", 2}), (Ids{c, b}));
  }

  void migratesVersion1ToCurrent() {
    const std::string path = freshPath();
    QDir().mkpath(QFileInfo(QString::fromStdString(path)).path());
    execSql(QString::fromStdString(path), testing::kStoreVersion1);

    RunStore store(path);
    QCOMPARE(store.schemaVersion(), kStoreSchemaVersion);
    const StoredExperiment old = store.experiment(1);
    QCOMPARE(old.name, std::string("batch-size"));
    QCOMPARE(old.status, std::string("finished"));
    QCOMPARE(old.note, std::string());
    const RunSummary summary = store.runSummary(1);
    QCOMPARE(summary.trials.size(), size_t(1));
    QCOMPARE(summary.trials[0].swept.at(0).second, std::string("64"));
    QCOMPARE(summary.trials[0].test_acc, 0.705);
    QVERIFY(std::isnan(summary.trials[0].train_acc));
    QCOMPARE(summary.dataset_fingerprint, std::string("abc123"));
    const std::vector<StoredTrial> trials = store.trials(1);
    QVERIFY(std::isnan(trials[0].started_unix));  // a column version 2 added
    QCOMPARE(store.metricPoints(trials[0].id).size(), size_t(2));
    QCOMPARE(store.artifacts(trials[0].id).at(0).kind, std::string("checkpoint-best"));
    // Version 1 could not tell a live writer from a dead one: its running run is interrupted.
    QCOMPARE(store.experiment(2).status, std::string("interrupted"));
    QCOMPARE(statusText(store.trials(2).at(0).summary.status),
             statusText(TrialStatus::Interrupted));
    // What version 2 added works on the upgraded store, and new runs go in after the old ones.
    store.setExperimentNote(1, "baseline for the report");
    QCOMPARE(store.experiment(1).note, std::string("baseline for the report"));
    QCOMPARE(store.addExperiment({"new", "2026-02-01T00:00:00Z"}), 3LL);
    // Opening again finds nothing to do.
    QCOMPARE(RunStore(path).schemaVersion(), kStoreSchemaVersion);
  }

  void refusesAStoreFromANewerVersion() {
    const std::string path = freshPath();
    QDir().mkpath(QFileInfo(QString::fromStdString(path)).path());
    execSql(QString::fromStdString(path), "CREATE TABLE future (x); PRAGMA user_version = 99;");
    try {
      RunStore store(path);
      QFAIL("opened a store of a newer schema");
    } catch (const StoreError& error) {
      QVERIFY2(QString(error.what()).contains("schema version 99, written by a newer Sweeplab"),
               error.what());
    }
  }

  void runWhoseWriterDiedReadsAsInterrupted() {
    const std::string path = freshPath();
    long long id = 0;
    {
      RunStore store(path);
      id = store.addExperiment({"killed", "2026-01-01T00:00:00Z"});
      TrialSummary trial;
      trial.status = TrialStatus::Running;
      trial.writer = currentTrialWriter();
      store.saveTrial(id, trial);
      QCOMPARE(store.experiment(id).status, std::string("running"));  // this process is alive
    }
    // The trial's writer (and the run's) is a process that has ended.
    const QString sql = QString(
                            "UPDATE experiments SET writer_pid = %1;"
                            " UPDATE trials SET writer_json = json_set(writer_json, '$.pid', %1)")
                            .arg(deadPid());
    execSql(QString::fromStdString(path), qPrintable(sql));
    RunStore store(path);
    QCOMPARE(store.experiment(id).status, std::string("interrupted"));
    QCOMPARE(statusText(store.runSummary(id).trials.at(0).status),
             statusText(TrialStatus::Interrupted));
    HistoryFilter interrupted;
    interrupted.status = "interrupted";
    QCOMPARE(store.experiments(interrupted).size(), size_t(1));
  }

  void renameNoteAndDeleteWithFiles() {
    RunStore store(freshPath());
    const QString runDir = dir_.filePath("runs/exp-1");
    QDir().mkpath(runDir + "/000-trial");
    QFile summary(runDir + "/summary.json");
    QVERIFY(summary.open(QIODevice::WriteOnly));
    summary.close();
    const long long id = store.addExperiment({"exp", "2026-01-01T00:00:00Z", runDir.toStdString()});
    store.renameExperiment(id, "exp, second try");
    store.setExperimentNote(id, "lr too high");
    QCOMPARE(store.experiment(id).name, std::string("exp, second try"));
    QCOMPARE(store.experiment(id).note, std::string("lr too high"));
    QVERIFY_THROWS_EXCEPTION(StoreError, store.renameExperiment(id, ""));
    QVERIFY_THROWS_EXCEPTION(StoreError, store.setExperimentNote(id + 100, "x"));

    // A folder that is not a run folder is left alone, and so are the rows.
    const QString notARun = dir_.filePath("not-a-run");
    QDir().mkpath(notARun);
    const long long other =
        store.addExperiment({"other", "2026-01-02T00:00:00Z", notARun.toStdString()});
    QVERIFY_THROWS_EXCEPTION(StoreError, deleteExperimentWithFiles(store, other));
    QVERIFY(QDir(notARun).exists());
    QCOMPARE(store.experiments().size(), size_t(2));

    deleteExperimentWithFiles(store, id);
    QVERIFY(!QDir(runDir).exists());
    QCOMPARE(store.experiments().size(), size_t(1));
    QVERIFY_THROWS_EXCEPTION(StoreError, store.experiment(id));
  }

  void storeLocation() {
    qputenv("XDG_DATA_HOME", "/data/home");
    qunsetenv("SWEEPLAB_STORE");
    QCOMPARE(defaultStorePath(), std::string("/data/home/sweeplab/runs.sqlite"));
    QCOMPARE(resolveStorePath(), defaultStorePath());
    QCOMPARE(resolveStorePath("", "/from/setting.sqlite"), std::string("/from/setting.sqlite"));
    qputenv("SWEEPLAB_STORE", "/from/env.sqlite");
    QCOMPARE(resolveStorePath("", "/from/setting.sqlite"), std::string("/from/env.sqlite"));
    QCOMPARE(resolveStorePath("/from/option.sqlite", "/x"), std::string("/from/option.sqlite"));
    QCOMPARE(resolveStorePath("none"), std::string());
    qputenv("SWEEPLAB_STORE", "none");
    QCOMPARE(resolveStorePath(), std::string());
    qunsetenv("SWEEPLAB_STORE");
    qputenv("XDG_DATA_HOME", "relative/ignored");
    qputenv("HOME", "/home/someone");
    QCOMPARE(defaultStorePath(), std::string("/home/someone/.local/share/sweeplab/runs.sqlite"));
  }
};

QTEST_GUILESS_MAIN(tst_run_store)
#include "tst_run_store.moc"
