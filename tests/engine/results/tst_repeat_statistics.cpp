// Seed-repeat statistics: the Student-t CDF against published quantiles, closed forms and
// numerical integration; Welch's test against R's t.test output; the tables built from them.
#include <QtTest>

#include <cmath>

#include "sweeplab/repeat_statistics.h"
#include "sweeplab/results_table.h"

using namespace sweeplab;

namespace {

// Student's t density, integrated by Simpson's rule: an independent route to the CDF.
double integratedCdf(double t, double df) {
  const double logNorm =
      std::lgamma((df + 1) / 2) - std::lgamma(df / 2) - 0.5 * std::log(df * M_PI);
  const auto pdf = [&](double x) {
    return std::exp(logNorm - (df + 1) / 2 * std::log1p(x * x / df));
  };
  const int n = 20000;
  const double h = t / n;
  double sum = pdf(0) + pdf(t);
  for (int i = 1; i < n; ++i) sum += pdf(i * h) * (i % 2 ? 4 : 2);
  return 0.5 + sum * h / 3;
}

TrialSummary trial(int index, const std::string& batch, int seed, double testAcc,
                   TrialStatus status = TrialStatus::Finished) {
  TrialSummary t;
  t.index = index;
  t.swept = {{"training.batch_size", batch}};
  t.label = "batch_size=" + batch + " seed=" + std::to_string(seed);
  t.seed = seed;
  t.repeat = seed;
  t.status = status;
  t.test_acc = testAcc;
  t.test_loss = 1 - testAcc;
  t.best_val_acc = testAcc - 0.01;
  return t;
}

int countOf(const std::string& text, const std::string& part) {
  int count = 0;
  for (size_t at = text.find(part); at != std::string::npos; at = text.find(part, at + 1)) ++count;
  return count;
}

}  // namespace

class tst_repeat_statistics : public QObject {
  Q_OBJECT

 private Q_SLOTS:
  void studentTCdfMatchesPublishedQuantiles_data() {
    QTest::addColumn<double>("t");
    QTest::addColumn<double>("df");
    QTest::addColumn<double>("expected");
    // Quantiles of Student's t (as printed in tables and by R's qt()).
    QTest::newRow("t(0.95, 1)") << 6.313751514675043 << 1.0 << 0.95;
    QTest::newRow("t(0.995, 3)") << 5.840909309733350 << 3.0 << 0.995;
    QTest::newRow("t(0.975, 10)") << 2.228138851986273 << 10.0 << 0.975;
    QTest::newRow("t(0.975, 30)") << 2.042272456301238 << 30.0 << 0.975;
    QTest::newRow("t(0.9, 5)") << 1.475884048824481 << 5.0 << 0.9;
    QTest::newRow("t(0.025, 10)") << -2.228138851986273 << 10.0 << 0.025;
    // Closed forms: df = 1 is Cauchy, df = 2 is 1/2 + t / (2 sqrt(2 + t^2)).
    QTest::newRow("Cauchy at 1") << 1.0 << 1.0 << 0.75;
    QTest::newRow("Cauchy at -3") << -3.0 << 1.0 << 0.5 + std::atan(-3.0) / M_PI;
    QTest::newRow("df 2 at 1") << 1.0 << 2.0 << 0.5 + 1 / (2 * std::sqrt(3.0));
    QTest::newRow("df 2 at 0.3") << 0.3 << 2.0 << 0.5 + 0.3 / (2 * std::sqrt(2.09));
    QTest::newRow("centre") << 0.0 << 7.0 << 0.5;
    // A huge df is the normal distribution, less the first term of the expansion in 1/df.
    const double z = 1.959963984540054, df = 1e8;
    QTest::newRow("normal 97.5%") << z << df
                                  << 0.975 - (z * z * z + z) * std::exp(-z * z / 2) /
                                                 std::sqrt(2 * M_PI) / (4 * df);
    // A far tail keeps its relative precision: Cauchy's is atan(1 / |t|) / pi.
    QTest::newRow("Cauchy far tail") << -1000.0 << 1.0 << std::atan(1e-3) / M_PI;
  }

  void studentTCdfMatchesPublishedQuantiles() {
    QFETCH(double, t);
    QFETCH(double, df);
    QFETCH(double, expected);
    const double cdf = studentTCdf(t, df);
    QVERIFY2(
        std::fabs(cdf - expected) < 1e-9 * std::max(1.0, 1 / expected),
        qPrintable(QString("cdf %1, expected %2").arg(cdf, 0, 'g', 15).arg(expected, 0, 'g', 15)));
  }

