// Per-class results of a trial: the dead-class diagnostic's words and the per-class recall that
// macro accuracy averages away. Shared by the CLI, the window and the report.
#pragma once

#include <string>
#include <vector>

#include "sweeplab/metrics.h"

namespace sweeplab {

// The class's name from the run's class list, or "class N" when the list does not have it.
std::string classDisplayName(const std::vector<std::string>& class_names, int index);

// True for a model whose last layer is a ReLU (jsc-toy, jsc-tiny, jsc-s): an output unit of such
// a model that is negative for every input gets no gradient and can never recover.
bool modelEndsInRelu(const std::string& model_name);

// One sentence naming the dead classes and the likely cause; empty for a healthy trial.
// "Class w is almost never predicted right on the validation split (recall under 1 % in the
// last 3 epochs):
// its output unit is probably dead, since jsc-tiny ends in a ReLU."
std::string deadClassWarning(const TrialSummary& trial,
                             const std::vector<std::string>& class_names);

// The short form for a table cell: "dead class: w" or "dead classes: w, z"; empty if none.
std::string deadClassMark(const TrialSummary& trial, const std::vector<std::string>& class_names);

}  // namespace sweeplab
