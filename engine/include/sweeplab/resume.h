// Finishing a sweep whose process ended early (killed, power lost, stopped): which trials of a
// run folder still have to run. The trials keep their index, so they train with the same seeds
// and swept values as they would have in the uninterrupted sweep.
#pragma once

#include <string>
#include <vector>

#include "sweeplab/experiment_spec.h"
#include "sweeplab/metrics.h"

namespace sweeplab {

// Finished, pruned and diverged trials are results and stay. Every other status runs again: queued and
// interrupted ones never ended; stopped ones were cut short by a person stopping the sweep;
// failed ones mostly failed for a reason outside the trial (memory, a device, a full disk),
// and a failure that is in the settings costs only a moment to report again.
bool trialNeedsRerun(TrialStatus status);

struct ResumePlan {
  std::string run_dir;
  ExperimentSpec spec;  // read from the folder's experiment.yaml
  // The run as readRunSummary gives it (run.json and the trial records, or an older folder's
  // summary.json); without either (the process died before writing them), every trial of the
  // experiment is listed as queued.
  RunSummary previous;
  std::vector<int> rerun;  // trial indices, ascending; empty: nothing to resume
  std::vector<int> kept;   // finished and diverged trials, left as they are

  // Nothing to train and the sweep's end is on record (derived from the trial records; an older
  // folder's summary.json says it). When an older folder's trials all ended but its process died
  // before recording the end, resuming still completes the folder and the store.
  bool nothingToDo() const {
    return rerun.empty() && (!previous.finished_at.empty() || previous.writer_pid == 0);
  }
};

// Throws InputError when `runDir` is not a run folder (no experiment.yaml), its files cannot
// be read, or the sweep is still running in a live process.
ResumePlan planResume(const std::string& runDir);

}  // namespace sweeplab
