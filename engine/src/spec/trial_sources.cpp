// The trial sources: grid and random hand out expandTrials' list, tpe asks the TPE sampler for
// each point with the objective of every finished trial.
#include <algorithm>
#include <set>

#include "sweeplab/errors.h"
#include "sweeplab/experiment_io.h"
#include "sweeplab/experiment_search.h"
#include "sweeplab/search/sampler.h"
#include "sweeplab/search/trial_source.h"

namespace sweeplab::search {
namespace {

// The lowest trial index in neither list.
int nextIndex(const std::vector<TrialSummary>& finished, const std::vector<TrialSpec>& pending) {
  std::set<int> taken;
  for (const TrialSummary& trial : finished) taken.insert(trial.index);
  for (const TrialSpec& trial : pending) taken.insert(trial.index);
  int index = 0;
  while (taken.count(index)) ++index;
  return index;
}

bool teaches(TrialStatus status) {
  return status == TrialStatus::Finished || status == TrialStatus::Pruned ||
         status == TrialStatus::Diverged || status == TrialStatus::Failed;
}

}  // namespace

ListedSource::ListedSource(std::vector<TrialSpec> trials) : trials_(std::move(trials)) {}

int ListedSource::trialCount() const {
  return static_cast<int>(trials_.size());
}

std::optional<TrialSpec> ListedSource::next(const std::vector<TrialSummary>& finished,
                                            const std::vector<TrialSpec>& pending) const {
  const int index = nextIndex(finished, pending);
  if (index >= trialCount()) return std::nullopt;
  return trials_[static_cast<size_t>(index)];
}

GridSource::GridSource(const ExperimentSpec& spec)
    : ListedSource(spec.search.method == SearchMethod::Grid
                       ? expandTrials(spec)
                       : throw InputError("GridSource: search.method is not grid")) {}

RandomSource::RandomSource(const ExperimentSpec& spec)
    : ListedSource(spec.search.method == SearchMethod::Random
                       ? expandTrials(spec)
                       : throw InputError("RandomSource: search.method is not random")) {}

TpeSource::TpeSource(const ExperimentSpec& spec) : spec_(spec) {
  validateExperiment(spec_);
  sampler_ = std::make_unique<TpeSampler>(searchSpaceOf(spec_), searchSeed(spec_),
                                          objectiveDirection(spec_));
}

TpeSource::~TpeSource() = default;

int TpeSource::trialCount() const {
  return static_cast<int>(sweeplab::trialCount(spec_));
}

std::optional<TrialSpec> TpeSource::next(const std::vector<TrialSummary>& finished,
                                         const std::vector<TrialSpec>& pending) const {
  const int index = nextIndex(finished, pending);
  if (index >= trialCount()) return std::nullopt;
  const int repeats = spec_.repeats;
  const int point = index / repeats;
  const auto pick = [&](const std::vector<TrialSpec>& made) {
    return made.at(static_cast<size_t>(index % repeats));
  };
  // A later repeat copies its point's values from any trial of that point handed out before.
  for (const TrialSpec& trial : pending)
    if (trial.index / repeats == point) return pick(trialsOfPoint(spec_, point, trial.swept));
  for (const TrialSummary& trial : finished)
    if (trial.index / repeats == point) return pick(trialsOfPoint(spec_, point, trial.swept));

  std::vector<FinishedTrial> told;
  for (const TrialSummary& trial : finished) {
    if (!teaches(trial.status)) continue;
    FinishedTrial entry;
    entry.index = trial.index;
    entry.values = sampler_->parse(trial.swept);
    entry.objective = trial.status == TrialStatus::Finished || trial.status == TrialStatus::Pruned
                          ? objectiveValue(trial, spec_.search.metric)
                          : kNoValue;
    if (trial.status == TrialStatus::Pruned) entry.prunedAtStep = trial.epochs_completed;
    told.push_back(std::move(entry));
  }
  std::vector<PendingTrial> running;
  for (const TrialSpec& trial : pending)
    running.push_back({trial.index, sampler_->parse(trial.swept)});
  const Suggestion suggestion = sampler_->suggest(point, told, running);
  return pick(trialsOfPoint(spec_, point, suggestion.swept));
}

std::unique_ptr<TrialSource> makeTrialSource(const ExperimentSpec& spec) {
  switch (spec.search.method) {
    case SearchMethod::Grid:
      return std::make_unique<GridSource>(spec);
    case SearchMethod::Random:
      return std::make_unique<RandomSource>(spec);
    case SearchMethod::Tpe:
      break;
  }
  return std::make_unique<TpeSource>(spec);
}

}  // namespace sweeplab::search
