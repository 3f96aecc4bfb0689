// The trials of a searched study: random search through the experiment file draws each key with
// its law and within its bounds, reproducibly from search.seed and whatever parallel_trials is,
// repeats each point over seeds and labels it shortly; the trial sources hand out the grid,
// random and TPE trials one at a time, headless, with scripted results.
#include <QtTest>

#include <cmath>

#include "../search/distribution_checks.h"
#include "sweeplab/errors.h"
#include "sweeplab/experiment_io.h"
#include "sweeplab/search/trial_source.h"
#include "sweeplab/trial.h"

using namespace sweeplab;
using sweeplab::test::chiSquare;
using sweeplab::test::ksCritical;
using sweeplab::test::ksDistance;

namespace {

ExperimentSpec randomStudy(int trials, const std::string& extra = {}) {
  return loadExperimentText(
      "name: r\n"
      "model: {name: mlp, hidden: [8]}\n"
      "search: {method: random, trials: " +
          std::to_string(trials) + ", seed: 11}\n" + extra +
          "sweep:\n"
          "  training.learning_rate: {log_uniform: [1e-5, 1e-1]}\n"
          "  training.weight_decay: {uniform: [0, 0.01]}\n"
          "  training.batch_size: {int_uniform: [16, 64], step: 16}\n"
          "  model.hidden: {choice: [[64, 32], [16]]}\n",
      "r.yaml");
}

std::vector<std::vector<std::pair<std::string, std::string>>> sweptOf(
    const std::vector<TrialSpec>& trials) {
  std::vector<std::vector<std::pair<std::string, std::string>>> out;
  for (const TrialSpec& trial : trials) out.push_back(trial.swept);
  return out;
}

// A scripted training: the objective (best_val_acc) peaks at learning rate 1e-3.
TrialSummary trained(const TrialSpec& trial) {
  TrialSummary summary;
  summary.index = trial.index;
  summary.swept = trial.swept;
  summary.status = TrialStatus::Finished;
  const double distance = std::log10(trial.spec.training.learning_rate) + 3.0;
  summary.best_val_acc = 0.8 - 0.05 * distance * distance;
  return summary;
}

std::vector<TrialSpec> runOneAtATime(const search::TrialSource& source) {
  std::vector<TrialSummary> finished;
  std::vector<TrialSpec> order;
  while (const auto trial = source.next(finished, {})) {
    order.push_back(*trial);
    finished.push_back(trained(*trial));
  }
  return order;
}

}  // namespace

class tst_searched_trials : public QObject {
  Q_OBJECT

 private Q_SLOTS:
  void randomDrawsFollowEachLawWithinBounds();
  void randomIsReproducibleBySeedAndIndependentOfParallelTrials();
  void repeatsRepeatEachDrawnPoint();
  void labelsShowShortValues();
  void tpeCannotBeListedInAdvance();
  void gridSourceHandsOutTheGrid();
  void randomSourceHandsOutTheRandomTrials();
  void tpeSourceLearnsAndIsReproducible();
  void tpeSourceRepeatsShareTheirPoint();
};

void tst_searched_trials::randomDrawsFollowEachLawWithinBounds() {
  const int n = 2000;
  const std::vector<TrialSpec> trials = expandTrials(randomStudy(n));
  QCOMPARE(static_cast<int>(trials.size()), n);
  std::vector<double> logRates, decays, batches, hidden;
  for (const TrialSpec& trial : trials) {
    const TrainingSpec& t = trial.spec.training;
    QVERIFY(t.learning_rate >= 1e-5 && t.learning_rate <= 1e-1);
    QVERIFY(t.weight_decay >= 0 && t.weight_decay <= 0.01);
    logRates.push_back(std::log10(t.learning_rate));
    decays.push_back(t.weight_decay);
    batches.push_back(t.batch_size);
    hidden.push_back(trial.spec.model.hidden.size() == 2 ? 0 : 1);
    QVERIFY(trial.spec.search.method == SearchMethod::Grid);  // a trial is one training run
    QVERIFY(trial.spec.sweep.empty());
  }
  // Log-uniform: uniform in the logarithm; uniform: uniform; stepped and choices: equally likely.
  QVERIFY(ksDistance(logRates, [](double x) { return (x + 5) / 4; }) < ksCritical(n));
  QVERIFY(ksDistance(decays, [](double x) { return x / 0.01; }) < ksCritical(n));
  QVERIFY(chiSquare(batches, {{16, 0.25}, {32, 0.25}, {48, 0.25}, {64, 0.25}}) < 16.27);  // df 3
  QVERIFY(chiSquare(hidden, {{0, 0.5}, {1, 0.5}}) < 10.83);  // df 1, 0.1 %
}

