// Colours for trials: the same trial has the same colour in the charts, the table and figures.
#pragma once

#include <QColor>

namespace sweeplab::ui {

// Distinct colours that stay distinguishable with the common colour-vision deficiencies
// (Okabe-Ito order first). Deterministic: the same index always gives the same colour; past the
// base set the colours repeat darker, then lighter, so neighbours still differ.
QColor trialColor(int trialIndex);

// Number of base colours before the palette starts repeating in another shade.
int trialPaletteSize();

}  // namespace sweeplab::ui
