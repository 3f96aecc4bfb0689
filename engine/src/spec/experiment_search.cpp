// The search and pruning sections turned into the search library's space and the pruner's
// settings; validation builds the same distributions, so what passes it converts here.
#include "sweeplab/experiment_search.h"

#include <cmath>

namespace sweeplab {
namespace {

bool isAccuracy(const std::string& metric) {
  return metric.find("acc") != std::string::npos;
}

search::Distribution distributionOf(const SweepAxis& axis) {
  using search::Distribution;
  switch (axis.kind) {
    case SweepKind::Values:
    case SweepKind::Choice:
      return Distribution::choice(axis.values);
    case SweepKind::Uniform:
      return Distribution::uniform(axis.low, axis.high, axis.step);
    case SweepKind::LogUniform:
      return Distribution::logUniform(axis.low, axis.high);
    case SweepKind::IntUniform:
      return Distribution::intUniform(std::llround(axis.low), std::llround(axis.high),
                                      axis.step ? std::llround(*axis.step) : 1);
    case SweepKind::IntLogUniform:
      return Distribution::intLogUniform(std::llround(axis.low), std::llround(axis.high));
  }
  return Distribution::choice(axis.values);
}

}  // namespace

search::SearchSpace searchSpaceOf(const ExperimentSpec& spec) {
  search::SearchSpace space;
  for (const SweepAxis& axis : spec.sweep) space.push_back({axis.key, distributionOf(axis)});
  return space;
}

search::Direction objectiveDirection(const ExperimentSpec& spec) {
  if (spec.search.direction == "maximize") return search::Direction::Maximize;
  if (spec.search.direction == "minimize") return search::Direction::Minimize;
  return isAccuracy(spec.search.metric) ? search::Direction::Maximize : search::Direction::Minimize;
}

std::uint64_t searchSeed(const ExperimentSpec& spec) {
  return static_cast<std::uint64_t>(spec.search.seed.value_or(spec.training.seed));
}

double objectiveValue(const TrialSummary& trial, const std::string& metric) {
  if (metric == "best_val_acc") return trial.best_val_acc;
  if (metric == "best_val_loss") return trial.best_val_loss;
  if (metric == "val_acc") return trial.val_acc;
  if (metric == "val_loss") return trial.val_loss;
  if (metric == "test_acc") return trial.test_acc;
  if (metric == "test_loss") return trial.test_loss;
  return kNoValue;
}

pruning::PruningSettings pruningSettingsOf(const ExperimentSpec& spec) {
  const PruningSpec& section = spec.pruning;
  pruning::PruningSettings settings;
  switch (section.method) {
    case PruningMethod::None:
      settings.method = pruning::PruningMethod::none;
      break;
    case PruningMethod::Median:
      settings.method = pruning::PruningMethod::median;
      break;
    case PruningMethod::Asha:
      settings.method = pruning::PruningMethod::asha;
      break;
  }
  settings.metric = section.metric;
  settings.direction =
      isAccuracy(section.metric) ? pruning::Direction::maximize : pruning::Direction::minimize;
  settings.median.startup_trials = section.warmup_trials;
  settings.median.warmup_epochs = section.min_epochs - 1;
  settings.asha.min_epochs = section.min_epochs;
  settings.asha.reduction_factor = section.reduction_factor;
  return settings;
}

}  // namespace sweeplab
