// Where a sweep's next trial comes from: the grid's list, random draws, or TPE suggestions that
// learn from the trials finished so far. A runner asks next() whenever a worker is free, passing
// what has finished and what is still running; grid and random give the same trials as
// expandTrials, tpe suggests each point from the results before it (trials still running count
// as pending, so that parallel workers are steered apart).
//
// A source keeps no state between calls: a sweep resumed from its stored trials gets the same
// trials again, and with one trial at a time a tpe study is reproducible from its seed. Repeats
// of a point (trials p * repeats .. p * repeats + repeats - 1) share its values: the point is
// suggested when its first repeat is asked for, and later repeats copy it.
#pragma once

#include <memory>
#include <optional>
#include <vector>

#include "sweeplab/experiment_spec.h"
#include "sweeplab/metrics.h"
#include "sweeplab/search/sampler.h"
#include "sweeplab/trial.h"

namespace sweeplab::search {

class TrialSource {
 public:
  virtual ~TrialSource() = default;

  // Trials in the whole study: grid points or search.trials, times repeats.
  virtual int trialCount() const = 0;

  // The lowest-numbered trial that is neither finished nor pending, or nullopt when every trial
  // has been handed out. `finished` are the summaries of ended trials (finished, pruned,
  // diverged or failed ones teach tpe; stopped and interrupted ones only count as handed out),
  // `pending` the trials still running. Throws SpecError when a suggested value does not fit
  // the experiment (validation makes that rare), InputError when a trial's stored values are not
  // values of the sweep.
  virtual std::optional<TrialSpec> next(const std::vector<TrialSummary>& finished,
                                        const std::vector<TrialSpec>& pending) const = 0;
};

// The source for the file's search.method. Validates the spec first (throws SpecError).
std::unique_ptr<TrialSource> makeTrialSource(const ExperimentSpec& spec);

// Every trial listed in advance: the grid, or random search (expandTrials' trials, in order).
class ListedSource : public TrialSource {
 public:
  explicit ListedSource(std::vector<TrialSpec> trials);
  int trialCount() const override;
  std::optional<TrialSpec> next(const std::vector<TrialSummary>& finished,
                                const std::vector<TrialSpec>& pending) const override;

 private:
  std::vector<TrialSpec> trials_;
};

// The grid over the swept lists, first axis slowest.
class GridSource : public ListedSource {
 public:
  explicit GridSource(const ExperimentSpec& spec);
};

// search.trials points drawn at random; point i depends on i and the search seed only.
class RandomSource : public ListedSource {
 public:
  explicit RandomSource(const ExperimentSpec& spec);
};

// TPE over the sweep's distributions, optimising search.objective.
class TpeSource : public TrialSource {
 public:
  explicit TpeSource(const ExperimentSpec& spec);
  ~TpeSource() override;
  int trialCount() const override;
  std::optional<TrialSpec> next(const std::vector<TrialSummary>& finished,
                                const std::vector<TrialSpec>& pending) const override;

 private:
  ExperimentSpec spec_;
  std::unique_ptr<TpeSampler> sampler_;
};

}  // namespace sweeplab::search
