// Ctrl+C during a run: the first one asks the sweep to stop at the next training step (what is
// done is kept and reported), a second one ends the process at once.
#pragma once

#include <signal.h>

#include <condition_variable>
#include <functional>
#include <mutex>
#include <thread>

namespace sweeplab::cli {

class InterruptWatcher {
 public:
  // `onFirstInterrupt` runs on the watcher's own thread, never inside the signal handler.
  explicit InterruptWatcher(std::function<void()> onFirstInterrupt);
  ~InterruptWatcher();  // restores the previous handlers and joins the thread
  InterruptWatcher(const InterruptWatcher&) = delete;
  InterruptWatcher& operator=(const InterruptWatcher&) = delete;

 private:
  void watch();

  std::function<void()> onFirstInterrupt_;
  struct sigaction previousInt_ {};
  struct sigaction previousTerm_ {};
  std::mutex mutex_;
  std::condition_variable wake_;
  bool done_ = false;
  std::thread thread_;
};

}  // namespace sweeplab::cli
