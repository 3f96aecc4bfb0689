// Permutations of the training rows for many trials at once, each from its own generator, drawn
// on all of the machine's cores. A full-size permutation takes a few milliseconds on one core, so
// a group of a thousand trials on a GPU would otherwise wait seconds at each epoch's start while
// one host thread shuffles.
#pragma once

#include <ATen/core/Generator.h>
#include <ATen/core/Tensor.h>

#include <vector>

namespace sweeplab {

// Writes at::randperm(rows, *generators[i]) into targets[i] (an int64 CPU tensor of `rows`
// elements) for every i: the same numbers a draw on one thread would give, since each generator
// is used by one thread only, in its own order.
void drawPermutations(int64_t rows, const std::vector<at::Generator*>& generators,
                      const std::vector<at::Tensor>& targets);

}  // namespace sweeplab
