// Reads a swept key written as a map, `{log_uniform: [1e-5, 1e-1]}` or `{choice: [a, b]}` with an
// optional `step` (or `q`), into its SweepAxis.
#pragma once

#include <yaml-cpp/yaml.h>

#include "spec/spec_location.h"
#include "sweeplab/experiment_spec.h"

namespace sweeplab {

// Fills axis.kind, bounds, step or values from `map`. Records where the bounds (items 0 and 1) or
// the choice values (item i) are written in `where`, for later checks. Throws SpecError for a
// map that is not one distribution: an unknown name (with a suggestion), two names, bounds that
// are not two numbers, a step where it has no meaning.
void readDistribution(SweepAxis& axis, size_t axisIndex, const YAML::Node& map,
                      const YAML::Node& keyNode, SpecLocator& where);

// The names a distribution map may hold, for messages.
const std::vector<std::string>& distributionNames();

}  // namespace sweeplab
