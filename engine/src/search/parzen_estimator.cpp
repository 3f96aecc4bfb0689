// Follows optuna/samplers/_tpe/parzen_estimator.py of Optuna 3.1 with its default parameters
// (consider_prior, consider_magic_clip, consider_endpoints off, univariate). One deliberate
// difference: int_log_uniform keys use the probability of the integer's cell [k - 0.5, k + 0.5]
// in log space, as Optuna does since optuna#6258, where 3.1 used the density at log k (the
// change made no measurable difference to Optuna's results).
#include "search/parzen_estimator.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>

#include "search/truncated_normal.h"

namespace sweeplab::search {

namespace {

constexpr double kMinusInfinity = -std::numeric_limits<double>::infinity();

double logSumExp(const std::vector<double>& terms) {
  const double largest = *std::max_element(terms.begin(), terms.end());
  if (largest == kMinusInfinity) return largest;
  double sum = 0.0;
  for (double term : terms) sum += std::exp(term - largest);
  return largest + std::log(sum);
}

}  // namespace

ParzenEstimator::ParzenEstimator(const Distribution& distribution,
                                 const std::vector<double>& observations,
                                 const std::vector<double>& weights, double priorWeight,
                                 bool normalizedKernels)
    : distribution_(distribution), normalizedKernels_(normalizedKernels), weights_(weights) {
  const size_t n = observations.size();
  weights_.push_back(priorWeight);
  const double total = std::accumulate(weights_.begin(), weights_.end(), 0.0);
  for (double& weight : weights_) weight /= total;

  if (distribution.kind() == DistributionKind::Choice) {
    // Each observation's row: its choice plus the prior's mass spread over all choices.
    const size_t choices = distribution.choices().size();
    const double smoothing = priorWeight / static_cast<double>(n + 1);
    choiceWeights_.assign(n + 1, std::vector<double>(choices, smoothing));
    for (size_t i = 0; i < n; ++i) choiceWeights_[i][static_cast<size_t>(observations[i])] += 1.0;
    for (auto& row : choiceWeights_) {
      const double rowTotal = std::accumulate(row.begin(), row.end(), 0.0);
      for (double& p : row) p /= rowTotal;
    }
    return;
  }

  switch (distribution.kind()) {
    case DistributionKind::LogUniform:
      low_ = std::log(distribution.low());
      high_ = std::log(distribution.high());
      break;
    case DistributionKind::IntLogUniform:
      low_ = std::log(distribution.low() - 0.5);
      high_ = std::log(distribution.high() + 0.5);
      break;
    default:
      step_ = distribution.step().value_or(0.0);
      low_ = distribution.low() - 0.5 * step_;
      high_ = distribution.high() + 0.5 * step_;
  }

  // Kernels at the observations and the prior at the middle; each kernel's width is the larger
  // gap to its sorted neighbours (the range's ends count as neighbours, except that the
  // outermost kernels use their inner gap: consider_endpoints=False).
  mus_.resize(n + 1);
  for (size_t i = 0; i < n; ++i)
    mus_[i] = distribution.isLog() ? std::log(observations[i]) : observations[i];
  mus_[n] = 0.5 * (low_ + high_);
  std::vector<size_t> order(n + 1);
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(),
                   [&](size_t a, size_t b) { return mus_[a] < mus_[b]; });
  std::vector<double> withEnds{low_};
  for (size_t index : order) withEnds.push_back(mus_[index]);
  withEnds.push_back(high_);
  std::vector<double> sortedSigmas(n + 1);
  for (size_t i = 0; i <= n; ++i)
    sortedSigmas[i] = std::max(withEnds[i + 1] - withEnds[i], withEnds[i + 2] - withEnds[i + 1]);
  if (withEnds.size() >= 4) {
    sortedSigmas.front() = withEnds[2] - withEnds[1];
    sortedSigmas.back() = withEnds[withEnds.size() - 2] - withEnds[withEnds.size() - 3];
  }
  // Magic clip: no kernel narrower than the range over min(100, components + 1).
  const double range = high_ - low_;
  const double minSigma = range / std::min(100.0, 1.0 + static_cast<double>(n + 1));
  sigmas_.resize(n + 1);
  for (size_t i = 0; i <= n; ++i) sigmas_[order[i]] = std::clamp(sortedSigmas[i], minSigma, range);
  sigmas_[n] = range;  // the prior spans the whole range
}

int ParzenEstimator::pickComponent(double u) const {
  double cumulative = 0.0;
  for (size_t i = 0; i < weights_.size(); ++i) {
    cumulative += weights_[i];
    if (cumulative > u) return static_cast<int>(i);
  }
  return static_cast<int>(weights_.size() - 1);
}

double ParzenEstimator::untransform(double x) const {
  const Distribution& d = distribution_;
  double value = x;
  if (d.isLog()) value = std::exp(x);
  if (d.kind() == DistributionKind::IntLogUniform) value = std::round(value);
  if (step_ > 0.0) value = std::round((x - d.low()) / step_) * step_ + d.low();
  return d.canonical(std::clamp(value, d.low(), d.high()));
}

std::vector<double> ParzenEstimator::sample(UniformSource& source, int count) const {
  std::vector<double> samples;
  samples.reserve(static_cast<size_t>(count));
  for (int s = 0; s < count; ++s) {
    const auto component = static_cast<size_t>(pickComponent(source.next()));
    const double u = source.next();
    if (!choiceWeights_.empty()) {
      const auto& row = choiceWeights_[component];
      double cumulative = 0.0;
      size_t choice = 0;
      while (choice + 1 < row.size() && (cumulative += row[choice]) < u) ++choice;
      samples.push_back(static_cast<double>(choice));
      continue;
    }
    const double mu = mus_[component];
    const double sigma = sigmas_[component];
    const double z = truncnorm::ppf(u, (low_ - mu) / sigma, (high_ - mu) / sigma);
    samples.push_back(untransform(mu + sigma * z));
  }
  return samples;
}

double ParzenEstimator::componentLogPdf(int component, double value) const {
  const auto i = static_cast<size_t>(component);
  if (!choiceWeights_.empty()) return std::log(choiceWeights_[i][static_cast<size_t>(value)]);
  const double mu = mus_[i];
  const double sigma = sigmas_[i];
  const Distribution& d = distribution_;
  if (step_ == 0.0 && d.kind() != DistributionKind::IntLogUniform) {
    const double x = d.isLog() ? std::log(value) : value;
    const double density = truncnorm::logPdf(x, low_, high_, mu, sigma);
    return normalizedKernels_ ? density : density + std::log(sigma);
  }
  // A discrete value: the kernel's mass over the value's cell, relative to its mass in range.
  double lower = value - 0.5 * step_;
  double upper = value + 0.5 * step_;
  if (d.kind() == DistributionKind::IntLogUniform) {
    lower = std::log(value - 0.5);
    upper = std::log(value + 0.5);
  }
  lower = std::max(lower, low_);
  upper = std::min(upper, high_);
  return truncnorm::logGaussMass((lower - mu) / sigma, (upper - mu) / sigma) -
         truncnorm::logGaussMass((low_ - mu) / sigma, (high_ - mu) / sigma);
}

double ParzenEstimator::logPdf(double value) const {
  std::vector<double> terms(weights_.size());
  for (size_t i = 0; i < weights_.size(); ++i)
    terms[i] = std::log(weights_[i]) + componentLogPdf(static_cast<int>(i), value);
  return logSumExp(terms);
}

}  // namespace sweeplab::search
