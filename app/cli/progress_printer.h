// Progress of a sweep as lines on a terminal or in a log: one line when a trial starts, one per
// epoch with a sweep-wide ETA, one when it ends.
#pragma once

#include <chrono>
#include <cstdio>
#include <map>
#include <mutex>
#include <string>
#include <vector>

#include "sweeplab/run_observer.h"

namespace sweeplab::cli {

class ProgressPrinter : public RunObserver {
 public:
  // `selected`: 0-based indices of the trials that will run; empty means all of them.
  ProgressPrinter(std::FILE* out, bool quiet, std::vector<int> selected);

  void sweepStarted(const SweepInfo& info) override;
  void status(const std::string& message) override;
  void groupStarted(const std::vector<int>& trials) override;
  void trialStarted(int trial) override;
  void metricPoints(int trial, const std::vector<MetricPoint>& points) override;
  void trialProgress(int trial, const TrialProgress& progress) override;
  void trialFinished(int trial, const TrialSummary& summary) override;

  // For messages from other threads (the Ctrl+C watcher), so lines never interleave.
  void printLine(const std::string& line);

 private:
  struct TrialState {
    double train_acc = kNoValue;
    double val_acc = kNoValue;
    double val_loss = kNoValue;
    long long steps_done = 0;
    long long total_steps = 0;  // 0 until the trial reports it
    int max_epochs = 0;
    bool finished = false;
    bool dead_class_reported = false;  // the diagnostic is said once per trial
  };

  std::string prefix(int trial) const;  // "[2/5] batch_size=64"
  long long estimatedSteps(int trial) const;
  std::string etaText() const;
  void write(const std::string& line);

  std::FILE* out_;
  bool quiet_;
  std::vector<int> selected_;
  std::vector<TrialSpec> trials_;
  std::vector<std::string> classNames_;
  std::map<int, TrialState> states_;
  std::chrono::steady_clock::time_point trainingStart_;
  std::mutex mutex_;
};

}  // namespace sweeplab::cli
