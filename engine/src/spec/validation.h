// Checks of a whole experiment: every key's range, combinations of keys, and every value of
// every sweep axis applied to the experiment.
#pragma once

#include <string>

#include "spec/key_table.h"
#include "spec/spec_location.h"
#include "sweeplab/experiment_spec.h"

namespace sweeplab {

// The experiment without its sweep; throws KeyedProblem.
void checkSingleExperiment(const ExperimentSpec& spec);

// The experiment and its sweep; throws SpecError placed with `where`.
void validateExperimentAt(const ExperimentSpec& spec, const SpecLocator& where);

// Sets one key from YAML text (the shared path of --set, sweeps and forms); throws ValueError
// and leaves `spec` unchanged on error.
void applyValueText(ExperimentSpec& spec, const KeyDef& def, const std::string& text);

// "model" and "model.name" name the same setting.
std::string canonicalKey(const std::string& key);

// Most trials a sweep may expand to.
constexpr long long kMaxTrials = 100000;

}  // namespace sweeplab
