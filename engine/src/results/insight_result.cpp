// The results a Summary view can show against the swept keys: their names for people and for
// files, which way is better, and each trial's value.
#include <cmath>

#include "sweeplab/errors.h"
#include "sweeplab/sweep_insight.h"

namespace sweeplab {
namespace {

struct ResultNames {
  InsightResult result;
  const char* key;
  const char* name;
  bool higher_is_better;
};

const ResultNames kResults[] = {
    {InsightResult::BestValAcc, "best_val_acc", "best validation accuracy", true},
    {InsightResult::FinalValAcc, "final_val_acc", "final validation accuracy", true},
    {InsightResult::TestAcc, "test_acc", "test accuracy", true},
    {InsightResult::TestLoss, "test_loss", "test loss", false},
    {InsightResult::WallSeconds, "wall_seconds", "wall time (s)", false},
    {InsightResult::SecondsPerEpoch, "seconds_per_epoch", "time per epoch (s)", false},
    {InsightResult::Steps, "steps", "optimizer steps", false},
};

const ResultNames& namesOf(InsightResult result) {
  for (const ResultNames& names : kResults)
    if (names.result == result) return names;
  return kResults[0];
}

}  // namespace

std::vector<InsightResult> allInsightResults() {
  std::vector<InsightResult> results;
  for (const ResultNames& names : kResults) results.push_back(names.result);
  return results;
}

std::string insightResultName(InsightResult result) {
  return namesOf(result).name;
}

std::string insightResultKey(InsightResult result) {
  return namesOf(result).key;
}

InsightResult insightResultFromKey(const std::string& key) {
  std::string allowed;
  for (const ResultNames& names : kResults) {
    if (key == names.key) return names.result;
    allowed += (allowed.empty() ? "" : ", ") + std::string(names.key);
  }
  throw InputError("unknown result '" + key + "' (allowed: " + allowed + ")");
}

bool higherIsBetter(InsightResult result) {
  return namesOf(result).higher_is_better;
}

double insightResultValue(const TrialSummary& trial, InsightResult result) {
  switch (result) {
    case InsightResult::BestValAcc:
      return trial.best_val_acc;
    case InsightResult::FinalValAcc:
      return trial.val_acc;
    case InsightResult::TestAcc:
      return trial.test_acc;
    case InsightResult::TestLoss:
      return trial.test_loss;
    case InsightResult::WallSeconds:
      return trial.wall_seconds > 0 ? trial.wall_seconds : kNoValue;  // 0: it never ran
    case InsightResult::SecondsPerEpoch:
      return trial.epochs_completed > 0 && trial.wall_seconds > 0
                 ? trial.wall_seconds / trial.epochs_completed
                 : kNoValue;
    case InsightResult::Steps:
      return trial.steps > 0 ? static_cast<double>(trial.steps) : kNoValue;
  }
  return kNoValue;
}

}  // namespace sweeplab
