// Goodness-of-fit checks for drawn values: the Kolmogorov-Smirnov distance against a continuous
// CDF and Pearson's chi-square against discrete probabilities. Shared by the distribution tests
// and the tests of random search through the experiment file.
#pragma once

#include <algorithm>
#include <cmath>
#include <functional>
#include <limits>
#include <map>
#include <vector>

namespace sweeplab::test {

// Kolmogorov-Smirnov distance between the sample and a continuous CDF.
inline double ksDistance(std::vector<double> values, const std::function<double(double)>& cdf) {
  std::sort(values.begin(), values.end());
  const double n = static_cast<double>(values.size());
  double distance = 0.0;
  for (size_t i = 0; i < values.size(); ++i) {
    const double f = cdf(values[i]);
    distance = std::max({distance, f - i / n, (i + 1) / n - f});
  }
  return distance;
}

// The 1 % critical value of the KS distance for a large sample of `n` values.
inline double ksCritical(int n) {
  return 1.63 / std::sqrt(static_cast<double>(n));
}

// Pearson's chi-square of counts per value against expected probabilities; infinite when a
// value lies off the expected grid.
inline double chiSquare(const std::vector<double>& values,
                        const std::map<double, double>& expected) {
  std::map<double, int> counts;
  for (double v : values) ++counts[v];
  double chi = 0.0;
  for (const auto& [value, p] : expected) {
    const double e = p * static_cast<double>(values.size());
    chi += (counts[value] - e) * (counts[value] - e) / e;
    counts.erase(value);
  }
  return counts.empty() ? chi : std::numeric_limits<double>::infinity();
}

}  // namespace sweeplab::test
