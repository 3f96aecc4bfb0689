// Per-class results of a whole run, read from the trials' recorded lists.
#include "sweeplab/class_results.h"

#include <algorithm>
#include <cmath>

#include "sweeplab/class_diagnostics.h"

namespace sweeplab {
namespace {

// A square matrix of n x n cells has n classes; anything else is not a confusion matrix.
int classesOfConfusion(const TrialSummary& trial) {
  const auto n = static_cast<int>(std::lround(std::sqrt(double(trial.test_confusion.size()))));
  return static_cast<std::size_t>(n) * n == trial.test_confusion.size() ? n : 0;
}

}  // namespace

std::vector<std::string> runClassNames(const RunSummary& summary) {
  int classes = static_cast<int>(summary.class_names.size());
  for (const TrialSummary& trial : summary.trials) {
    classes = std::max(classes, static_cast<int>(trial.test_class_recall.size()));
    classes = std::max(classes, classesOfConfusion(trial));
  }
  std::vector<std::string> names;
  for (int i = 0; i < classes; ++i) names.push_back(classDisplayName(summary.class_names, i));
  return names;
}

double testClassRecall(const TrialSummary& trial, int index) {
  if (index < 0 || index >= static_cast<int>(trial.test_class_recall.size())) return kNoValue;
  return trial.test_class_recall[index];
}

double recallFromConfusion(const TrialSummary& trial, int classes, int index) {
  if (classes <= 0 || index < 0 || index >= classes || classesOfConfusion(trial) != classes)
    return kNoValue;
  long long row = 0;
  for (int predicted = 0; predicted < classes; ++predicted)
    row += trial.test_confusion[index * classes + predicted];
  if (row <= 0) return kNoValue;
  return double(trial.test_confusion[index * classes + index]) / double(row);
}

std::vector<std::string> deadClassWarnings(const RunSummary& summary) {
  std::vector<std::string> lines;
  for (const TrialSummary& trial : summary.trials) {
    const std::string warning = deadClassWarning(trial, summary.class_names);
    if (!warning.empty()) lines.push_back(trial.label + ": " + warning);
  }
  return lines;
}

int bestTestedTrial(const RunSummary& summary) {
  int best = -1;
  for (int i = 0; i < static_cast<int>(summary.trials.size()); ++i) {
    const TrialSummary& trial = summary.trials[i];
    if (classesOfConfusion(trial) == 0 || trial.test_confusion.empty()) continue;
    // A trial without a test accuracy still beats having none at all.
    if (best < 0 || (std::isnan(summary.trials[best].test_acc) && !std::isnan(trial.test_acc)) ||
        trial.test_acc > summary.trials[best].test_acc)
      best = i;
  }
  return best;
}

}  // namespace sweeplab
