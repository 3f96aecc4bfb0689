// The optimisation history's figure model: the engine's points and best-so-far line on axes,
// and the note that says what the dots leave out.
#include <algorithm>
#include <cctype>
#include <cmath>

#include "insight/summary_axes.h"
#include "insight/summary_figures.h"

namespace sweeplab::ui {

std::string objectiveTitle(const StudyObjective& objective) {
  std::string name = objectiveMetricName(objective.metric);
  if (!name.empty()) name[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(name[0])));
  return objectiveIsShare(objective.metric) ? name + " (%)" : name;
}

std::string prunedNote(const RunSummary& summary, bool drawn) {
  int pruned = 0;
  for (const TrialSummary& trial : summary.trials) pruned += trial.status == TrialStatus::Pruned;
  if (pruned == 0) return {};
  const std::string count =
      std::to_string(pruned) + (pruned == 1 ? " pruned trial" : " pruned trials");
  return drawn ? count + " drawn dotted with the values of the epoch they were pruned at (partial)"
               : count + " left out: their values stop at the epoch they were pruned at";
}

HistoryFigure historyFigure(const RunSummary& summary, const StudyObjective& objective) {
  HistoryFigure figure;
  figure.history = optimisationHistory(summary, objective);
  std::vector<double> trials;
  for (const TrialSummary& trial : summary.trials) trials.push_back(trialNumber(trial.index));
  // Every trial of the study, ended or not, so the axis holds still while trials arrive; a few
  // trials get a tick each, more get round numbers.
  figure.x = valueAxis("Trial", trials, false, true);
  double low = INFINITY, high = -INFINITY;
  for (const HistoryPoint& point : figure.history.points) {
    low = std::min(low, point.value);
    high = std::max(high, point.value);
  }
  if (!std::isfinite(low)) low = 0, high = 1;
  figure.y =
      resultAxis(objectiveTitle(objective), low, high, objectiveIsShare(objective.metric), false);

  std::vector<std::string> parts;
  if (figure.history.pruned > 0)
    parts.push_back(std::to_string(figure.history.pruned) +
                    " pruned (hollow: the value at the epoch it was pruned, never the best)");
  if (figure.history.failed > 0)
    parts.push_back(std::to_string(figure.history.failed) + " failed or diverged, not shown");
  if (figure.history.without_value > 0)
    parts.push_back(std::to_string(figure.history.without_value) + " without a " +
                    objectiveMetricName(objective.metric) + ", not shown");
  for (const std::string& part : parts) figure.note += (figure.note.empty() ? "" : "; ") + part;
  return figure;
}

}  // namespace sweeplab::ui
