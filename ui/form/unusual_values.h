// Values the engine accepts but that lie far outside what Sweeplab's own studies use (a
// learning rate of 5, a batch larger than the training rows): the form marks them as a
// warning, not a problem, so a deliberate choice still runs.
#pragma once

#include <QString>
#include <string>

#include "sweeplab/experiment_spec.h"

namespace sweeplab::ui {

// Why the spec's value of the key is unusual, for the field's tooltip; empty when it is not.
QString unusualValueReason(const ExperimentSpec& spec, const std::string& key);

// The same for one swept value: the spec with the value applied to the key. Empty also when
// the value cannot be applied (that is a problem, shown as such).
QString unusualSweptValueReason(const ExperimentSpec& spec, const std::string& key,
                                const std::string& value);

}  // namespace sweeplab::ui
