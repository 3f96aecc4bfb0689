// numpy's legacy RandomState seeds MT19937 with init_genrand, exactly what std::mt19937 does for
// a 32-bit seed, so the raw 32-bit stream is shared and only the shuffle needs writing out.
#include "data/sklearn_split.h"

#include <cmath>
#include <numeric>
#include <random>
#include <utility>

namespace sweeplab {
namespace {

// numpy's random_interval for max < 2^32: draw masked 32-bit values until one is <= max.
std::uint32_t randomInterval(std::mt19937& engine, std::uint32_t max) {
  if (max == 0) return 0;
  std::uint32_t mask = max;
  mask |= mask >> 1;
  mask |= mask >> 2;
  mask |= mask >> 4;
  mask |= mask >> 8;
  mask |= mask >> 16;
  std::uint32_t value = 0;
  do {
    value = static_cast<std::uint32_t>(engine()) & mask;
  } while (value > max);
  return value;
}

}  // namespace

std::vector<std::int64_t> numpyLegacyPermutation(std::int64_t n, std::uint32_t seed) {
  std::vector<std::int64_t> permutation(static_cast<std::size_t>(std::max<std::int64_t>(n, 0)));
  std::iota(permutation.begin(), permutation.end(), std::int64_t{0});
  std::mt19937 engine(seed);
  for (std::int64_t i = n - 1; i >= 1; --i) {
    const std::int64_t j = randomInterval(engine, static_cast<std::uint32_t>(i));
    std::swap(permutation[i], permutation[j]);
  }
  return permutation;
}

SplitIndices trainTestSplit(std::int64_t n, double test_fraction, std::uint32_t seed) {
  const std::vector<std::int64_t> permutation = numpyLegacyPermutation(n, seed);
  const auto n_test = static_cast<std::int64_t>(std::ceil(test_fraction * static_cast<double>(n)));
  SplitIndices split;
  split.test.assign(permutation.begin(), permutation.begin() + n_test);
  split.train.assign(permutation.begin() + n_test, permutation.end());
  return split;
}

}  // namespace sweeplab
