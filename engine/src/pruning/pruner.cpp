#include "sweeplab/pruning/pruner.h"

#include <cstdio>
#include <stdexcept>
#include <utility>

namespace sweeplab::pruning {

const char* toString(Direction direction) {
  return direction == Direction::maximize ? "maximize" : "minimize";
}

Pruner::Pruner(Direction direction, std::string metric)
    : direction_(direction), metric_(std::move(metric)) {}

PruneDecision Pruner::report(int trial, int epoch, double value) {
  std::lock_guard<std::mutex> lock(mutex_);
  if (trial < 0) throw std::invalid_argument("pruning: trial index " + std::to_string(trial));
  TrialProgress& progress = trials_[trial];
  if (progress.ended) {
    throw std::invalid_argument("pruning: trial " + std::to_string(trial) +
                                " reported after it ended");
  }
  const int expected = static_cast<int>(progress.values.size()) + 1;
  if (epoch != expected) {
    if (progress.values.empty()) trials_.erase(trial);
    throw std::invalid_argument("pruning: trial " + std::to_string(trial) + " reported epoch " +
                                std::to_string(epoch) + ", expected epoch " +
                                std::to_string(expected));
  }
  progress.values.push_back(value);
  return decide(trials_, trial, epoch, value);
}

void Pruner::finish(int trial, TrialOutcome outcome) {
  std::lock_guard<std::mutex> lock(mutex_);
  if (trial < 0) throw std::invalid_argument("pruning: trial index " + std::to_string(trial));
  TrialProgress& progress = trials_[trial];
  if (progress.ended) {
    throw std::invalid_argument("pruning: trial " + std::to_string(trial) + " ended twice");
  }
  progress.ended = true;
  progress.outcome = outcome;
}

void Pruner::restore(const std::vector<TrialRecord>& ended) {
  Trials rebuilt;
  for (const TrialRecord& record : ended) {
    if (record.trial < 0 || rebuilt.count(record.trial) > 0) {
      throw std::invalid_argument("pruning: cannot restore trial " + std::to_string(record.trial) +
                                  " (negative or listed twice)");
    }
    rebuilt[record.trial] = TrialProgress{record.values, true, record.outcome};
  }
  std::lock_guard<std::mutex> lock(mutex_);
  trials_ = std::move(rebuilt);
  clearRuleState();
  for (const auto& [trial, progress] : trials_) replayRecord(trial, progress.values);
}

bool Pruner::better(double a, double b) const {
  return direction_ == Direction::maximize ? a > b : a < b;
}

std::string Pruner::describe(double value) const {
  char text[64];
  std::snprintf(text, sizeof text, "%.6g", value);
  return metric_ + " " + text;
}

NoPruner::NoPruner(Direction direction, std::string metric)
    : Pruner(direction, std::move(metric)) {}

PruneDecision NoPruner::decide(const Trials&, int, int epoch, double) {
  return {false, "epoch " + std::to_string(epoch) + ": pruning is off"};
}

}  // namespace sweeplab::pruning
