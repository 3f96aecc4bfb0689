#include "train/permutation_draws.h"

#include <ATen/ATen.h>

#include <algorithm>
#include <atomic>
#include <exception>
#include <stdexcept>
#include <thread>

namespace sweeplab {

void drawPermutations(int64_t rows, const std::vector<at::Generator*>& generators,
                      const std::vector<at::Tensor>& targets) {
  if (generators.size() != targets.size())
    throw std::invalid_argument("drawPermutations: one target per generator");
  const size_t threads =
      std::min<size_t>(generators.size(), std::max(1u, std::thread::hardware_concurrency()));
  std::atomic<size_t> next{0};
  std::exception_ptr failure;
  std::atomic<bool> failed{false};
  const auto work = [&] {
    try {
      for (size_t i = next++; i < generators.size() && !failed; i = next++) {
        at::Tensor target = targets[i];
        at::randperm_out(target, rows, *generators[i]);
      }
    } catch (...) {
      if (!failed.exchange(true)) failure = std::current_exception();
    }
  };
  std::vector<std::thread> pool;
  for (size_t t = 1; t < threads; ++t) pool.emplace_back(work);
  work();  // the calling thread draws too
  for (std::thread& thread : pool) thread.join();
  if (failure) std::rethrow_exception(failure);
}

}  // namespace sweeplab
