// One line on the seed repeats of a run, shown above the trials table: each grid point's test
// accuracy as mean ± std over its finished seeds, and whether the best grid point's lead over
// the others is larger than the noise between seeds (Welch's t-test). With more than three grid
// points the line names the best and those within seed noise of it, and the details (every
// grid point and test) go to the label's tooltip.
#pragma once

#include <QString>

#include "sweeplab/metrics.h"

namespace sweeplab::ui {

struct RepeatSummary {
  QString text;     // the line; rich text (QLabel)
  QString details;  // the whole text when `text` gives the gist only, else empty
};

// Both empty when no grid point has more than one trial.
RepeatSummary repeatSummary(const RunSummary& summary);

}  // namespace sweeplab::ui
