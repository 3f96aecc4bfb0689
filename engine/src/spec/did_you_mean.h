// "Did you mean" suggestions for misspelt keys and values.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace sweeplab {

// Edit distance counting insertions, deletions, substitutions and swaps of neighbours.
int editDistance(const std::string& a, const std::string& b);

// The closest candidate when it is close enough to be a likely typo (ignoring case and the
// difference between '-' and '_').
std::optional<std::string> closestMatch(const std::string& word,
                                        const std::vector<std::string>& candidates);

// " (did you mean 'batch_size'?)" or "".
std::string didYouMean(const std::string& word, const std::vector<std::string>& candidates);

// "a, b, c"
std::string joinNames(const std::vector<std::string>& names);

}  // namespace sweeplab
