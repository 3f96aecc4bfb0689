// The run folder's records: run.json and each trial.json, the summary derived from them (a
// trial without a record is queued, a running one whose writer is gone is interrupted, the run
// ends with its last trial), the writer-alive hook, and folders of older versions (summary.json
// alone) that read exactly as before.
#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

#include "ended_process.h"
#include "summary_fixture.h"
#include "sweeplab/errors.h"
#include "sweeplab/run_folder.h"

using namespace sweeplab;

namespace {

QString statusText(TrialStatus status) {
  return QString::fromLatin1(toString(status));
}

// run.json of the two-trial fixture, owned by `ownerPid` on this host.
RunSummary writeRunJson(const std::string& runDir, long long ownerPid) {
  RunSummary run = testing::twoTrialSummary();
  run.writer_host = currentHost();
  run.writer_pid = ownerPid;
  for (TrialSummary& trial : run.trials) {
    QDir().mkpath(QString::fromStdString(runDir + "/" + trial.folder));
    trial.status = TrialStatus::Queued;
  }
  writeRunRecord(runDir, run);
  return run;
}

TrialSummary runningRecord(const TrialSummary& header, long long pid) {
  TrialSummary trial = header;
  trial.status = TrialStatus::Running;
  trial.started_at = "2024-03-01T12:00:00Z";
  trial.writer.host = currentHost();
  trial.writer.pid = pid;
  return trial;
}

}  // namespace

class tst_run_record : public QObject {
  Q_OBJECT

  QTemporaryDir dir_;
  int counter_ = 0;
  std::string fresh() {
    const QString path = dir_.filePath(QString("run-%1").arg(++counter_));
    QDir().mkpath(path);
    return path.toStdString();
  }

 private Q_SLOTS:
  void runJsonHoldsTheRunAndItsTrialHeaders() {
    const std::string runDir = fresh();
    const RunSummary written = writeRunJson(runDir, 4242);
    const RunSummary read = readRunRecord(runDir);
    QCOMPARE(read.experiment_name, written.experiment_name);
    QCOMPARE(read.dataset_fingerprint, written.dataset_fingerprint);
    QCOMPARE(read.dataset_content_hash, written.dataset_content_hash);
    QCOMPARE(read.class_names, written.class_names);
    QCOMPARE(read.writer_pid, 4242LL);
    QCOMPARE(read.trials.size(), written.trials.size());
    for (std::size_t i = 0; i < read.trials.size(); ++i) {
      QCOMPARE(read.trials[i].label, written.trials[i].label);
      QVERIFY(read.trials[i].swept == written.trials[i].swept);
      QCOMPARE(read.trials[i].folder, written.trials[i].folder);
      QCOMPARE(statusText(read.trials[i].status), statusText(TrialStatus::Queued));
      QVERIFY(std::isnan(read.trials[i].test_acc));  // headers only, no results
    }
  }

  // Written once when the trial starts (running, who runs it) and once when it ends.
  void trialRecordAtStartAndEnd() {
    const std::string runDir = fresh();
    const RunSummary run = writeRunJson(runDir, currentProcessId());
    QVERIFY(!readTrialRecord(runDir, run.trials[0]));  // queued: no record yet

    TrialSummary started = runningRecord(run.trials[0], currentProcessId());
    started.writer = currentTrialWriter();
    writeTrialRecord(runDir, started);
    std::optional<TrialSummary> read = readTrialRecord(runDir, run.trials[0]);
    QVERIFY(read);
    QCOMPARE(statusText(read->status), statusText(TrialStatus::Running));
    QCOMPARE(read->started_at, started.started_at);
    QCOMPARE(read->writer.host, currentHost());
    QCOMPARE(read->writer.pid, currentProcessId());
    QCOMPARE(statusText(readRunSummary(runDir).trials[0].status), statusText(TrialStatus::Running));

    TrialSummary ended = testing::twoTrialSummary().trials[0];
    ended.started_at = started.started_at;
    ended.finished_at = "2024-03-01T12:10:00Z";
    ended.writer = started.writer;
    writeTrialRecord(runDir, ended);
    read = readTrialRecord(runDir, run.trials[0]);
    QCOMPARE(statusText(read->status), statusText(TrialStatus::Finished));
    QCOMPARE(read->test_acc, ended.test_acc);
    QCOMPARE(read->finished_at, ended.finished_at);
    QVERIFY(!QFile::exists(QString::fromStdString(runDir + "/" + kSummaryFileName)));
  }

  void slurmJobOfTheWriterIsRecorded() {
    qputenv("SLURM_JOB_ID", "1001");
    qputenv("SLURM_ARRAY_JOB_ID", "1000");
    qputenv("SLURM_ARRAY_TASK_ID", "1");
    qputenv("SLURM_RESTART_COUNT", "2");
    const TrialWriter writer = currentTrialWriter();
    for (const char* name :
         {"SLURM_JOB_ID", "SLURM_ARRAY_JOB_ID", "SLURM_ARRAY_TASK_ID", "SLURM_RESTART_COUNT"})
      qunsetenv(name);
    const std::string runDir = fresh();
    const RunSummary run = writeRunJson(runDir, currentProcessId());
    TrialSummary trial = runningRecord(run.trials[1], currentProcessId());
    trial.writer = writer;
    writeTrialRecord(runDir, trial);
    const TrialWriter read = readTrialRecord(runDir, run.trials[1])->writer;
    QCOMPARE(read.slurm_job_id, std::string("1001"));
    QCOMPARE(read.slurm_array_job_id, std::string("1000"));
    QCOMPARE(read.slurm_array_task_id, std::string("1"));
    QCOMPARE(read.slurm_restart_count, std::string("2"));
    QVERIFY(currentTrialWriter().slurm_job_id.empty());
  }

