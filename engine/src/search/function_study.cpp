#include "sweeplab/search/function_study.h"

namespace sweeplab::search {

std::vector<StudyTrial> runFunctionStudy(
    const Sampler& sampler, const std::function<double(const std::vector<double>&)>& objective,
    int trials, Direction direction) {
  std::vector<StudyTrial> history;
  std::vector<FinishedTrial> finished;
  for (int i = 0; i < trials; ++i) {
    StudyTrial trial;
    trial.suggestion = sampler.suggest(i, finished, {});
    trial.objective = objective(trial.suggestion.values);
    const bool better = history.empty() || (direction == Direction::Minimize
                                                ? trial.objective < history.back().bestSoFar
                                                : trial.objective > history.back().bestSoFar);
    trial.bestSoFar = better ? trial.objective : history.back().bestSoFar;
    finished.push_back({i, trial.suggestion.values, trial.objective, std::nullopt});
    history.push_back(std::move(trial));
  }
  return history;
}

}  // namespace sweeplab::search
