// Result texts, running values and the importance figure. The one-key, heatmap and parallel
// figures have their own files.
#include "insight/summary_figures.h"

#include <cctype>
#include <cmath>
#include <cstdio>

namespace sweeplab::ui {

double runningResultValue(const TrialSummary& trial, InsightResult result) {
  switch (result) {
    case InsightResult::TestAcc:
    case InsightResult::TestLoss:
      return kNoValue;  // tested once the trial ends
    case InsightResult::WallSeconds:
    case InsightResult::SecondsPerEpoch:
      if (trial.epochs_completed <= 0) return kNoValue;  // timed from its first epoch on
      break;
    default:
      break;
  }
  return insightResultValue(trial, result);
}

bool resultIsShare(InsightResult result) {
  return result == InsightResult::BestValAcc || result == InsightResult::FinalValAcc ||
         result == InsightResult::TestAcc;
}

std::string resultTitle(InsightResult result) {
  std::string name = insightResultName(result);
  if (!name.empty()) name[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(name[0])));
  if (resultIsShare(result)) return name + " (%)";
  if (result == InsightResult::WallSeconds || result == InsightResult::SecondsPerEpoch)
    return name + " (s)";
  return name;
}

std::string resultText(InsightResult result, double value) {
  if (!std::isfinite(value)) return "–";
  char text[64];
  if (resultIsShare(result))
    std::snprintf(text, sizeof text, "%.1f", value * 100);
  else if (result == InsightResult::Steps)
    std::snprintf(text, sizeof text, "%.0f", value);
  else if (result == InsightResult::TestLoss)
    std::snprintf(text, sizeof text, "%.3f", value);
  else
    std::snprintf(text, sizeof text, value < 10 ? "%.2f" : "%.1f", value);
  return text;
}

ImportanceFigure importanceFigure(const RunSummary& summary, InsightResult result) {
  ImportanceFigure figure;
  figure.result = result;
  figure.trials = static_cast<int>(importanceTable(summary, result).rows.size());
  if (figure.trials >= 2) figure.keys = keyImportance(summary, result);
  return figure;
}

}  // namespace sweeplab::ui
