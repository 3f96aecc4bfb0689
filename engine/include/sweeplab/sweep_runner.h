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
  // (narrowed further by only_trials); its kept trials stay as their records say.
  std::shared_ptr<const ResumePlan> resume;
  // Set: train only_trials into this existing run folder, which another process owns (see
  // trainTrialsInRunFolder); out_dir and resume are then not used, and the folder's own dataset
  // cache (<task_run_dir>/dataset-cache), when there is one, replaces cache_dir.
  std::string task_run_dir;
};

// A run is recorded one way, whoever trains its trials: the process that creates the folder
// (or resumes it) owns it and writes experiment.yaml and run.json; each trial's folder is
// written only by the process training that trial (trial.json at its start and end, metrics.csv
// at each epoch's end, checkpoints); summary.json is derived from them by the owner. A local
// run() is: create the folder and run.json, train the trials as below, write summary.json.
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

// Trains the trials `trials` (0-based indices) of the run folder `runDir`, which another process
// created and owns (a Slurm array task's entry point: `sweeplab-cli run-task`). Reads the
// experiment from the folder's experiment.yaml; prepares the dataset with the folder's own cache
// (<runDir>/dataset-cache) when it has one, else options.cache_dir, and refuses data that differ
// from run.json's fingerprint. Trials whose record says they ended with a result (finished,
// diverged) are skipped, so a requeued task resumes rather than restarts; any other trial's
// folder is cleared and the trial trains again. Writes only those trials' folders, never
// run.json or summary.json. Returns the run as readRunSummary gives it afterwards. Throws
// InputError for a folder that is not a run folder (no experiment.yaml or run.json) or an index
// that is not one of its trials, and SpecError for an experiment file that does not validate.
RunSummary trainTrialsInRunFolder(const std::string& runDir, const std::vector<int>& trials,
                                  RunOptions options = {}, RunObserver* observer = nullptr);

}  // namespace sweeplab
