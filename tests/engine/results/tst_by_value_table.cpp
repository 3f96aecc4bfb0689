// The "by value" results table: its numbers against a hand-built run (means and standard
// deviations worked out here), its three formats and its refusals.
#include <QtTest>

#include "sweeplab/errors.h"
#include "sweeplab/results_table.h"

using namespace sweeplab;

namespace {

TrialSummary trial(const std::string& batch, const std::string& lr, int seed, double testAcc,
                   double wall, TrialStatus status = TrialStatus::Finished) {
  TrialSummary t;
  t.swept = {{"training.batch_size", batch}, {"training.learning_rate", lr}};
  t.seed = seed;
  t.status = status;
  t.test_acc = testAcc;
  t.test_loss = 2 * (1 - testAcc);
  t.best_val_acc = testAcc - 0.02;
  t.wall_seconds = wall;
  return t;
}

// Batch 256 before 32 in file order; batch 32 has three finished trials and a diverged one,
// batch 256 two finished trials and one stopped.
RunSummary run() {
  RunSummary summary;
  summary.trials = {
      trial("256", "1e-3", 0, 0.60, 10),
      trial("256", "1e-3", 1, 0.64, 12),
      trial("256", "1e-1", 0, 0.10, 1, TrialStatus::Stopped),
      trial("32", "1e-3", 0, 0.70, 40),
      trial("32", "1e-3", 1, 0.72, 44),
      trial("32", "1e-1", 0, 0.50, 30),
      trial("32", "1e-1", 1, 0.20, 30, TrialStatus::Diverged),
  };
  for (int i = 0; i < static_cast<int>(summary.trials.size()); ++i) summary.trials[i].index = i;
  return summary;
}

}  // namespace

class tst_by_value_table : public QObject {
  Q_OBJECT

 private Q_SLOTS:
  void markdownRowsAreMeansAndStdsPerValue() {
    const std::string table = formatByValueTable(run(), "batch_size", TableFormat::Markdown);
    // batch 32: test acc 0.70, 0.72, 0.50: mean 0.64, std sqrt(0.0296 / 2) = 0.1217;
    // test loss 0.60, 0.56, 1.00: mean 0.72, std 0.2433; best val 0.62 ± 0.1217;
    // wall 40, 44, 30: mean 38, std sqrt(52) = 7.2.
    const std::string row32 =
        "|         32 |   3 | 0.6400 ± 0.1217 | 0.7200 ± 0.2433 |      0.6200 ± 0.1217 |    38.0 ± "
        "7.2 |";
    // batch 256: 0.60, 0.64: mean 0.62, std 0.0283; loss 0.76 ± 0.0566; wall 11.0 ± 1.4.
    const std::string row256 =
        "|        256 |   2 | 0.6200 ± 0.0283 | 0.7600 ± 0.0566 |      0.6000 ± 0.0283 |    11.0 ± "
        "1.4 |";
    QVERIFY2(table.find(row32) != std::string::npos, table.c_str());
    QVERIFY2(table.find(row256) != std::string::npos, table.c_str());
    QVERIFY(table.find(row32) < table.find(row256));  // numbers ascending, not file order
    QVERIFY(table.rfind("| batch_size |   n |        Test acc |", 0) == 0);
    QVERIFY(table.find("every value of learning_rate") != std::string::npos);
  }

  void csvHasEveryNumberInFull() {
    const std::string csv = formatByValueTable(run(), "training.learning_rate", TableFormat::Csv);
    QCOMPARE(csv,
             std::string("training.learning_rate,trials,finished,test_acc_mean,test_acc_std,"
                         "test_loss_mean,test_loss_std,best_val_acc_mean,best_val_acc_std,"
                         "wall_seconds_mean,wall_seconds_std\n"
                         // 0.60, 0.64, 0.70, 0.72: mean 0.665, std sqrt(0.0091 / 3)
                         "1e-3,4,4,0.665,0.0550757055,0.67,0.110151411,0.645,0.0550757055,26.5,"
                         "17.9907384\n"
                         // one finished trial: no standard deviation
                         "1e-1,3,1,0.5,,1,,0.48,,30,\n"));
  }

  void latexIsATabular() {
    const std::string latex = formatByValueTable(run(), "batch_size", TableFormat::Latex);
    QVERIFY2(
        latex.rfind("\\begin{tabular}{rrrrrr}\n\\toprule\nbatch\\_size & n & Test acc", 0) == 0,
        latex.c_str());
    QVERIFY(latex.find("32 & 3 & 0.6400 $\\pm$ 0.1217 & ") != std::string::npos);
    QVERIFY(latex.find("\\bottomrule\n\\end{tabular}\n") != std::string::npos);
  }

  void categoriesKeepFileOrderAndAlignLeft() {
    RunSummary summary;
    for (const char* model : {"jsc-tiny-x10", "jsc-tiny"}) {
      TrialSummary t = trial("1", "1", 0, 0.7, 5);
      t.swept = {{"model", model}};
      summary.trials.push_back(t);
    }
    const std::string table = formatByValueTable(summary, "model.name", TableFormat::Markdown);
    QVERIFY(table.find("| jsc-tiny-x10 |") < table.find("| jsc-tiny     |"));
    QVERIFY(table.find("| ------------ |") != std::string::npos);  // left-aligned
  }

  void refusesOtherKeysAndFormats() {
    try {
      formatByValueTable(run(), "optimizer", TableFormat::Markdown);
      QFAIL("expected InputError");
    } catch (const InputError& error) {
      QVERIFY2(std::string(error.what())
                       .find("swept: training.batch_size, "
                             "training.learning_rate") != std::string::npos,
               error.what());
    }
    QVERIFY_THROWS_EXCEPTION(InputError,
                             formatByValueTable(run(), "batch_size", TableFormat::Json));
  }
};

QTEST_GUILESS_MAIN(tst_by_value_table)
#include "tst_by_value_table.moc"
