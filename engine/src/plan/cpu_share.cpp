#include "plan/cpu_share.h"

#include <time.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <thread>
#include <vector>

namespace sweeplab {
namespace {

double threadCpuSeconds() {
  timespec time{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &time);
  return static_cast<double>(time.tv_sec) + 1e-9 * static_cast<double>(time.tv_nsec);
}

}  // namespace

double measureCpuShare(int threads, double seconds) {
  threads = std::max(1, threads);
  std::vector<double> shares(threads, 1.0);
  std::vector<std::thread> pool;
  for (int t = 0; t < threads; ++t) {
    pool.emplace_back([&shares, t, seconds] {
      const auto start = std::chrono::steady_clock::now();
      const double cpuStart = threadCpuSeconds();
      std::atomic<unsigned> spin{0};
      double wall = 0;
      while (wall < seconds) {
        for (int i = 0; i < 10000; ++i) spin.fetch_add(1, std::memory_order_relaxed);
        wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
      }
      shares[t] = std::clamp((threadCpuSeconds() - cpuStart) / wall, 0.05, 1.0);
    });
  }
  for (std::thread& thread : pool) thread.join();
  double sum = 0;
  for (double share : shares) sum += share;
  return sum / threads;
}

}  // namespace sweeplab
