// The runner's trial scheduling: listed studies in order, tpe suggestions on demand.
#include "run/trial_scheduler.h"

#include <algorithm>

#include "sweeplab/errors.h"
#include "sweeplab/experiment_io.h"

namespace sweeplab {

TrialScheduler::TrialScheduler(const ExperimentSpec& spec, std::vector<std::vector<int>> batches,
                               bool taskMode) {
  if (spec.search.method != SearchMethod::Tpe) {
    batches_ = std::move(batches);
    return;
  }
  if (taskMode)
    throw InputError(
        "search.method: a tpe study suggests each trial from the results before it, so its "
        "trials train in the process that owns the run; use 'sweeplab-cli run' or 'resume'");
  for (const std::vector<int>& batch : batches)
    order_.insert(order_.end(), batch.begin(), batch.end());
  std::sort(order_.begin(), order_.end());
  suggestions_ = search::makeTrialSource(spec);
}

std::vector<int> TrialScheduler::take(std::vector<TrialSpec>& trials,
                                      const std::vector<TrialSummary>& summaries,
                                      const std::set<int>& running, bool stopping) {
  if (!suggestions_) return next_ < batches_.size() ? batches_[next_++] : std::vector<int>{};
  if (stopping)
    return next_ < order_.size() ? std::vector<int>{order_[next_++]} : std::vector<int>{};
  return suggest(trials, summaries, running);
}

std::vector<int> TrialScheduler::suggest(std::vector<TrialSpec>& trials,
                                         const std::vector<TrialSummary>& summaries,
                                         const std::set<int>& running) {
  const auto waiting = [&](int index) {
    return std::find(order_.begin() + static_cast<long>(next_), order_.end(), index) !=
           order_.end();
  };
  // Every trial that is neither running nor waiting here counts as handed out: ended trials
  // teach the sampler, others (not this process's) only keep their number.
  std::vector<TrialSummary> ended;
  std::vector<TrialSpec> pending;
  std::set<int> known;
  for (const TrialSummary& summary : summaries) {
    known.insert(summary.index);
    if (running.count(summary.index)) {
      pending.push_back(trials.at(static_cast<size_t>(summary.index)));
    } else if (!waiting(summary.index)) {
      ended.push_back(summary);
    }
  }
  for (const TrialSpec& trial : trials)
    if (!known.count(trial.index) && !waiting(trial.index))
      ended.push_back(trialSummaryHeader(trial, TrialStatus::Queued));
  std::optional<TrialSpec> suggestion = suggestions_->next(ended, pending);
  if (!suggestion) return {};
  const int index = suggestion->index;
  if (!waiting(index))
    throw InputError("trial " + std::to_string(index + 1) +
                     " was suggested, but it is not one of the trials to train");
  // The waiting trials are handed out lowest first, which is the order the source picks.
  order_.erase(std::find(order_.begin() + static_cast<long>(next_), order_.end(), index));
  order_.insert(order_.begin() + static_cast<long>(next_), index);
  ++next_;
  trials.at(static_cast<size_t>(index)) = std::move(*suggestion);
  return {index};
}

}  // namespace sweeplab
