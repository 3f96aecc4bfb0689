// The univariate Parzen estimator of TPE for one key: a weighted mixture of truncated normals
// (one per observation plus a broad prior) for numbers, or of smoothed one-hot rows for choices.
#pragma once

#include <vector>

#include "sweeplab/search/distribution.h"

namespace sweeplab::search {

class ParzenEstimator {
 public:
  // `observations` are internal values in trial order; `weights` one per observation.
  // Without `normalizedKernels` a continuous kernel's density lacks its 1 / sigma factor, as
  // in Optuna 3.1 (see TpeOptions::normalizedKernels).
  ParzenEstimator(const Distribution& distribution, const std::vector<double>& observations,
                  const std::vector<double>& weights, double priorWeight,
                  bool normalizedKernels = true);

  // Draws in internal values (rounded to the key's grid, canonical texts).
  std::vector<double> sample(UniformSource& source, int count) const;
  // log of the density (numbers) or probability (integers, steps, choices) at an internal value.
  double logPdf(double value) const;

 private:
  int pickComponent(double u) const;
  double untransform(double x) const;
  double componentLogPdf(int component, double value) const;

  const Distribution& distribution_;
  bool normalizedKernels_;
  std::vector<double> weights_;  // normalised; the prior's is last
  // Numbers, in the space the kernels live in (the logarithm for log keys).
  double low_ = 0.0;
  double high_ = 0.0;
  double step_ = 0.0;  // > 0: an integer or stepped key, whose values own cells of this width
  std::vector<double> mus_;
  std::vector<double> sigmas_;
  // Choices: per component, the probability of each choice.
  std::vector<std::vector<double>> choiceWeights_;
};

}  // namespace sweeplab::search
