// Colours and line styles for trials: the same trial looks the same in the charts, the table
// and figures.
#pragma once

#include <QColor>

namespace sweeplab::ui {

// Ten colours that stay apart from each other on white (every pair at least 40 CIELAB units):
// Okabe-Ito's blue first, then the strongest contrasts for the first few trials. Deterministic:
// the same index always gives the same colour; past the base set the colours repeat darker,
// then lighter, so neighbours still differ.
QColor trialColor(int trialIndex);

// Number of base colours before the palette starts repeating in another shade.
int trialPaletteSize();

// Line styles for the second key of a two-key grid: solid, dashed, dotted, dash-dot,
// dash-dot-dot; past those they repeat.
Qt::PenStyle gridLineStyle(int index);
int gridLineStyleCount();

}  // namespace sweeplab::ui