  void derivedSummary() {
    const std::string runDir = fresh();
    const long long ended = test_support::endedProcessId();
    const RunSummary run = writeRunJson(runDir, ended);
    RunSummary read = readRunSummary(runDir);
    QCOMPARE(statusText(read.trials[0].status), statusText(TrialStatus::Queued));
    QVERIFY(read.finished_at.empty());
    QCOMPARE(derivedRunStatus(read), std::string("interrupted"));  // its owner is gone

    // A running trial whose writer is gone reads as interrupted.
    writeTrialRecord(runDir, runningRecord(run.trials[0], ended));
    read = readRunSummary(runDir);
    QCOMPARE(statusText(read.trials[0].status), statusText(TrialStatus::Interrupted));
    QVERIFY(QString::fromStdString(read.trials[0].message).contains("process"));

    // Both ended: the run ended with its last trial.
    TrialSummary first = testing::twoTrialSummary().trials[0];
    first.finished_at = "2024-03-01T12:10:00Z";
    TrialSummary second = testing::twoTrialSummary().trials[1];
    second.finished_at = "2024-03-01T12:20:00Z";
    writeTrialRecord(runDir, first);
    writeTrialRecord(runDir, second);
    read = readRunSummary(runDir);
    QCOMPARE(read.finished_at, std::string("2024-03-01T12:20:00Z"));
    QCOMPARE(derivedRunStatus(read), std::string("incomplete"));  // the second one diverged
  }

  // A writer on another host is taken as alive; the cluster code's predicate decides instead.
  void writerAliveHook() {
    const std::string runDir = fresh();
    const RunSummary run = writeRunJson(runDir, 0);
    TrialSummary elsewhere = runningRecord(run.trials[0], 77);
    elsewhere.writer.host = "node-that-is-not-this-one";
    writeTrialRecord(runDir, elsewhere);
    QCOMPARE(statusText(readRunSummary(runDir).trials[0].status), statusText(TrialStatus::Running));
    QCOMPARE(derivedRunStatus(readRunSummary(runDir)), std::string("running"));
    const WriterAlive slurmSaysGone = [](const TrialWriter& writer) {
      return writer.host != "node-that-is-not-this-one";
    };
    RunSummary read = readRunSummary(runDir, slurmSaysGone);
    QCOMPARE(statusText(read.trials[0].status), statusText(TrialStatus::Interrupted));
    read = readRunSummary(runDir);
    applyWriterLiveness(read, slurmSaysGone);
    QCOMPARE(statusText(read.trials[0].status), statusText(TrialStatus::Interrupted));
  }

  // Folders written before run.json existed hold summary.json alone: they read as that file
  // says, and its running trials are interrupted when the process that wrote it is gone.
  void anOlderFolderReadsAsBefore() {
    const std::string runDir = fresh();
    RunSummary old = testing::twoTrialSummary();
    old.finished_at = "2024-03-01T13:00:00Z";
    writeRunSummary(runDir, old);
    const RunSummary read = readRunSummary(runDir);
    QCOMPARE(runSummaryToJson(read), runSummaryToJson(old));

    old.finished_at.clear();
    old.trials[1].status = TrialStatus::Running;
    old.trials[1].message.clear();
    old.writer_host = currentHost();
    old.writer_pid = test_support::endedProcessId();
    writeRunSummary(runDir, old);
    const RunSummary killed = readRunSummary(runDir);
    QCOMPARE(statusText(killed.trials[1].status), statusText(TrialStatus::Interrupted));
    QCOMPARE(killed.trials[1].message,
             std::string("interrupted: the process running the sweep ended before the trial did"));
    QVERIFY(killed.finished_at.empty());
    QCOMPARE(statusText(killed.trials[0].status), statusText(TrialStatus::Finished));
  }

  void brokenRecordsNameTheFile() {
    const std::string runDir = fresh();
    const RunSummary run = writeRunJson(runDir, 0);
    const QString record =
        QString::fromStdString(runDir + "/" + run.trials[1].folder + "/" + kTrialRecordFileName);
    QFile file(record);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(R"({"index": 1, "status": "done"})");
    file.close();
    try {
      readRunSummary(runDir);
      QFAIL("read a broken trial record");
    } catch (const InputError& error) {
      QVERIFY2(QString(error.what()).startsWith(record + ": status: unknown trial status"),
               error.what());
    }
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(R"({"index": 0, "status": "running"})");
    file.close();
    try {
      readRunSummary(runDir);
      QFAIL("read the record of another trial");
    } catch (const InputError& error) {
      QVERIFY2(QString(error.what()).contains("the record is of trial 0"), error.what());
    }
  }
};

QTEST_GUILESS_MAIN(tst_run_record)
#include "tst_run_record.moc"
