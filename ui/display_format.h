// How numbers read in the window: accuracies as percentages, durations as h:mm:ss, and
// doubles in their shortest form that still reads back as the same value.
#pragma once

#include <QString>

namespace sweeplab::ui {

QString formatPercent(double fraction);            // "71.25 %"; "" when NaN
QString formatNumber(double value, int decimals);  // "" when NaN
QString formatDuration(double seconds);            // "4.2 s", "3:05", "1:02:07"
QString formatShortest(double value);              // "0.001", "1e-05": exact round trip
// Parses "1e-3", "0.001", " 5E-4 " (C locale). Returns false for anything else.
bool parseDouble(const QString& text, double* value);

}  // namespace sweeplab::ui
