// Which trial a free worker trains next. Grid and random studies list their trials in advance
// and the workers take them in order, as always; a tpe study asks its TrialSource for each
// trial when a worker is free, with the ended trials' results and the running trials' values,
// so that one worker's study follows from the seed and parallel workers are steered apart.
#pragma once

#include <memory>
#include <optional>
#include <set>
#include <vector>

#include "sweeplab/metrics.h"
#include "sweeplab/search/trial_source.h"
#include "sweeplab/trial.h"

namespace sweeplab {

class TrialScheduler {
 public:
  // `order`: the trial indices this process trains, in order (all of a new run, a resume's
  // rerun trials, a task's trials). Throws InputError for a tpe study of a task.
  TrialScheduler(const ExperimentSpec& spec, std::vector<int> order, bool taskMode);

  // The next trial to train, or nullopt when none is left; `trials` gets the suggestion of a tpe
  // trial. `summaries` holds every trial's current summary (ended ones teach tpe), `running` the
  // indices being trained now. `stopping`: the sweep is ending, so a tpe trial is handed out
  // without a suggestion (it will be recorded as not started). Not thread-safe: the runner calls
  // it under its mutex.
  std::optional<int> take(std::vector<TrialSpec>& trials,
                          const std::vector<TrialSummary>& summaries, const std::set<int>& running,
                          bool stopping);

 private:
  std::vector<int> order_;
  size_t next_ = 0;                                   // grid and random: position in order_
  std::unique_ptr<search::TrialSource> suggestions_;  // tpe only
};

}  // namespace sweeplab
