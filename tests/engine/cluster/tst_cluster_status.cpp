// A cluster trial's state: its record wins once the trial has ended; before that, Slurm's view
// of the array task that holds it says pending (and why), running (and where), requeued,
// preempted, cancelled, or that the task left the queue without finishing the trial.
#include <QTemporaryDir>
#include <QtTest>

#include "sweeplab/cluster/cluster_record.h"
#include "sweeplab/cluster/cluster_status.h"

using namespace sweeplab;

namespace {

TrialSummary trial(int index, TrialStatus status, const std::string& message = "") {
  TrialSummary t;
  t.index = index;
  t.status = status;
  t.message = message;
  return t;
}

SlurmTaskState task(int index, const std::string& state, const std::string& reason = "",
                    const std::string& node = "") {
  SlurmTaskState t;
  t.task = index;
  t.state = state;
  t.reason = reason;
  t.node = node;
  return t;
}

// Two submissions: job 10 held trials 0-3 one per task; job 11 (a resume) holds trial 2 again.
ClusterRecord record() {
  ClusterRecord r;
  r.submissions.push_back({"10", "slurm/job-1.sh", "", {{0}, {1}, {2}, {3}}});
  r.submissions.push_back({"11", "slurm/job-2.sh", "", {{2}}});
  return r;
}

QString stateOf(const std::vector<ClusterTrialState>& states, int index) {
  for (const ClusterTrialState& s : states)
    if (s.index == index) return QString::fromStdString(s.state + "|" + s.detail + "|" + s.job);
  return "absent";
}

}  // namespace

class TstClusterStatus : public QObject {
  Q_OBJECT

 private Q_SLOTS:
  void recordsWinOnceATrialHasEnded() {
    RunSummary summary;
    summary.trials = {trial(0, TrialStatus::Finished),
                      trial(1, TrialStatus::Failed, "out of memory"),
                      trial(2, TrialStatus::Stopped, "cancelled: scancel of Slurm task 10_2"),
                      trial(3, TrialStatus::Stopped, "stopped by the person")};
    // Slurm still lists task 0 as completing: the record has the last word.
    const ArrayTasksByJob tasks{{"10", {{0, task(0, "COMPLETING", "", "n1")}}}};
    const auto states = mergeClusterStates(summary, record(), tasks);
    QCOMPARE(stateOf(states, 0), QString("finished||10_0"));
    QCOMPARE(stateOf(states, 1), QString("failed|out of memory|10_1"));
    QCOMPARE(stateOf(states, 2), QString("cancelled|cancelled: scancel of Slurm task 10_2|11_0"));
    QCOMPARE(stateOf(states, 3), QString("stopped|stopped by the person|10_3"));
  }

  void slurmSaysWhatTheRecordsCannotYet() {
    RunSummary summary;
    summary.trials = {trial(0, TrialStatus::Running), trial(1, TrialStatus::Queued),
                      trial(2, TrialStatus::Queued), trial(3, TrialStatus::Running),
                      trial(4, TrialStatus::Queued)};
    const ArrayTasksByJob tasks{
        {"10",
         {{0, task(0, "RUNNING", "", "node7")}, {1, task(1, "PENDING", "JobArrayTaskLimit")}}},
        {"11", {{0, task(0, "PREEMPTED")}}}};
    const auto states = mergeClusterStates(summary, record(), tasks);
    QCOMPARE(stateOf(states, 0), QString("running|node7|10_0"));
    QCOMPARE(stateOf(states, 1), QString("pending|JobArrayTaskLimit|10_1"));
    QCOMPARE(stateOf(states, 2), QString("preempted||11_0"));  // the newest submission counts
    // Task 3 left the queue (no accounting to say how) while its trial was training.
    QVERIFY(stateOf(states, 3).startsWith("interrupted|its Slurm task ended while"));
    QCOMPARE(stateOf(states, 4), QString("queued||"));  // in no submission
  }

  void aRequeuedTaskShowsRequeuedNotItsStoppedRecord() {
    RunSummary summary;
    TrialSummary stopped = trial(0, TrialStatus::Stopped, "stopped at step 88");
    stopped.writer.slurm_array_job_id = "10";  // this job trained it before
    TrialSummary interrupted = trial(2, TrialStatus::Interrupted);
    interrupted.writer.slurm_array_job_id = "10";  // resubmitted as job 11 since
    summary.trials = {stopped, trial(1, TrialStatus::Finished), interrupted};
    const ArrayTasksByJob tasks{
        {"10", {{0, task(0, "PENDING", "BeginTime")}, {1, task(1, "PENDING", "BeginTime")}}},
        {"11", {{0, task(0, "PENDING", "Priority")}}}};
    const auto states = mergeClusterStates(summary, record(), tasks);
    QCOMPARE(stateOf(states, 0), QString("requeued|BeginTime|10_0"));
    QCOMPARE(stateOf(states, 1), QString("finished||10_1"));  // its task skips it
    QCOMPARE(stateOf(states, 2), QString("pending|Priority|11_0"));
  }

  void theRecordRoundTrips() {
    QTemporaryDir dir;
    QVERIFY(!isClusterRun(dir.path().toStdString()));
    ClusterRecord r = record();
    r.settings.partition = "gpu";
    r.settings.array_parallelism = 2;
    r.settings.sbatch_args = {"--constraint=a100"};
    r.settings.command_prefix = "ssh login";
    writeClusterRecord(dir.path().toStdString(), r);
    QVERIFY(isClusterRun(dir.path().toStdString()));
    const ClusterRecord back = readClusterRecord(dir.path().toStdString());
    QCOMPARE(back.submissions.size(), size_t(2));
    QCOMPARE(QString::fromStdString(back.submissions[1].job_id), QString("11"));
    QCOMPARE(back.submissions[0].packs, r.submissions[0].packs);
    QCOMPARE(QString::fromStdString(back.settings.partition), QString("gpu"));
    QCOMPARE(back.settings.array_parallelism, 2);
    QCOMPARE(back.settings.sbatch_args, r.settings.sbatch_args);
    QCOMPARE(QString::fromStdString(back.settings.command_prefix), QString("ssh login"));
  }
};

QTEST_GUILESS_MAIN(TstClusterStatus)
#include "tst_cluster_status.moc"
