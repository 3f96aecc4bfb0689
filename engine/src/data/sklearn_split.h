// Row splits identical to scikit-learn's train_test_split(test_size=f, random_state=seed)
// without stratification, so results line up with MASE and LogicNets for the same seed.
#pragma once

#include <cstdint>
#include <vector>

namespace sweeplab {

// numpy.random.RandomState(seed).permutation(n): Mersenne Twister with numpy's legacy seeding
// and its Fisher-Yates shuffle with masked rejection sampling.
std::vector<std::int64_t> numpyLegacyPermutation(std::int64_t n, std::uint32_t seed);

struct SplitIndices {
  std::vector<std::int64_t> train;  // in permutation order, as sklearn returns them
  std::vector<std::int64_t> test;
};

// sklearn ShuffleSplit: n_test = ceil(test_fraction * n), test = perm[:n_test],
// train = perm[n_test:].
SplitIndices trainTestSplit(std::int64_t n, double test_fraction, std::uint32_t seed);

}  // namespace sweeplab
