// Runs every trial of an experiment: one copy of the dataset, trials one after another or N at a
// time, files in a run folder, progress through a RunObserver. Torch stays behind the pimpl.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "sweeplab/dataset.h"
#include "sweeplab/experiment_spec.h"
#include "sweeplab/metrics.h"
#include "sweeplab/resume.h"
#include "sweeplab/run_observer.h"

namespace sweeplab {

struct RunOptions {
  std::string out_dir = "runs";               // the run folder is created inside it
  std::string device;                         // overrides the experiment's device when not empty
  std::vector<int> only_trials;               // run only these trial indices (empty: all)
  std::string cache_dir = defaultCacheDir();  // dataset cache; empty disables it
  bool write_files = true;                    // false: nothing on disk (tests, previews)
  bool resident_loop = false;  // the CPU trains with the GPU's loop (tests compare the two)
  // Set: continue that run folder instead of creating one. Only the plan's rerun trials train
  // (narrowed further by only_trials); its kept trials stay in summary.json as they were.
  std::shared_ptr<const ResumePlan> resume;
};

class SweepRunner {
 public:
  // Expands and validates the trials at once: throws SpecError before anything trains.
  SweepRunner(ExperimentSpec spec, RunOptions options, RunObserver* observer = nullptr);
  ~SweepRunner();
  SweepRunner(const SweepRunner&) = delete;
  SweepRunner& operator=(const SweepRunner&) = delete;

  // Blocks until every trial has ended. Throws InputError when the data cannot be loaded;
  // a failing or diverging trial does not throw: it is recorded and the sweep goes on.
  RunSummary run();

  // Thread-safe; honoured at the next optimizer step.
  void requestStop();
  void stopTrial(int index);

  const std::vector<TrialSpec>& trials() const;
  std::string runDirectory() const;  // known once run() has started

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace sweeplab
