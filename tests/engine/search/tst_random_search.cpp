// Random search: trial i's values depend on the seed and i only, so they do not change with the
// number of parallel workers, the order trials are asked for, or the results so far.
#include <QtTest>

#include <algorithm>
#include <numeric>
#include <random>

#include "sweeplab/errors.h"
#include "sweeplab/search/sampler.h"

using namespace sweeplab;
using namespace sweeplab::search;

namespace {

SearchSpace labSpace() {
  return {{"training.learning_rate", Distribution::logUniform(1e-5, 1e-1)},
          {"training.batch_size", Distribution::choice({"32", "64", "128", "256"})},
          {"training.weight_decay", Distribution::logUniform(1e-6, 1e-2)},
          {"model.hidden", Distribution::choice({"[64, 32]", "[128]", "[32, 32, 32]"})},
          {"training.max_epochs", Distribution::intUniform(5, 50, 5)}};
}

}  // namespace

class tst_random_search : public QObject {
  Q_OBJECT

 private Q_SLOTS:
  void trialValuesIgnoreOrderAndResults();
  void seedDecidesTheStudy();
  void textsParseBackToTheValues();
  void refusesBadSpaces();
};

void tst_random_search::trialValuesIgnoreOrderAndResults() {
  const RandomSampler sampler(labSpace(), 2024);
  std::vector<Suggestion> inOrder;
  for (int i = 0; i < 40; ++i) inOrder.push_back(sampler.suggest(i, {}, {}));

  // Asked in a shuffled order, as parallel workers finishing at random would ask, with
  // results and running trials passed along: the same values for every trial.
  std::vector<int> order(40);
  std::iota(order.begin(), order.end(), 0);
  std::shuffle(order.begin(), order.end(), std::mt19937(5));
  std::vector<FinishedTrial> finished;
  std::vector<PendingTrial> pending;
  for (int i : order) {
    const Suggestion s = sampler.suggest(i, finished, pending);
    QCOMPARE(s.swept, inOrder[static_cast<size_t>(i)].swept);
    QCOMPARE(s.values, inOrder[static_cast<size_t>(i)].values);
    if (i % 2)
      finished.push_back({i, s.values, 0.5 * i, std::nullopt});
    else
      pending.push_back({i, s.values});
  }
  // Trials differ from each other.
  QVERIFY(inOrder[0].swept != inOrder[1].swept);
}

void tst_random_search::seedDecidesTheStudy() {
  const RandomSampler a(labSpace(), 1);
  const RandomSampler again(labSpace(), 1);
  const RandomSampler other(labSpace(), 2);
  QCOMPARE(a.suggest(7, {}, {}).swept, again.suggest(7, {}, {}).swept);
  QVERIFY(a.suggest(7, {}, {}).values != other.suggest(7, {}, {}).values);
}

void tst_random_search::textsParseBackToTheValues() {
  const RandomSampler sampler(labSpace(), 9);
  for (int i = 0; i < 50; ++i) {
    const Suggestion s = sampler.suggest(i, {}, {});
    QCOMPARE(s.swept.size(), size_t(5));
    QCOMPARE(s.swept[0].first, std::string("training.learning_rate"));
    QCOMPARE(sampler.parse(s.swept), s.values);
  }
  QVERIFY_THROWS_EXCEPTION(InputError, sampler.parse({{"training.learning_rate", "0.01"}}));
}

void tst_random_search::refusesBadSpaces() {
  QVERIFY_THROWS_EXCEPTION(InputError, RandomSampler({}, 1));
  QVERIFY_THROWS_EXCEPTION(
      InputError,
      RandomSampler({{"a", Distribution::uniform(0, 1)}, {"a", Distribution::uniform(0, 2)}}, 1));
}

QTEST_APPLESS_MAIN(tst_random_search)
#include "tst_random_search.moc"
