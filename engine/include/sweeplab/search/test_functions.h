// Standard test functions of black-box optimisation, for the samplers' tests and benchmarks.
#pragma once

#include <cmath>
#include <vector>

#include "sweeplab/search/sampler.h"

namespace sweeplab::search::testfunctions {

// Branin-Hoo on x1 in [-5, 10], x2 in [0, 15]; global minimum 0.397887 at three points.
inline double branin(const std::vector<double>& x) {
  const double pi = 3.14159265358979323846;
  const double b = 5.1 / (4.0 * pi * pi);
  const double c = 5.0 / pi;
  const double t = 1.0 / (8.0 * pi);
  const double u = x[1] - b * x[0] * x[0] + c * x[0] - 6.0;
  return u * u + 10.0 * (1.0 - t) * std::cos(x[0]) + 10.0;
}
constexpr double kBraninMinimum = 0.397887357729739;

inline SearchSpace braninSpace() {
  return {{"x1", Distribution::uniform(-5.0, 10.0)}, {"x2", Distribution::uniform(0.0, 15.0)}};
}

// Hartmann 6-D on [0, 1]^6; global minimum -3.32237 at
// (0.20169, 0.150011, 0.476874, 0.275332, 0.311652, 0.6573).
inline double hartmann6(const std::vector<double>& x) {
  static const double alpha[4] = {1.0, 1.2, 3.0, 3.2};
  static const double a[4][6] = {{10, 3, 17, 3.5, 1.7, 8},
                                 {0.05, 10, 17, 0.1, 8, 14},
                                 {3, 3.5, 1.7, 10, 17, 8},
                                 {17, 8, 0.05, 10, 0.1, 14}};
  static const double p[4][6] = {{0.1312, 0.1696, 0.5569, 0.0124, 0.8283, 0.5886},
                                 {0.2329, 0.4135, 0.8307, 0.3736, 0.1004, 0.9991},
                                 {0.2348, 0.1451, 0.3522, 0.2883, 0.3047, 0.6650},
                                 {0.4047, 0.8828, 0.8732, 0.5743, 0.1091, 0.0381}};
  double sum = 0.0;
  for (int i = 0; i < 4; ++i) {
    double inner = 0.0;
    for (int j = 0; j < 6; ++j) inner += a[i][j] * (x[j] - p[i][j]) * (x[j] - p[i][j]);
    sum += alpha[i] * std::exp(-inner);
  }
  return -sum;
}
constexpr double kHartmann6Minimum = -3.32236801141551;

inline SearchSpace hartmann6Space() {
  SearchSpace space;
  for (int j = 1; j <= 6; ++j)
    space.push_back({"x" + std::to_string(j), Distribution::uniform(0.0, 1.0)});
  return space;
}

}  // namespace sweeplab::search::testfunctions