void tst_searched_trials::randomIsReproducibleBySeedAndIndependentOfParallelTrials() {
  const auto first = sweptOf(expandTrials(randomStudy(20)));
  QCOMPARE(sweptOf(expandTrials(randomStudy(20))), first);
  QCOMPARE(sweptOf(expandTrials(randomStudy(20, "parallel_trials: 4\n"))), first);
  // Trial i depends on i and the seed only: a shorter study is a prefix of a longer one.
  const auto shorter = sweptOf(expandTrials(randomStudy(7)));
  QVERIFY(std::equal(shorter.begin(), shorter.end(), first.begin()));
  ExperimentSpec reseeded = randomStudy(20);
  reseeded.search.seed = 12;
  QVERIFY(sweptOf(expandTrials(reseeded)) != first);
  // Without search.seed, training.seed seeds the draws.
  ExperimentSpec unseeded = randomStudy(20);
  unseeded.search.seed.reset();
  unseeded.training.seed = 11;
  QCOMPARE(sweptOf(expandTrials(unseeded)), first);
}

void tst_searched_trials::repeatsRepeatEachDrawnPoint() {
  const std::vector<TrialSpec> trials = expandTrials(randomStudy(4, "repeats: 3\n"));
  QCOMPARE(trials.size(), size_t{12});
  QCOMPARE(trialCount(randomStudy(4, "repeats: 3\n")), 12LL);
  for (size_t i = 0; i < trials.size(); ++i) {
    QCOMPARE(trials[i].index, static_cast<int>(i));
    QCOMPARE(trials[i].repeat, static_cast<int>(i % 3));
    QCOMPARE(trials[i].swept, trials[i - i % 3].swept);
    QCOMPARE(trials[i].spec.training.seed, static_cast<int>(i % 3));
  }
  QVERIFY(trials[0].swept != trials[3].swept);
}

void tst_searched_trials::labelsShowShortValues() {
  const TrialSpec trial = expandTrials(randomStudy(1)).front();
  const std::string label = trial.label();
  QVERIFY2(label.size() < 90, label.c_str());
  const std::string rate = trial.swept[0].second;
  QVERIFY2(rate.size() > 8, rate.c_str());  // the exact text is long ...
  QVERIFY2(label.find("learning_rate=" + rate) == std::string::npos,
           label.c_str());  // ... shown short
  QVERIFY2(QString::fromStdString(label).contains(QRegularExpression(
               "^learning_rate=[0-9.]+(e-[0-9])?, weight_decay=[0-9.e-]+, batch_size=[0-9]+, "
               "hidden=\\[.*\\]$")),
           label.c_str());
  QVERIFY(trial.folderName().size() <= 96);
}

void tst_searched_trials::tpeCannotBeListedInAdvance() {
  ExperimentSpec spec = randomStudy(5);
  spec.search.method = SearchMethod::Tpe;
  try {
    expandTrials(spec);
    QFAIL("expected a SpecError");
  } catch (const SpecError& error) {
    QCOMPARE(error.key(), std::string("search.method"));
  }
  QCOMPARE(trialCount(spec), 5LL);
}

