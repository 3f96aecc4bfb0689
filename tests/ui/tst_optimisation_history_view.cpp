// The optimisation history in the Summary tab, from a scripted study: one dot per finished or
// pruned trial and a best-so-far step per finished one, pruned trials hollow, failed ones only in
// the note; live, trials ending out of order move the points and the best line; a grid study
// keeps its old first view. Also the status line's words at a sweep's end, and the history in
// the exported set of a searched study only.
#include <QImage>
#include <QTest>

#include "insight/summary_canvas.h"
#include "insight/summary_export.h"
#include "insight/summary_painting.h"
#include "insight/summary_view.h"
#include "insight/sweep_outcome.h"

using namespace sweeplab;
using namespace sweeplab::ui;

namespace {

const StudyObjective kSearched{"best_val_acc", true, true};

TrialSummary scripted(int index, TrialStatus status, double acc, int epochs = 9) {
  TrialSummary trial;
  trial.index = index;
  trial.label = "learning_rate=" + std::to_string(index + 1) + "e-4";
  trial.swept = {{"training.learning_rate", std::to_string(index + 1) + "e-4"},
                 {"training.batch_size", index % 2 ? "64" : "256"}};
  trial.status = status;
  trial.best_val_acc = acc;
  trial.val_acc = acc;
  trial.epochs_completed = epochs;
  trial.wall_seconds = 2;
  return trial;
}

// Ten trials of a random study: 6 finished, 3 pruned (one with a higher partial value than any
// finished trial), 1 failed.
RunSummary study() {
  RunSummary run;
  run.experiment_name = "random_search";
  const double acc[] = {0.60, 0.66, 0.50, 0.70, 0.69, 0.52, 0.72, 0.75, 0.40, 0.71};
  for (int i = 0; i < 10; ++i) {
    TrialStatus status = TrialStatus::Finished;
    if (i == 2 || i == 5 || i == 7) status = TrialStatus::Pruned;
    if (i == 8) status = TrialStatus::Failed;
    run.trials.push_back(
        scripted(i, status, i == 8 ? kNoValue : acc[i], status == TrialStatus::Pruned ? 3 : 9));
  }
  return run;
}

std::vector<TrialSpec> specsOf(const RunSummary& run, SearchMethod method) {
  std::vector<TrialSpec> trials;
  for (const TrialSummary& summary : run.trials) {
    TrialSpec trial;
    trial.index = summary.index;
    trial.swept = summary.swept;
    trial.spec.search.method = method;
    trial.spec.search.trials = 10;
    trials.push_back(trial);
  }
  return trials;
}

QColor pixelAt(const QImage& image, const QPointF& point) {
  return image.pixelColor(point.toPoint());
}

QPointF centreOf(const SummaryHits& hits, int trial) {
  for (const HitArea& area : hits.areas)
    if (area.trials == std::vector<int>{trial}) return area.shape.boundingRect().center();
  return {-1, -1};
}

}  // namespace

class tst_optimisation_history_view : public QObject {
  Q_OBJECT

 private Q_SLOTS:
  void storedStudyShowsPointsAndBestLine() {
    SummaryView view;
    view.resize(900, 600);
    view.setObjective(kSearched);
    view.showRun(study());
    QCOMPARE(view.choice().kind, SummaryKind::History);  // a searched study's first view
    const HistoryFigure figure = view.history();
    QCOMPARE(int(figure.history.points.size()), 9);  // the failed trial is left out
    QCOMPARE(int(figure.history.best.size()), 6);    // a step per finished trial
    QCOMPARE(figure.history.pruned, 3);
    QCOMPARE(figure.history.failed, 1);
    QCOMPARE(figure.history.best_trial, 6);  // 0.72; pruned trial 7's 0.75 is partial
    QVERIFY(QString::fromStdString(figure.note).contains("1 failed"));
    QVERIFY(QString::fromStdString(figure.note).contains("3 pruned"));
    QVERIFY(view.figureTitle().contains("Optimisation history"));

    // Drawn: one hit area per point; a finished dot is filled, a pruned one hollow.
    const QImage image = view.canvas()->render();
    const SummaryHits& hits = view.canvas()->hits();
    QCOMPARE(int(hits.areas.size()), 9);
    const QColor finished = pixelAt(image, centreOf(hits, 0));
    const QColor pruned = pixelAt(image, centreOf(hits, 2));
    QCOMPARE(finished, seriesColour(0));
    QCOMPARE(pruned, QColor(Qt::white));
    QCOMPARE(view.canvas()->trialsAt(centreOf(hits, 7)), std::vector<int>{7});
  }