  // Welch's degrees of freedom are not whole numbers: check those against the density.
  void studentTCdfForFractionalDegreesOfFreedom() {
    for (double df : {0.7, 2.5, 4.7, 7.3, 17.776}) {
      for (double t : {0.25, 1.0, 2.5, 6.0}) {
        const double expected = integratedCdf(t, df);
        QVERIFY2(std::fabs(studentTCdf(t, df) - expected) < 1e-9,
                 qPrintable(QString("df %1 t %2").arg(df).arg(t)));
        QVERIFY(std::fabs(studentTCdf(-t, df) - (1 - expected)) < 1e-9);
      }
    }
  }

  void incompleteBetaClosedForms() {
    for (double x : {0.01, 0.2, 0.5, 0.8, 0.99}) {
      QVERIFY(std::fabs(regularizedIncompleteBeta(1, 1, x) - x) < 1e-13);
      QVERIFY(std::fabs(regularizedIncompleteBeta(3, 1, x) - std::pow(x, 3)) < 1e-13);
      QVERIFY(std::fabs(regularizedIncompleteBeta(1, 4, x) - (1 - std::pow(1 - x, 4))) < 1e-13);
    }
    QVERIFY(std::fabs(regularizedIncompleteBeta(7.5, 7.5, 0.5) - 0.5) < 1e-13);
    QCOMPARE(regularizedIncompleteBeta(2, 3, 0), 0.0);
    QCOMPARE(regularizedIncompleteBeta(2, 3, 1), 1.0);
    QVERIFY(std::isnan(regularizedIncompleteBeta(-1, 3, 0.5)));
  }

  // R: t.test(extra ~ group, data = sleep) -> t = -1.8608, df = 17.776, p-value = 0.07939
  void welchMatchesRSleepData() {
    const std::vector<double> a = {0.7, -1.6, -0.2, -1.2, -0.1, 3.4, 3.7, 0.8, 0.0, 2.0};
    const std::vector<double> b = {1.9, 0.8, 1.1, 0.1, -0.1, 4.4, 5.5, 1.6, 4.6, 3.4};
    const WelchTest w = welchTTest(a, b);
    QVERIFY(w.valid);
    QVERIFY(std::fabs(w.t - -1.8608) < 5e-5);
    QVERIFY(std::fabs(w.df - 17.776) < 5e-4);
    QVERIFY(std::fabs(w.p_value - 0.07939) < 5e-6);
    QVERIFY(std::fabs(w.difference - -1.58) < 1e-12);
    QVERIFY(!w.significant());
  }

  // R: t.test(mpg ~ am, data = mtcars) -> t = -3.7671, df = 18.332, p-value = 0.001374
  void welchMatchesRMtcars() {
    const std::vector<double> automatic = {21.4, 18.7, 18.1, 14.3, 24.4, 22.8, 19.2,
                                           17.8, 16.4, 17.3, 15.2, 10.4, 10.4, 14.7,
                                           21.5, 15.5, 15.2, 13.3, 19.2};
    const std::vector<double> manual = {21.0, 21.0, 22.8, 32.4, 30.4, 33.9, 27.3,
                                        26.0, 30.4, 15.8, 19.7, 15.0, 21.4};
    const WelchTest w = welchTTest(automatic, manual);
    QVERIFY(std::fabs(w.t - -3.7671) < 5e-5);
    QVERIFY(std::fabs(w.df - 18.332) < 5e-4);
    QVERIFY(std::fabs(w.p_value - 0.001374) < 5e-7);
    QVERIFY(w.significant());
  }

  void welchNeedsTwoValuesEachAndHandlesNoSpread() {
    QVERIFY(!welchTTest({0.5}, {0.4, 0.6}).valid);
    QVERIFY(!welchTTest({0.5, kNoValue}, {0.4, 0.6}).valid);  // NaN values are skipped
    const WelchTest same = welchTTest({0.7, 0.7}, {0.7, 0.7});
    QCOMPARE(same.p_value, 1.0);
    QVERIFY(!same.significant());
    const WelchTest exact = welchTTest({0.8, 0.8}, {0.7, 0.7});
    QCOMPARE(exact.p_value, 0.0);
    QVERIFY(exact.significant());
  }

  void meanAndSampleStandardDeviation() {
    const MeanStd s = meanStd({2, 4, 4, 4, 5, 5, 7, 9});
    QCOMPARE(s.n, 8);
    QCOMPARE(s.mean, 5.0);
    QVERIFY(std::fabs(s.std - std::sqrt(32.0 / 7)) < 1e-14);
    QVERIFY(std::isnan(meanStd({1.0}).std));
  }

