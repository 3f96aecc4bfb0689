#include "sweeplab/pruning/asha_pruner.h"

#include <algorithm>
#include <climits>
#include <cmath>
#include <stdexcept>
#include <utility>

namespace sweeplab::pruning {

namespace {

void require(bool ok, const std::string& what) {
  if (!ok) throw std::invalid_argument("ASHA pruning: " + what);
}

std::string rungText(int epoch, int rung) {
  return "epoch " + std::to_string(epoch) + " (rung " + std::to_string(rung) + "): ";
}

}  // namespace

AshaPruner::AshaPruner(Direction direction, std::string metric, AshaSettings settings)
    : Pruner(direction, std::move(metric)), settings_(settings) {
  require(settings.min_epochs >= 1, "the first rung must be at epoch 1 or later");
  require(settings.reduction_factor >= 2, "the reduction factor must be at least 2");
  require(settings.min_early_stopping_rate >= 0, "the early-stopping rate cannot be negative");
}

int AshaPruner::rungEpoch(int rung) const {
  long long epoch = settings_.min_epochs;
  for (int k = 0; k < settings_.min_early_stopping_rate + rung; ++k) {
    epoch *= settings_.reduction_factor;
    if (epoch > INT_MAX) return INT_MAX;
  }
  return static_cast<int>(epoch);
}

PruneDecision AshaPruner::decide(const Trials&, int trial, int epoch, double value) {
  int& rung = reachedRungs_[trial];
  std::string promoted;  // the last promotion's reason, when this epoch passed a rung
  // With every epoch reported, one epoch passes at most one rung; the loop is Optuna's and
  // keeps the rule right for any epoch.
  while (epoch >= rungEpoch(rung)) {
    const std::string at = rungText(epoch, rung);
    if (std::isnan(value)) return {true, at + metric() + " is NaN"};
    if (static_cast<int>(rungValues_.size()) <= rung) rungValues_.resize(rung + 1);
    std::vector<double>& values = rungValues_[rung];
    values.push_back(value);
    ++rung;

    const int n = static_cast<int>(values.size());
    const int kept = std::max(n / settings_.reduction_factor, 1);  // see the header on n < eta
    // The kept-th best value is the cut-off to equal or beat.
    std::vector<double> ranked = values;
    std::nth_element(ranked.begin(), ranked.begin() + (kept - 1), ranked.end(),
                     [this](double a, double b) { return better(a, b); });
    const double threshold = ranked[kept - 1];
    const std::string standing = describe(value) + (better(threshold, value) ? " is not" : " is") +
                                 " among the best " + std::to_string(kept) + " of " +
                                 std::to_string(n) + " trials at this rung (" +
                                 (kept == 1 ? "best " : "cut-off ") + describe(threshold) + ")";
    if (better(threshold, value)) return {true, at + standing};
    promoted = at + standing;
  }
  if (!promoted.empty()) return {false, promoted};
  return {false, "epoch " + std::to_string(epoch) + ": next rung at epoch " +
                     std::to_string(rungEpoch(rung))};
}

void AshaPruner::clearRuleState() {
  reachedRungs_.clear();
  rungValues_.clear();
}

// Records what the live reports recorded: the value at each rung the trial reached, whether it
// was promoted there or not (a NaN at a rung records nothing, as live).
void AshaPruner::replayRecord(int trial, const std::vector<double>& values) {
  int& rung = reachedRungs_[trial];
  for (size_t i = 0; i < values.size(); ++i) {
    const int epoch = static_cast<int>(i) + 1;
    if (epoch < rungEpoch(rung) || std::isnan(values[i])) continue;
    if (static_cast<int>(rungValues_.size()) <= rung) rungValues_.resize(rung + 1);
    rungValues_[rung].push_back(values[i]);
    ++rung;
  }
}

}  // namespace sweeplab::pruning
