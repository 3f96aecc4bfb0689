// TPE as Optuna 3.1's TPESampler.sample_independent does it, key by key: split the finished
// trials into the best gamma(n) ("below") and the rest ("above", where pending trials join as
// the worst results: the constant liar), fit a Parzen estimator to each, draw candidates from
// the good one and keep the candidate with the largest l(x) / g(x).
#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>

#include "search/parzen_estimator.h"
#include "sweeplab/search/sampler.h"

namespace sweeplab::search {

namespace {

constexpr double kInfinity = std::numeric_limits<double>::infinity();

// Optuna's ranking key (step, value): completed trials first by value, then pruned ones, those
// that got further first; pending trials last.
struct Observation {
  int index;
  const std::vector<double>* values;
  double stepKey;
  double score;
};

// TPE's candidates come from stream 1 of (seed, trial); stream 0 is the random start-up's.
std::uint64_t tpeStream(int trialIndex) {
  return (static_cast<std::uint64_t>(trialIndex) << 1) | 1u;
}

}  // namespace

int TpeSampler::goodCount(int finished) {
  return std::min(static_cast<int>(std::ceil(0.1 * finished)), 25);
}

std::vector<double> TpeSampler::observationWeights(int n) {
  if (n < 25) return std::vector<double>(static_cast<size_t>(n), 1.0);
  std::vector<double> weights;
  const int rampLength = n - 25;
  for (int i = 0; i < rampLength; ++i)  // numpy.linspace(1 / n, 1, n - 25)
    weights.push_back(rampLength == 1 ? 1.0 / n : 1.0 / n + (1.0 - 1.0 / n) * i / (rampLength - 1));
  weights.insert(weights.end(), 25, 1.0);
  return weights;
}

TpeSampler::TpeSampler(SearchSpace space, std::uint64_t seed, Direction direction,
                       TpeOptions options)
    : Sampler(space),
      startup_(space, seed),
      seed_(seed),
      direction_(direction),
      options_(options) {}

Suggestion TpeSampler::suggest(int trialIndex, const std::vector<FinishedTrial>& finished,
                               const std::vector<PendingTrial>& pending) const {
  const int n = static_cast<int>(finished.size());
  if (n < options_.startupTrials) return startup_.suggest(trialIndex, finished, pending);

  const double sign = direction_ == Direction::Minimize ? 1.0 : -1.0;
  std::vector<Observation> observations;
  for (const auto& trial : finished) {
    const double score = std::isfinite(trial.objective) ? sign * trial.objective : kInfinity;
    const double stepKey =
        trial.prunedAtStep ? -static_cast<double>(*trial.prunedAtStep) : -kInfinity;
    observations.push_back({trial.index, &trial.values, stepKey, score});
  }
  if (options_.constantLiar)
    for (const auto& trial : pending)
      observations.push_back({trial.index, &trial.values, kInfinity, kInfinity});
  // Trial order first, so that ties keep it and the weights' ramp runs over it.
  std::stable_sort(observations.begin(), observations.end(),
                   [](const Observation& a, const Observation& b) { return a.index < b.index; });

  std::vector<size_t> ranking(observations.size());
  std::iota(ranking.begin(), ranking.end(), 0);
  std::stable_sort(ranking.begin(), ranking.end(), [&](size_t a, size_t b) {
    const Observation& x = observations[a];
    const Observation& y = observations[b];
    return x.stepKey != y.stepKey ? x.stepKey < y.stepKey : x.score < y.score;
  });
  const auto good = static_cast<size_t>(goodCount(n));
  std::vector<size_t> below(ranking.begin(), ranking.begin() + static_cast<long>(good));
  std::vector<size_t> above(ranking.begin() + static_cast<long>(good), ranking.end());
  std::sort(below.begin(), below.end());  // back to trial order
  std::sort(above.begin(), above.end());
  const std::vector<double> belowWeights = observationWeights(static_cast<int>(below.size()));
  const std::vector<double> aboveWeights = observationWeights(static_cast<int>(above.size()));

  SeededUniformSource source(seed_, tpeStream(trialIndex));
  std::vector<double> values;
  for (size_t k = 0; k < space().size(); ++k) {
    const Distribution& distribution = space()[k].distribution;
    std::vector<double> belowValues;
    std::vector<double> aboveValues;
    for (size_t i : below) belowValues.push_back(observations[i].values->at(k));
    for (size_t i : above) aboveValues.push_back(observations[i].values->at(k));
    const ParzenEstimator l(distribution, belowValues, belowWeights, options_.priorWeight,
                            options_.normalizedKernels);
    const ParzenEstimator g(distribution, aboveValues, aboveWeights, options_.priorWeight,
                            options_.normalizedKernels);
    const std::vector<double> candidates = l.sample(source, options_.eiCandidates);
    double bestScore = -kInfinity;
    double best = candidates.front();
    for (double candidate : candidates) {
      const double score = l.logPdf(candidate) - g.logPdf(candidate);
      if (score > bestScore) {  // the first of equals wins, as numpy.argmax
        bestScore = score;
        best = candidate;
      }
    }
    values.push_back(best);
  }
  return makeSuggestion(values);
}

}  // namespace sweeplab::search
