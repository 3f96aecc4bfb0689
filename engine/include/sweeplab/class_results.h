// A run's per-class results for tables and reports: which classes it has, each trial's test
// recall per class, and the dead-class warnings of all its trials. Runs written before per-class
// results were recorded have none of these; every function then answers empty or NaN.
#pragma once

#include <string>
#include <vector>

#include "sweeplab/metrics.h"

namespace sweeplab {

// The classes of a run, by display name in label order: its class names, or "class N" for
// every index a trial's recall or confusion matrix has when the names were not recorded.
// Empty for a run without per-class results.
std::vector<std::string> runClassNames(const RunSummary& summary);

// The trial's test recall of class `index` as recorded; NaN when it has none.
double testClassRecall(const TrialSummary& trial, int index);

// The same recall counted again from the trial's test confusion matrix (`classes` x `classes`):
// the diagonal cell over its row's sum. NaN without a matrix of that size or without rows of
// the class.
double recallFromConfusion(const TrialSummary& trial, int classes, int index);

// One line per trial with dead classes, in trial order: "LABEL: deadClassWarning(...)".
std::vector<std::string> deadClassWarnings(const RunSummary& summary);

// The trial with the highest test accuracy among those with a test confusion matrix, as an
// index into summary.trials; -1 when no trial has one.
int bestTestedTrial(const RunSummary& summary);

}  // namespace sweeplab
