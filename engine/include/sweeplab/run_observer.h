// How a sweep reports while it runs. Callbacks come from worker threads, one at a time (the
// runner serialises them), and must return quickly: copy what you need and hand it over.
#pragma once

#include <string>
#include <vector>

#include "sweeplab/metrics.h"
#include "sweeplab/trial.h"

namespace sweeplab {

struct SweepInfo {
  std::vector<TrialSpec> trials;
  std::string device;                    // "CPU" or the CUDA device's name
  std::string run_dir;                   // empty when nothing is written
  std::string dataset;                   // description of the prepared dataset
  std::vector<std::string> class_names;  // the dataset's classes, in label order
  // A resumed sweep: the run folder is an earlier one, and these trials of it already ended
  // there (finished or diverged) and do not run again.
  bool resumed = false;
  std::vector<TrialSummary> kept;
};

struct TrialProgress {
  int epoch = 0;  // epochs completed
  int max_epochs = 0;
  long long step = 0;         // optimizer steps done
  long long total_steps = 0;  // steps of the whole trial if it is not stopped early
  double wall_seconds = 0;
  std::vector<int> dead_classes;  // the dead-class diagnostic so far (TrialSummary::dead_classes)
};

class RunObserver {
 public:
  virtual ~RunObserver() = default;
  virtual void sweepStarted(const SweepInfo& info) {}
  virtual void status(const std::string& message) {}  // loading data, warnings
  // Trials about to train together as one computation (batching: auto), called once before
  // their trialStarted calls; never for a trial that trains on its own.
  virtual void groupStarted(const std::vector<int>& trials) {}
  virtual void trialStarted(int trial) {}
  virtual void metricPoints(int trial, const std::vector<MetricPoint>& points) {}
  virtual void trialProgress(int trial, const TrialProgress& progress) {}
  virtual void trialFinished(int trial, const TrialSummary& summary) {}
  virtual void sweepFinished(const RunSummary& summary) {}
};

}  // namespace sweeplab
