// The optimisation history's numbers: trial order whatever order trials ended in, the best so
// far by the objective's direction, pruned trials drawn but never the best, failed ones counted
// and left out, ties kept by the earlier trial, and an empty study.
#include <QtTest>

#include "sweeplab/experiment_spec.h"
#include "sweeplab/optimisation_history.h"

using namespace sweeplab;

namespace {

TrialSummary trial(int index, TrialStatus status, double bestValAcc, double bestValLoss = kNoValue,
                   int epochs = 10) {
  TrialSummary summary;
  summary.index = index;
  summary.status = status;
  summary.best_val_acc = bestValAcc;
  summary.best_val_loss = bestValLoss;
  summary.epochs_completed = epochs;
  return summary;
}

StudyObjective maximizeAcc() {
  return {"best_val_acc", true, true};
}

}  // namespace

class tst_optimisation_history : public QObject {
  Q_OBJECT

 private Q_SLOTS:
  void pointsInTrialOrderWithBestSoFar() {
    RunSummary run;  // trials ended out of order, as with parallel workers
    run.trials = {trial(2, TrialStatus::Finished, 0.70), trial(0, TrialStatus::Finished, 0.60),
                  trial(3, TrialStatus::Finished, 0.65), trial(1, TrialStatus::Finished, 0.72)};
    const OptimisationHistory history = optimisationHistory(run, maximizeAcc());
    QCOMPARE(int(history.points.size()), 4);
    for (int i = 0; i < 4; ++i) QCOMPARE(history.points[i].trial, i);
    QCOMPARE(int(history.best.size()), 4);
    const double expected[] = {0.60, 0.72, 0.72, 0.72};
    for (int i = 0; i < 4; ++i) QCOMPARE(history.best[i].value, expected[i]);
    QCOMPARE(history.best[3].best_trial, 1);
    QCOMPARE(history.best_trial, 1);
    QCOMPARE(history.best_value, 0.72);
    QCOMPARE(history.finished, 4);
  }

  void minimizeTakesTheLowest() {
    RunSummary run;
    run.trials = {trial(0, TrialStatus::Finished, 0.5, 0.90),
                  trial(1, TrialStatus::Finished, 0.6, 0.80),
                  trial(2, TrialStatus::Finished, 0.7, 0.85)};
    const OptimisationHistory history = optimisationHistory(run, {"best_val_loss", false, true});
    QCOMPARE(history.best[0].value, 0.90);
    QCOMPARE(history.best[1].value, 0.80);
    QCOMPARE(history.best[2].value, 0.80);
    QCOMPARE(history.best_trial, 1);
    QCOMPARE(history.points[2].value, 0.85);
  }

  void prunedTrialsAreDrawnButNeverTheBest() {
    RunSummary run;
    run.trials = {trial(0, TrialStatus::Finished, 0.60), trial(1, TrialStatus::Pruned, 0.90, 0, 3),
                  trial(2, TrialStatus::Finished, 0.65)};
    const OptimisationHistory history = optimisationHistory(run, maximizeAcc());
    QCOMPARE(int(history.points.size()), 3);
    QVERIFY(history.points[1].pruned);
    QCOMPARE(history.points[1].epochs, 3);
    QVERIFY(!history.points[0].pruned);
    QCOMPARE(int(history.best.size()), 2);  // steps at the finished trials only
    QCOMPARE(history.best[1].trial, 2);
    QCOMPARE(history.best_value, 0.65);
    QCOMPARE(history.pruned, 1);
    QCOMPARE(history.finished, 2);
  }

  void failedAndUnendedTrialsAreLeftOutAndCounted() {
    RunSummary run;
    run.trials = {
        trial(0, TrialStatus::Failed, kNoValue), trial(1, TrialStatus::Diverged, 0.3),
        trial(2, TrialStatus::Finished, 0.6),    trial(3, TrialStatus::Running, 0.7),
        trial(4, TrialStatus::Queued, kNoValue), trial(5, TrialStatus::Finished, kNoValue)};
    const OptimisationHistory history = optimisationHistory(run, maximizeAcc());
    QCOMPARE(int(history.points.size()), 1);
    QCOMPARE(history.points[0].trial, 2);
    QCOMPARE(history.failed, 2);
    QCOMPARE(history.without_value, 1);
  }

  void tiesKeepTheEarlierTrial() {
    RunSummary run;
    run.trials = {trial(0, TrialStatus::Finished, 0.70), trial(1, TrialStatus::Finished, 0.70),
                  trial(2, TrialStatus::Finished, 0.69)};
    const OptimisationHistory history = optimisationHistory(run, maximizeAcc());
    QCOMPARE(history.best_trial, 0);
    QCOMPARE(history.best[1].best_trial, 0);
    QCOMPARE(history.best[2].best_trial, 0);
  }

  void emptyStudy() {
    const OptimisationHistory history = optimisationHistory(RunSummary{}, maximizeAcc());
    QVERIFY(history.points.empty());
    QVERIFY(history.best.empty());
    QCOMPARE(history.best_trial, -1);
    QVERIFY(std::isnan(history.best_value));
  }

  void objectiveFromTheSpec() {
    ExperimentSpec spec;
    QVERIFY(!studyObjectiveOf(spec).searched);
    QCOMPARE(studyObjectiveOf(spec).metric, std::string("best_val_acc"));
    QVERIFY(studyObjectiveOf(spec).maximize);
    spec.search.method = SearchMethod::Tpe;
    spec.search.metric = "val_loss";
    QVERIFY(studyObjectiveOf(spec).searched);
    QVERIFY(!studyObjectiveOf(spec).maximize);  // a loss, minimised by default
    spec.search.direction = "maximize";
    QVERIFY(studyObjectiveOf(spec).maximize);
  }
};

QTEST_APPLESS_MAIN(tst_optimisation_history)
#include "tst_optimisation_history.moc"
