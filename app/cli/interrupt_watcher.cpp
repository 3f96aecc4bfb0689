// The handler only counts signals (a lock-free atomic is safe there); a thread polls the count
// and does the real work, because requestStop() and printing are not async-signal-safe.
#include "interrupt_watcher.h"

#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstring>

namespace sweeplab::cli {
namespace {

std::atomic<int> interruptCount{0};
static_assert(std::atomic<int>::is_always_lock_free, "the signal handler needs a lock-free flag");

extern "C" void onInterruptSignal(int) {
  if (interruptCount.fetch_add(1) > 0) {
    static const char message[] = "\nsweeplab-cli: interrupted again, quitting now\n";
    const ssize_t ignored = ::write(STDERR_FILENO, message, sizeof message - 1);
    (void)ignored;
    ::_exit(130);
  }
}

}  // namespace

InterruptWatcher::InterruptWatcher(std::function<void()> onFirstInterrupt)
    : onFirstInterrupt_(std::move(onFirstInterrupt)) {
  interruptCount = 0;
  struct sigaction action {};
  action.sa_handler = onInterruptSignal;
  sigemptyset(&action.sa_mask);
  action.sa_flags = SA_RESTART;
  sigaction(SIGINT, &action, &previousInt_);
  sigaction(SIGTERM, &action, &previousTerm_);
  thread_ = std::thread([this] { watch(); });
}

InterruptWatcher::~InterruptWatcher() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    done_ = true;
  }
  wake_.notify_all();
  thread_.join();
  sigaction(SIGINT, &previousInt_, nullptr);
  sigaction(SIGTERM, &previousTerm_, nullptr);
}

void InterruptWatcher::watch() {
  std::unique_lock<std::mutex> lock(mutex_);
  while (!done_) {
    wake_.wait_for(lock, std::chrono::milliseconds(100));
    if (!done_ && interruptCount.load() > 0) {
      lock.unlock();
      onFirstInterrupt_();
      lock.lock();
      // Stay until the run ends; a second signal is handled by the handler itself.
      wake_.wait(lock, [this] { return done_; });
    }
  }
}

}  // namespace sweeplab::cli
