// Samplers suggest the next trial's values over a search space: random search (each trial's
// values depend on the seed and the trial's index only) and TPE (Bergstra et al. 2011, with the
// defaults of Optuna's TPESampler). A sampler keeps no state between calls: everything it needs
// is passed in, so a study rebuilt from its stored trials gets the same suggestions again, and
// several workers may ask at once.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "sweeplab/search/distribution.h"

namespace sweeplab::search {

struct SearchKey {
  std::string key;  // "training.learning_rate"
  Distribution distribution;
};
using SearchSpace = std::vector<SearchKey>;

enum class Direction { Minimize, Maximize };

// A trial whose result is known. `values` are internal values in the order of the space (parse
// the stored texts with Distribution::parse). A pruned trial carries the last value it reported
// and the step (epoch) it stopped at; a completed trial ranks before every pruned one, and a
// trial pruned later before one pruned earlier, as in Optuna. A non-finite objective ranks last.
struct FinishedTrial {
  int index = 0;
  std::vector<double> values;
  double objective = 0.0;
  std::optional<int> prunedAtStep;
};

// A trial that has been handed out and is still running.
struct PendingTrial {
  int index = 0;
  std::vector<double> values;
};

// One suggestion: the texts a trial gets (as the grid's swept values) and their internal values.
struct Suggestion {
  std::vector<std::pair<std::string, std::string>> swept;
  std::vector<double> values;
};

class Sampler {
 public:
  explicit Sampler(SearchSpace space);
  virtual ~Sampler() = default;

  // Values for trial `trialIndex` (0-based) given every finished trial and every trial still
  // running. Thread-safe; the same arguments always give the same suggestion.
  virtual Suggestion suggest(int trialIndex, const std::vector<FinishedTrial>& finished,
                             const std::vector<PendingTrial>& pending) const = 0;

  const SearchSpace& space() const { return space_; }
  // Internal values of stored texts, in the order of the space; InputError if a key is missing.
  std::vector<double> parse(const std::vector<std::pair<std::string, std::string>>& swept) const;

 protected:
  Suggestion makeSuggestion(const std::vector<double>& values) const;

 private:
  SearchSpace space_;
};

// Trial i draws from its own stream (seed, i): independent of how many trials run at a time,
// of the order they are asked for and of the results.
class RandomSampler : public Sampler {
 public:
  RandomSampler(SearchSpace space, std::uint64_t seed);
  Suggestion suggest(int trialIndex, const std::vector<FinishedTrial>& finished,
                     const std::vector<PendingTrial>& pending) const override;

 private:
  std::uint64_t seed_;
};

// Optuna 3.1's TPESampler defaults (univariate, consider_prior, consider_magic_clip, no
// consider_endpoints, the default gamma and weights); constant_liar is on, so pending trials
// count as the worst results and parallel workers are steered away from each other's points.
struct TpeOptions {
  int startupTrials = 10;    // random search until this many trials have finished
  int eiCandidates = 24;     // candidates drawn from l(x) per key; the best l(x)/g(x) wins
  double priorWeight = 1.0;  // weight of the prior component of each Parzen estimator
  bool constantLiar = true;
  // Optuna 3.1 evaluates a continuous kernel's truncated normal density without its 1 / sigma
  // factor (optuna#5109; Optuna 3.5 adds it). The published estimator has it, yet at 50 trials
  // 3.1's form found better values on Branin and Hartmann-6 (docs/search.md), so it is kept by
  // default; true gives the normalised kernels.
  bool normalizedKernels = false;
};

class TpeSampler : public Sampler {
 public:
  TpeSampler(SearchSpace space, std::uint64_t seed, Direction direction, TpeOptions options = {});
  Suggestion suggest(int trialIndex, const std::vector<FinishedTrial>& finished,
                     const std::vector<PendingTrial>& pending) const override;

  // Optuna's default gamma: the number of "good" trials among n finished, min(ceil(n/10), 25).
  static int goodCount(int finished);
  // Optuna's default weights of n observations in trial order: 1 for the newest 25, a linear
  // ramp from 1/n up to 1 for older ones.
  static std::vector<double> observationWeights(int n);

 private:
  RandomSampler startup_;
  std::uint64_t seed_;
  Direction direction_;
  TpeOptions options_;
};

}  // namespace sweeplab::search
