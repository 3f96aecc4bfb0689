// Which summary views a run offers and what each is called: the result against each swept
// key, the heatmap of exactly two keys, parallel coordinates for two or more keys (or trials
// that are not a grid), importance, and the optimisation history of a study whose objective is
// known. The window's view and the exported set agree on it.
#pragma once

#include <QString>
#include <string>
#include <vector>

#include "sweeplab/metrics.h"
#include "sweeplab/optimisation_history.h"
#include "sweeplab/sweep_insight.h"

namespace sweeplab::ui {

enum class SummaryKind { Slice, Heatmap, Parallel, Importance, History };

struct SummaryChoice {
  SummaryKind kind = SummaryKind::Slice;
  std::string key;  // the swept key of a slice
  bool operator==(const SummaryChoice& other) const {
    return kind == other.kind && key == other.key;
  }
};

// For a run's trials (an overlay merged: mergedRuns); `history`: the optimisation history is
// offered too (a single run whose objective is known).
std::vector<SummaryChoice> summaryChoices(const RunSummary& summary, bool history = false);
// The view that answers the study's question first: the optimisation history of a random or
// tpe study (historyFirst), the result against its one key, the heatmap of a two-key grid,
// parallel coordinates for anything larger. Empty key and Slice when nothing is swept.
SummaryChoice defaultSummaryChoice(const RunSummary& summary, bool historyFirst = false);
// The entry in the view's "Show" list: "Against batch size", "Heatmap: batch size × lr".
QString summaryChoiceName(const SummaryChoice& choice, const RunSummary& summary);
// The figure's title: "Best validation accuracy against batch size".
QString summaryFigureTitle(const SummaryChoice& choice, InsightResult result,
                           const RunSummary& summary, bool heatmapSwapped = false);
// "Optimisation history of the val acc at best loss (maximize)".
QString historyFigureTitle(const StudyObjective& objective);

}  // namespace sweeplab::ui
