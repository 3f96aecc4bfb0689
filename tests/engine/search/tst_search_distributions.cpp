// Every distribution draws within its bounds with the right law (Kolmogorov-Smirnov and
// chi-square checks with fixed seeds), the same numbers for the same seed, texts that parse
// back to the same values, and refuses contradictions with a message that says what to write.
#include <QtTest>

#include <algorithm>
#include <cmath>
#include <functional>
#include <limits>
#include <map>

#include "distribution_checks.h"
#include "sweeplab/errors.h"
#include "sweeplab/search/distribution.h"

using namespace sweeplab;
using namespace sweeplab::search;
using sweeplab::test::chiSquare;
using sweeplab::test::ksCritical;
using sweeplab::test::ksDistance;

namespace {

constexpr int kDraws = 5000;

std::vector<double> draw(const Distribution& d, std::uint64_t seed, int count = kDraws) {
  SeededUniformSource source(seed, 0);
  std::vector<double> values;
  for (int i = 0; i < count; ++i) values.push_back(d.sample(source));
  return values;
}

// The 1 % critical value of the KS distance for this many draws.
const double kKsCritical = ksCritical(kDraws);

}  // namespace

class tst_search_distributions : public QObject {
  Q_OBJECT

 private Q_SLOTS:
  void drawsStayInBoundsAndTextsRoundTrip();
  void sameSeedSameDraws();
  void uniformIsUniform();
  void logUniformIsUniformInTheLogarithm();
  void intUniformGivesEveryStepEqually();
  void intLogUniformFollowsTheLogCells();
  void steppedUniformAndChoiceAreUniformOnTheirValues();
  void textsAreTheGridsTexts();
  void rejectsContradictions_data();
  void rejectsContradictions();
  void parseRefusesForeignTexts();
};

void tst_search_distributions::drawsStayInBoundsAndTextsRoundTrip() {
  const std::vector<Distribution> all = {
      Distribution::uniform(-5, 10),        Distribution::uniform(0, 1, 0.1),
      Distribution::logUniform(1e-5, 1e-1), Distribution::intUniform(16, 512, 16),
      Distribution::intLogUniform(32, 512), Distribution::choice({"[64, 32]", "[128]", "[]"})};
  for (const auto& d : all) {
    for (double v : draw(d, 7, 2000)) {
      QVERIFY2(v >= d.low() && v <= d.high(), qPrintable(QString::fromStdString(d.describe())));
      QCOMPARE(d.parse(d.format(v)), v);
    }
  }
}

void tst_search_distributions::sameSeedSameDraws() {
  const auto d = Distribution::logUniform(1e-4, 1);
  QCOMPARE(draw(d, 3, 100), draw(d, 3, 100));
  QVERIFY(draw(d, 3, 100) != draw(d, 4, 100));
  // Neighbouring streams of one seed are independent too.
  SeededUniformSource a(3, 0);
  SeededUniformSource b(3, 1);
  QVERIFY(a.next() != b.next());
}

void tst_search_distributions::uniformIsUniform() {
  const auto values = draw(Distribution::uniform(-5, 10), 11);
  QVERIFY(ksDistance(values, [](double x) { return (x + 5) / 15; }) < kKsCritical);
  // The check can fail: the same draws are far from a uniform law on [-5, 20].
  QVERIFY(ksDistance(values, [](double x) { return (x + 5) / 25; }) > kKsCritical);
}

void tst_search_distributions::logUniformIsUniformInTheLogarithm() {
  const auto values = draw(Distribution::logUniform(1e-5, 1e-1), 12);
  const auto logCdf = [](double x) { return (std::log(x) - std::log(1e-5)) / std::log(1e4); };
  QVERIFY(ksDistance(values, logCdf) < kKsCritical);
  // Not uniform in the value itself.
  QVERIFY(ksDistance(values, [](double x) { return (x - 1e-5) / (1e-1 - 1e-5); }) > 0.5);
}

void tst_search_distributions::intUniformGivesEveryStepEqually() {
  std::map<double, double> expected;
  for (int v = 1; v <= 10; ++v) expected[v] = 0.1;
  QVERIFY(chiSquare(draw(Distribution::intUniform(1, 10), 13), expected) < 27.88);  // df 9, 0.1 %
  std::map<double, double> stepped{{0, 0.2}, {3, 0.2}, {6, 0.2}, {9, 0.2}, {12, 0.2}};
  QVERIFY(chiSquare(draw(Distribution::intUniform(0, 12, 3), 14), stepped) < 18.47);  // df 4
}

void tst_search_distributions::intLogUniformFollowsTheLogCells() {
  // Integer k owns [k - 0.5, k + 0.5] of a law uniform in the logarithm over [0.5, 32.5].
  std::map<double, double> expected;
  for (int k = 1; k <= 32; ++k)
    expected[k] = std::log((k + 0.5) / (k - 0.5)) / std::log(32.5 / 0.5);
  const auto values = draw(Distribution::intLogUniform(1, 32), 15);
  QVERIFY(chiSquare(values, expected) < 61.10);  // df 31, 0.1 %
  std::map<double, double> flat;
  for (int k = 1; k <= 32; ++k) flat[k] = 1.0 / 32;
  QVERIFY(chiSquare(values, flat) > 61.10);
}

