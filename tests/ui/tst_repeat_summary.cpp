// The seed-repeat line above the trials table: with a few grid points it says everything (each
// point's mean ± std and each test against the best); with many it stays one line, naming the
// best and the points within seed noise of it, and counting the rest, while the tooltip keeps
// every grid point and test.
#include <QtTest>

#include "repeat_summary.h"

using namespace sweeplab;
using namespace sweeplab::ui;

namespace {

// `means.size()` grid points of learning_rate, three finished seeds each, their test accuracies
// mean + {-0.01, 0, +0.01}.
RunSummary runWithGridPoints(const std::vector<double>& means) {
  RunSummary run;
  int index = 0;
  for (size_t point = 0; point < means.size(); ++point) {
    for (double offset : {-0.01, 0.0, 0.01}) {
      TrialSummary trial;
      trial.index = index++;
      trial.swept = {{"learning_rate", "1e-" + std::to_string(point + 1)}};
      trial.status = TrialStatus::Finished;
      trial.test_acc = means[point] + offset;
      run.trials.push_back(trial);
    }
  }
  return run;
}

}  // namespace

class tst_repeat_summary : public QObject {
  Q_OBJECT

 private Q_SLOTS:
  void aFewGridPointsAreSaidInFull() {
    const RunSummary run = runWithGridPoints({0.70, 0.60});
    const QString text = repeatSummary(run).text;
    QVERIFY2(text.contains("learning_rate=1e-1 0.7000 ± 0.0100") &&
                 text.contains("learning_rate=1e-2 0.6000 ± 0.0100") &&
                 text.contains("Welch p = ") && text.contains("beyond seed noise"),
             qPrintable(text));
    QVERIFY(repeatSummary(run).details.isEmpty());
  }

  void manyGridPointsStayOneLineWithTheDetailsInTheTooltip() {
    // The best (1e-3), one point within seed noise of it (1e-2), four far below it.
    const RunSummary run = runWithGridPoints({0.40, 0.695, 0.70, 0.50, 0.45, 0.30});
    const QString text = repeatSummary(run).text;
    QVERIFY2(text.contains("best learning_rate=1e-3 0.7000 ± 0.0100 (3 of 3 seeds)"),
             qPrintable(text));
    QVERIFY2(text.contains("within seed noise of it: learning_rate=1e-2;"), qPrintable(text));
    QVERIFY2(text.contains("beyond seed noise: 4 others"), qPrintable(text));
    QVERIFY2(!text.contains("learning_rate=1e-6") && !text.contains("Welch"), qPrintable(text));

    const QString details = repeatSummary(run).details;
    for (int point = 1; point <= 6; ++point)
      QVERIFY2(details.contains(QString("learning_rate=1e-%1 ").arg(point)), qPrintable(details));
    QCOMPARE(details.count("Welch p = "), 5);
  }

  void aPointWithoutTwoFinishedSeedsIsCounted() {
    RunSummary run = runWithGridPoints({0.70, 0.60, 0.50, 0.40});
    for (TrialSummary& trial : run.trials)
      if (trial.swept.front().second == "1e-4" && trial.index % 3 != 0)
        trial.status = TrialStatus::Diverged;
    const QString text = repeatSummary(run).text;
    QVERIFY2(text.contains("beyond seed noise: 2 others") &&
                 text.contains("; 1 other without two finished seeds"),
             qPrintable(text));
  }

  void runsWithoutRepeatsSayNothing() {
    RunSummary run = runWithGridPoints({0.7, 0.6, 0.5, 0.4});
    run.trials = {run.trials[0], run.trials[3], run.trials[6], run.trials[9]};
    QVERIFY(repeatSummary(run).text.isEmpty());
    QVERIFY(repeatSummary(run).details.isEmpty());
  }
};

QTEST_GUILESS_MAIN(tst_repeat_summary)
#include "tst_repeat_summary.moc"
