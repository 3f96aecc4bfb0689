// The colour each trial of a run is drawn in, shared by a sweep as it runs, a run reopened
// from the history and an overlay, so a trial keeps its colour wherever it is shown.
#pragma once

#include <QColor>
#include <string>
#include <utility>
#include <vector>

namespace sweeplab::ui {

using SweptValues = std::vector<std::pair<std::string, std::string>>;

struct RunColors {
  // Seed repeats of one grid point (the same swept values) share a group, numbered in order
  // of first appearance.
  std::vector<int> groups;
  bool repeats = false;  // some group has two or more trials
  // The trial's index in the palette, or, when the run repeats seeds, its group's: a band, its
  // legend entry and its rows in the table then match.
  std::vector<QColor> colors;
};

// indices[i] and swept[i] describe the run's i-th trial.
RunColors runColors(const std::vector<int>& indices, const std::vector<SweptValues>& swept);

// Trials of several runs in one overlay, each with the colour it had in its own run
// (`colors[i]`, run `runs[i]`). A colour that an earlier run of the overlay already uses is
// replaced, for every trial of the later run that has it, by a palette colour no trial of the
// overlay has; everything else keeps its colour.
std::vector<QColor> overlayColors(const std::vector<long long>& runs,
                                  const std::vector<QColor>& colors);

}  // namespace sweeplab::ui
