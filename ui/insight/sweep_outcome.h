// The status line's words at a sweep's end: how the trials ended ("12 finished, 25 pruned, 3
// failed of 40 trials") and the best trial. A grid names the highest val acc at best loss, as the
// trials table ranks; a random or tpe study names the best trial by its own objective.
#pragma once

#include <QString>
#include <optional>

#include "sweeplab/metrics.h"
#include "sweeplab/optimisation_history.h"

namespace sweeplab::ui {

// "Sweep done: ..." or, after Stop, "Stopped: ..."; without the run folder.
QString sweepOutcomeText(const RunSummary& summary, const std::optional<StudyObjective>& objective,
                         bool stopped);

}  // namespace sweeplab::ui