  // Grid points gather their seeds; a diverged seed does not count towards the statistics.
  void gridPointsGatherTheirSeeds() {
    RunSummary run;
    run.trials = {trial(0, "64", 0, 0.70),  trial(1, "64", 1, 0.72),
                  trial(2, "64", 2, 0.71),  trial(3, "256", 0, 0.60),
                  trial(4, "256", 1, 0.61), trial(5, "256", 2, kNoValue, TrialStatus::Diverged)};
    const std::vector<GridPointStatistics> points = repeatStatistics(run);
    QCOMPARE(points.size(), size_t(2));
    QCOMPARE(points[0].label, std::string("batch_size=64"));
    QCOMPARE(points[0].trials, (std::vector<int>{0, 1, 2}));
    QCOMPARE(points[0].test_acc.n, 3);
    QVERIFY(std::fabs(points[0].test_acc.mean - 0.71) < 1e-12);
    QVERIFY(std::fabs(points[0].test_acc.std - 0.01) < 1e-12);
    QCOMPARE(points[1].finished, 2);
    QCOMPARE(points[1].trials.size(), size_t(3));

    const std::vector<RepeatComparison> comparisons = compareWithBest(points);
    QCOMPARE(comparisons.size(), size_t(1));
    QCOMPARE(comparisons[0].better, 0);
    QVERIFY(comparisons[0].test.significant());  // 0.71 ± 0.01 against 0.605 ± 0.007

    const std::string table = formatResultsTable(run, TableFormat::Markdown);
    QVERIFY(table.find("| batch_size=64  |   3/3 | 0.7100 ± 0.0100 |") != std::string::npos);
    QVERIFY(table.find("| batch_size=256 |   2/3 | 0.6050 ± 0.0071 |") != std::string::npos);
    QVERIFY(table.find("| batch_size=64 vs batch_size=256 |    +0.1050 |") != std::string::npos);
    QVERIFY(table.find("| yes ") != std::string::npos);

    // The LaTeX table carries the same section, signs in math mode, labels escaped.
    const std::string latex = formatResultsTable(run, TableFormat::Latex);
    QVERIFY(latex.find("batch\\_size=64 & 3/3 & 0.7100 $\\pm$ 0.0100 &") != std::string::npos);
    QVERIFY(latex.find("$\\Delta$ test acc") != std::string::npos);
    QVERIFY(latex.find("batch\\_size=64 vs batch\\_size=256 & +0.1050 &") != std::string::npos);
    QCOMPARE(countOf(latex, "\\begin{tabular}"), 3);
    QCOMPARE(countOf(latex, "\\end{tabular}"), 3);

    const QStringList csv =
        QString::fromStdString(formatResultsTable(run, TableFormat::RepeatsCsv)).split('\n');
    QVERIFY(csv[0].startsWith("grid_point,trials,finished,test_acc_mean,test_acc_std"));
    QVERIFY(csv[1].startsWith("batch_size=64,3,3,0.71,"));
    QVERIFY(csv[2].startsWith("batch_size=256,3,2,0.605,"));
    QVERIFY(csv[2].contains(",batch_size=64,-0.105,"));
  }

  // A study of seeds alone (nothing swept) has one grid point, named for what it holds.
  void seedsAloneAreOneGridPoint() {
    RunSummary run;
    for (int seed = 0; seed < 3; ++seed) {
      run.trials.push_back(trial(seed, "64", seed, 0.70 + 0.01 * seed));
      run.trials.back().swept.clear();
      run.trials.back().label = "seed=" + std::to_string(seed);
    }
    const std::vector<GridPointStatistics> points = repeatStatistics(run);
    QCOMPARE(points.size(), size_t(1));
    QCOMPARE(points[0].label, std::string("all seeds"));
    const std::string table = formatResultsTable(run, TableFormat::Markdown);
    QVERIFY(table.find("| all seeds  |   3/3 | 0.7100 ± 0.0100 |") != std::string::npos);
  }

  // Without repeats the tables stay as they were: no statistics section.
  void noSectionWithoutRepeats() {
    RunSummary run;
    run.trials = {trial(0, "64", 0, 0.70), trial(1, "256", 0, 0.60)};
    QVERIFY(!hasSeedRepeats(run));
    QVERIFY(formatResultsTable(run, TableFormat::Markdown).find("Seed repeats") ==
            std::string::npos);
    QCOMPARE(countOf(formatResultsTable(run, TableFormat::Latex), "\\begin{tabular}"), 1);
  }
};

QTEST_APPLESS_MAIN(tst_repeat_statistics)
#include "tst_repeat_statistics.moc"
