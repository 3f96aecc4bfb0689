// Which trials a free worker trains next. Grid and random studies list their trials in advance,
// as batches (trials that train together as one group, or one trial alone), and the workers take
// them in order; a tpe study asks its TrialSource for each trial when a worker is free, with the
// ended trials' results and the running trials' values, so that one worker's study follows from
// the seed and parallel workers are steered apart.
#pragma once

#include <memory>
#include <set>
#include <vector>

#include "sweeplab/metrics.h"
#include "sweeplab/search/trial_source.h"
#include "sweeplab/trial.h"

namespace sweeplab {

class TrialScheduler {
 public:
  // `batches`: the trial indices this process trains (all of a new run, a resume's rerun trials,
  // a task's trials), in order, each batch trained together. A tpe study trains one trial at a
  // time, in suggestion order: its batches only name the trials. Throws InputError for a tpe
  // study of a task.
  TrialScheduler(const ExperimentSpec& spec, std::vector<std::vector<int>> batches, bool taskMode);

  // The next batch to train, or empty when none is left; `trials` gets the suggestion of a tpe
  // trial. `summaries` holds every trial's current summary (ended ones teach tpe), `running` the
  // indices being trained now. `stopping`: the sweep is ending, so a tpe trial is handed out
  // without a suggestion (it will be recorded as not started). Not thread-safe: the runner calls
  // it under its mutex.
  std::vector<int> take(std::vector<TrialSpec>& trials, const std::vector<TrialSummary>& summaries,
                        const std::set<int>& running, bool stopping);

 private:
  std::vector<int> suggest(std::vector<TrialSpec>& trials,
                           const std::vector<TrialSummary>& summaries,
                           const std::set<int>& running);

  std::vector<std::vector<int>> batches_;             // grid and random
  std::vector<int> order_;                            // tpe: the trials still to suggest
  size_t next_ = 0;                                   // position in batches_ or order_
  std::unique_ptr<search::TrialSource> suggestions_;  // tpe only
};

}  // namespace sweeplab
