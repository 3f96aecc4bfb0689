// Damerau-Levenshtein distance (optimal string alignment) over normalised spellings.
#include "spec/did_you_mean.h"

#include <algorithm>
#include <cctype>

namespace sweeplab {
namespace {

std::string normalised(const std::string& word) {
  std::string out;
  for (unsigned char c : word) out += c == '-' ? '_' : static_cast<char>(std::tolower(c));
  return out;
}

}  // namespace

int editDistance(const std::string& a, const std::string& b) {
  const size_t n = a.size(), m = b.size();
  std::vector<std::vector<int>> d(n + 1, std::vector<int>(m + 1, 0));
  for (size_t i = 0; i <= n; ++i) d[i][0] = static_cast<int>(i);
  for (size_t j = 0; j <= m; ++j) d[0][j] = static_cast<int>(j);
  for (size_t i = 1; i <= n; ++i) {
    for (size_t j = 1; j <= m; ++j) {
      const int cost = a[i - 1] == b[j - 1] ? 0 : 1;
      d[i][j] = std::min({d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
        d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[n][m];
}

std::optional<std::string> closestMatch(const std::string& word,
                                        const std::vector<std::string>& candidates) {
  const std::string target = normalised(word);
  std::optional<std::string> best;
  int bestDistance = 0;
  for (const auto& candidate : candidates) {
    const std::string spelled = normalised(candidate);
    int distance = editDistance(target, spelled);
    // A missing or extra word part ("batchsize", "size") is a common slip too.
    if (distance > 0 && spelled.find(target) != std::string::npos && target.size() >= 4)
      distance = std::min(distance, 2);
    if (!best || distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  const int allowed = std::max(2, static_cast<int>(target.size()) / 3);
  if (best && bestDistance <= allowed) return best;
  return std::nullopt;
}

std::string didYouMean(const std::string& word, const std::vector<std::string>& candidates) {
  const auto match = closestMatch(word, candidates);
  return match ? " (did you mean '" + *match + "'?)" : "";
}

std::string joinNames(const std::vector<std::string>& names) {
  std::string out;
  for (const auto& name : names) out += (out.empty() ? "" : ", ") + name;
  return out;
}

}  // namespace sweeplab