void tst_search_distributions::steppedUniformAndChoiceAreUniformOnTheirValues() {
  std::map<double, double> quarters{{0, 0.2}, {0.25, 0.2}, {0.5, 0.2}, {0.75, 0.2}, {1, 0.2}};
  QVERIFY(chiSquare(draw(Distribution::uniform(0, 1, 0.25), 16), quarters) < 18.47);
  std::map<double, double> thirds{{0, 1.0 / 3}, {1, 1.0 / 3}, {2, 1.0 / 3}};
  QVERIFY(chiSquare(draw(Distribution::choice({"a", "b", "c"}), 17), thirds) < 13.82);  // df 2
}

void tst_search_distributions::textsAreTheGridsTexts() {
  QCOMPARE(shortestText(0.001), std::string("0.001"));
  QCOMPARE(shortestText(1e-5), std::string("1e-05"));
  QCOMPARE(shortestText(0.1 + 0.2), std::string("0.30000000000000004"));  // exact, not rounded
  const auto stepped = Distribution::uniform(0, 1, 0.1);
  QCOMPARE(stepped.format(3 * 0.1), std::string("0.3"));  // a step's float noise is dropped
  QCOMPARE(stepped.canonical(3 * 0.1), 0.3);
  QCOMPARE(Distribution::intLogUniform(32, 512).format(64), std::string("64"));
  const auto widths = Distribution::choice({"[64, 32]", "[128]"});
  QCOMPARE(widths.format(0), std::string("[64, 32]"));
  QCOMPARE(widths.parse("[128]"), 1.0);
  QCOMPARE(Distribution::logUniform(1e-5, 0.1).describe(), std::string("log_uniform [1e-05, 0.1]"));
}

void tst_search_distributions::rejectsContradictions_data() {
  QTest::addColumn<QString>("which");
  QTest::addColumn<QString>("says");
  QTest::newRow("empty uniform") << "uniform 1 1"
                                 << "the range is empty";
  QTest::newRow("reversed uniform") << "uniform 2 1"
                                    << "write it as a list: [2]";
  QTest::newRow("infinite bound") << "uniform inf"
                                  << "finite";
  QTest::newRow("step not dividing") << "uniform step"
                                     << "use a high bound of 0.9";
  QTest::newRow("negative step") << "uniform negative step"
                                 << "positive";
  QTest::newRow("log from zero") << "log 0"
                                 << "above 0";
  QTest::newRow("empty log") << "log 1 1"
                             << "the range is empty";
  QTest::newRow("int step not dividing") << "int step"
                                         << "use a high bound of 9";
  QTest::newRow("int step zero") << "int step 0"
                                 << "1 or more";
  QTest::newRow("int log from zero") << "int log 0"
                                     << "1 or more";
  QTest::newRow("no choices") << "choice none"
                              << "at least one";
  QTest::newRow("choice twice") << "choice twice"
                                << "listed twice";
}

void tst_search_distributions::rejectsContradictions() {
  QFETCH(QString, which);
  QFETCH(QString, says);
  const std::map<QString, std::function<void()>> make = {
      {"uniform 1 1", [] { Distribution::uniform(1, 1); }},
      {"uniform 2 1", [] { Distribution::uniform(2, 1); }},
      {"uniform inf", [] { Distribution::uniform(0, INFINITY); }},
      {"uniform step", [] { Distribution::uniform(0, 1, 0.3); }},
      {"uniform negative step", [] { Distribution::uniform(0, 1, -0.5); }},
      {"log 0", [] { Distribution::logUniform(0, 1); }},
      {"log 1 1", [] { Distribution::logUniform(1, 1); }},
      {"int step", [] { Distribution::intUniform(1, 10, 4); }},
      {"int step 0", [] { Distribution::intUniform(1, 10, 0); }},
      {"int log 0", [] { Distribution::intLogUniform(0, 10); }},
      {"choice none", [] { Distribution::choice({}); }},
      {"choice twice",
       [] {
         Distribution::choice({"64", "32", "64"});
       }},
  };
  try {
    make.at(which)();
    QFAIL("accepted");
  } catch (const InputError& error) {
    QVERIFY2(QString(error.what()).contains(says), error.what());
  }
}

void tst_search_distributions::parseRefusesForeignTexts() {
  QVERIFY_THROWS_EXCEPTION(InputError, Distribution::intUniform(1, 10).parse("2.5"));
  QVERIFY_THROWS_EXCEPTION(InputError, Distribution::intUniform(1, 10).parse("11"));
  QVERIFY_THROWS_EXCEPTION(InputError, Distribution::uniform(0, 1).parse("0.5x"));
  QVERIFY_THROWS_EXCEPTION(InputError, Distribution::choice({"a"}).parse("b"));
  QCOMPARE(Distribution::uniform(0, 1).parse("0.5"), 0.5);
}

QTEST_APPLESS_MAIN(tst_search_distributions)
#include "tst_search_distributions.moc"