  void gridStudyKeepsItsFirstViewAndOffersTheHistory() {
    SummaryView view;
    view.setObjective(StudyObjective{"best_val_acc", true, false});
    view.showRun(study());
    QVERIFY(view.choice().kind != SummaryKind::History);
    bool offered = false;
    for (const SummaryChoice& choice : view.choices())
      offered = offered || choice.kind == SummaryKind::History;
    QVERIFY(offered);
    view.setObjective(std::nullopt);  // an overlay: no history
    for (const SummaryChoice& choice : view.choices()) QVERIFY(choice.kind != SummaryKind::History);
  }

  void liveTrialsArriveInAnyOrder() {
    const RunSummary all = study();
    SummaryView view;
    view.resize(900, 600);
    view.startRun(specsOf(all, SearchMethod::Random));
    QVERIFY(view.objective() && view.objective()->searched);
    QCOMPARE(view.choice().kind, SummaryKind::History);
    QVERIFY(view.history().history.points.empty());
    view.canvas()->render();
    QCOMPARE(int(view.canvas()->hits().areas.size()), 0);

    view.trialStarted(3);
    view.finishTrial(all.trials[3]);  // 0.70 first
    QCOMPARE(view.history().history.best_value, 0.70);
    view.finishTrial(all.trials[7]);  // pruned at 0.75: drawn, not the best
    view.finishTrial(all.trials[0]);  // 0.60, earlier in trial order
    HistoryFigure figure = view.history();
    QCOMPARE(int(figure.history.points.size()), 3);
    QCOMPARE(figure.history.points[0].trial, 0);
    QCOMPARE(figure.history.best[0].value, 0.60);  // the line starts at trial 0's value
    QCOMPARE(figure.history.best[1].value, 0.70);
    QCOMPARE(figure.history.best_trial, 3);
    view.canvas()->render();
    QCOMPARE(int(view.canvas()->hits().areas.size()), 3);
    view.finishTrial(all.trials[6]);
    QCOMPARE(view.history().history.best_trial, 6);
  }

  void exportedSetHasTheHistoryOfASearchOnly() {
    const auto hasHistory = [](const std::vector<SummaryFigureFile>& files) {
      for (const SummaryFigureFile& file : files)
        if (file.stem == QLatin1String("summary_history")) return true;
      return false;
    };
    QVERIFY(hasHistory(summaryFigureFiles(study(), InsightResult::BestValAcc, kSearched)));
    QVERIFY(!hasHistory(summaryFigureFiles(study(), InsightResult::BestValAcc,
                                           StudyObjective{"best_val_acc", true, false})));
    QVERIFY(!hasHistory(summaryFigureFiles(study(), InsightResult::BestValAcc)));
  }

  void prunedTrialsStayOutOfMeansAndInParallelCoordinates() {
    const RunSummary run = study();
    const ParallelFigure parallel = parallelFigure(run, InsightResult::BestValAcc);
    int dotted = 0;
    for (const ParallelLine& line : parallel.lines) dotted += line.pruned;
    QCOMPARE(dotted, 3);
    QVERIFY(QString::fromStdString(parallel.note).contains("3 pruned trials"));
    const SliceFigure slice =
        sliceFigure(summaryRunsOf(run), "training.batch_size", InsightResult::BestValAcc);
    int counted = 0;
    for (const SliceSeries& series : slice.series)
      for (const SlicePoint& point : series.points) counted += int(point.seeds.size());
    QCOMPARE(counted, 6);  // the finished trials only
    QVERIFY(QString::fromStdString(slice.note).contains("3 pruned trials left out"));
  }

  void statusLineCountsPrunedAndNamesTheBest() {
    const RunSummary run = study();
    const QString searched = sweepOutcomeText(run, kSearched, false);
    QVERIFY2(searched.startsWith("Sweep done: 6 finished, 3 pruned, 1 failed of 10 trials"),
             qPrintable(searched));
    QVERIFY2(searched.contains("best val acc at best loss 72.00 % (trial 7: learning_rate=7e-4)"),
             qPrintable(searched));
    const QString minimised = sweepOutcomeText(run, StudyObjective{"val_loss", false, true}, true);
    QVERIFY2(minimised.startsWith("Stopped: 6 finished, 3 pruned, 1 failed"),
             qPrintable(minimised));
    // A grid keeps its words: the highest val acc at best loss of a trial that was not pruned.
    const QString grid = sweepOutcomeText(run, StudyObjective{}, false);
    QVERIFY2(grid.contains("highest val acc at best loss 72.00 % (learning_rate=7e-4)"),
             qPrintable(grid));
    RunSummary plain = run;
    for (TrialSummary& trial : plain.trials) trial.status = TrialStatus::Finished;
    QVERIFY(sweepOutcomeText(plain, std::nullopt, false)
                .startsWith("Sweep done: 10 of 10 trials finished"));
  }
};

QTEST_MAIN(tst_optimisation_history_view)
#include "tst_optimisation_history_view.moc"
