// The sampler base (texts and parsing) and random search.
#include <algorithm>

#include "sweeplab/errors.h"
#include "sweeplab/search/sampler.h"

namespace sweeplab::search {

Sampler::Sampler(SearchSpace space) : space_(std::move(space)) {
  if (space_.empty()) throw InputError{"a search needs at least one key with a distribution"};
  for (size_t i = 0; i < space_.size(); ++i)
    for (size_t j = 0; j < i; ++j)
      if (space_[i].key == space_[j].key)
        throw InputError{space_[i].key + " is searched twice; give it one distribution"};
}

std::vector<double> Sampler::parse(
    const std::vector<std::pair<std::string, std::string>>& swept) const {
  std::vector<double> values;
  for (const auto& key : space_) {
    const auto found = std::find_if(swept.begin(), swept.end(),
                                    [&](const auto& pair) { return pair.first == key.key; });
    if (found == swept.end()) throw InputError{"the trial has no value for " + key.key};
    values.push_back(key.distribution.parse(found->second));
  }
  return values;
}

Suggestion Sampler::makeSuggestion(const std::vector<double>& values) const {
  Suggestion suggestion;
  for (size_t i = 0; i < space_.size(); ++i) {
    const Distribution& distribution = space_[i].distribution;
    suggestion.swept.emplace_back(space_[i].key, distribution.format(values[i]));
    suggestion.values.push_back(distribution.canonical(values[i]));
  }
  return suggestion;
}

RandomSampler::RandomSampler(SearchSpace space, std::uint64_t seed)
    : Sampler(std::move(space)), seed_(seed) {}

Suggestion RandomSampler::suggest(int trialIndex, const std::vector<FinishedTrial>& /*finished*/,
                                  const std::vector<PendingTrial>& /*pending*/) const {
  SeededUniformSource source(seed_, static_cast<std::uint64_t>(trialIndex));
  std::vector<double> values;
  for (const auto& key : space()) values.push_back(key.distribution.sample(source));
  return makeSuggestion(values);
}

}  // namespace sweeplab::search