void tst_searched_trials::gridSourceHandsOutTheGrid() {
  const ExperimentSpec spec = loadExperimentText(
      "name: g\nsweep:\n  training.batch_size: [32, 64]\n  training.learning_rate: [0.1, 0.01]\n",
      "g.yaml");
  const auto source = search::makeTrialSource(spec);
  const std::vector<TrialSpec> grid = expandTrials(spec);
  QCOMPARE(source->trialCount(), 4);
  // The lowest index neither finished nor running comes next, whatever order others ended in.
  const auto first = source->next({}, {});
  QCOMPARE(first->index, 0);
  QCOMPARE(first->swept, grid[0].swept);
  TrialSummary ended;
  ended.index = 1;
  ended.status = TrialStatus::Finished;
  const auto next = source->next({ended}, {grid[0]});
  QCOMPARE(next->index, 2);
  QCOMPARE(next->swept, grid[2].swept);
  std::vector<TrialSummary> all(4);
  for (int i = 0; i < 4; ++i) all[i].index = i;
  QVERIFY(!source->next(all, {}));
}

void tst_searched_trials::randomSourceHandsOutTheRandomTrials() {
  const ExperimentSpec spec = randomStudy(6);
  const auto source = search::makeTrialSource(spec);
  QCOMPARE(sweptOf(runOneAtATime(*source)), sweptOf(expandTrials(spec)));
}

void tst_searched_trials::tpeSourceLearnsAndIsReproducible() {
  ExperimentSpec spec = loadExperimentText(
      "name: t\nsearch: {method: tpe, trials: 40, seed: 3}\n"
      "sweep:\n  training.learning_rate: {log_uniform: [1e-5, 1e-1]}\n",
      "t.yaml");
  const auto source = search::makeTrialSource(spec);
  QCOMPARE(source->trialCount(), 40);
  const std::vector<TrialSpec> order = runOneAtATime(*source);
  QCOMPARE(order.size(), size_t{40});
  QCOMPARE(sweptOf(runOneAtATime(*search::makeTrialSource(spec))), sweptOf(order));

  // The start-up trials are random search's; later ones gather near the best rate (1e-3).
  ExperimentSpec random = spec;
  random.search.method = SearchMethod::Random;
  const std::vector<TrialSpec> drawn = expandTrials(random);
  for (int i = 0; i < 10; ++i) QCOMPARE(order[i].swept, drawn[i].swept);
  auto meanDistance = [&](int from, int to) {
    double sum = 0;
    for (int i = from; i < to; ++i)
      sum += std::fabs(std::log10(order[i].spec.training.learning_rate) + 3.0);
    return sum / (to - from);
  };
  QVERIFY2(meanDistance(30, 40) < 0.5 * meanDistance(0, 10),
           qPrintable(QString("%1 vs %2").arg(meanDistance(30, 40)).arg(meanDistance(0, 10))));
}

void tst_searched_trials::tpeSourceRepeatsShareTheirPoint() {
  const ExperimentSpec spec = loadExperimentText(
      "name: t\nrepeats: 2\nsearch: {method: tpe, trials: 3}\n"
      "sweep:\n  training.learning_rate: {log_uniform: [1e-5, 1e-1]}\n",
      "t.yaml");
  const auto source = search::makeTrialSource(spec);
  QCOMPARE(source->trialCount(), 6);
  const TrialSpec first = *source->next({}, {});
  const TrialSpec second = *source->next({}, {first});  // its point is still running
  QCOMPARE(second.index, 1);
  QCOMPARE(second.swept, first.swept);
  QCOMPARE(second.spec.training.seed, first.spec.training.seed + 1);
  const TrialSpec third = *source->next({trained(first)}, {second});
  QCOMPARE(third.index, 2);
  QVERIFY(third.swept != first.swept);
}

QTEST_APPLESS_MAIN(tst_searched_trials)
#include "tst_searched_trials.moc"
