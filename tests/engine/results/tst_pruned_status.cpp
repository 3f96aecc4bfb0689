// A pruned trial: its status reads and writes as "pruned", and it is a result that resume keeps,
// like a finished one, while the statuses of trials that never ended still run again; a run
// whose trials all finished or were pruned is finished, not incomplete.
#include <QtTest>

#include "sweeplab/errors.h"
#include "sweeplab/metrics.h"
#include "sweeplab/resume.h"
#include "sweeplab/run_folder.h"

using namespace sweeplab;

class tst_pruned_status : public QObject {
  Q_OBJECT

 private Q_SLOTS:
  void textRoundTrips() {
    QCOMPARE(std::string(toString(TrialStatus::Pruned)), std::string("pruned"));
    QCOMPARE(trialStatusFromString("pruned"), TrialStatus::Pruned);
    for (TrialStatus status : {TrialStatus::Queued, TrialStatus::Running, TrialStatus::Finished,
                               TrialStatus::Stopped, TrialStatus::Diverged, TrialStatus::Failed,
                               TrialStatus::Interrupted, TrialStatus::Pruned})
      QCOMPARE(trialStatusFromString(toString(status)), status);
    try {
      trialStatusFromString("prune");
      QFAIL("expected an InputError");
    } catch (const InputError& error) {
      QVERIFY(QString(error.what()).contains("pruned"));  // the allowed names include it
    }
  }

  void resumeKeepsPrunedTrials() {
    QVERIFY(!trialNeedsRerun(TrialStatus::Pruned));
    QVERIFY(!trialNeedsRerun(TrialStatus::Finished));
    QVERIFY(trialNeedsRerun(TrialStatus::Stopped));
    QVERIFY(trialNeedsRerun(TrialStatus::Interrupted));
  }

  void runWithPrunedTrialsIsFinished() {
    RunSummary summary;
    for (TrialStatus status : {TrialStatus::Finished, TrialStatus::Pruned, TrialStatus::Pruned}) {
      TrialSummary trial;
      trial.index = static_cast<int>(summary.trials.size());
      trial.status = status;
      summary.trials.push_back(trial);
    }
    QCOMPARE(derivedRunStatus(summary), std::string("finished"));
    summary.trials[0].status = TrialStatus::Diverged;
    QCOMPARE(derivedRunStatus(summary), std::string("incomplete"));
  }
};

QTEST_APPLESS_MAIN(tst_pruned_status)
#include "tst_pruned_status.moc"
