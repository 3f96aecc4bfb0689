// What every step timing shares: how long it warms up and measures, the clock it reads, and the
// start line that lets copies side by side start together.
#pragma once

#include <time.h>

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <mutex>

namespace sweeplab {

constexpr int64_t kWarmupSteps = 20;  // first steps allocate buffers and fill caches
constexpr int64_t kTimedSteps = 300;
constexpr int kMaxWholeEpochs = 50;

// A trial on one intra-op thread is timed by that thread's CPU time: a moment when another
// process had the core is not the pace of the study, while what trials side by side cost each
// other (memory bandwidth, shared caches) still shows as longer steps. With more threads the
// work runs on the others, so the wall clock is the measure.
class StopWatch {
 public:
  explicit StopWatch(bool threadCpu) : threadCpu_(threadCpu) {}
  double now() const {
    if (threadCpu_) {
      timespec time{};
      clock_gettime(CLOCK_THREAD_CPUTIME_ID, &time);
      return static_cast<double>(time.tv_sec) + 1e-9 * static_cast<double>(time.tv_nsec);
    }
    return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch())
        .count();
  }

 private:
  const bool threadCpu_;
};

// Lets the copies start together, so that they share the machine throughout.
class StartLine {
 public:
  explicit StartLine(int count) : waiting_(count) {}
  void arriveAndWait() {
    std::unique_lock<std::mutex> lock(mutex_);
    if (--waiting_ == 0) {
      ready_.notify_all();
      return;
    }
    ready_.wait(lock, [this] { return waiting_ == 0; });
  }

 private:
  std::mutex mutex_;
  std::condition_variable ready_;
  int waiting_;
};

}  // namespace sweeplab
