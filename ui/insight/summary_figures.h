// The figure model of the Summary views: what each view draws (points, error bars, seed dots,
// hollow markers for running trials, heatmap cells, parallel-coordinate lines, importance
// bars, axes) as plain numbers, computed from one run or an overlay of several. The painters,
// the window and figure export all read it; tests check it against summary.json. No toolkit.
#pragma once

#include <string>
#include <vector>

#include "sweeplab/metrics.h"
#include "sweeplab/optimisation_history.h"
#include "sweeplab/sweep_insight.h"

namespace sweeplab::ui {

// One experiment's trials. An overlay has several; their points are grouped per experiment.
struct SummaryRun {
  std::string name;  // the experiment, "quick_demo #3" in an overlay
  RunSummary summary;
};

// An overlay's summary (StoredRunView::summary, whose trials carry a leading "run" swept
// value) split into its experiments, the "run" value removed; any other run as itself.
std::vector<SummaryRun> summaryRunsOf(const RunSummary& summary);
// The runs' trials in one summary (an overlay without its "run" key): what the heatmap,
// parallel coordinates and importance read.
RunSummary mergedRuns(const std::vector<SummaryRun>& runs);

// A figure axis in data units. Categorical axes put category i at position i; a log axis keeps
// values (not logarithms) in min, max and ticks.
struct SummaryAxis {
  std::string title;
  double min = 0, max = 1;
  bool log = false;
  std::vector<std::string> categories;  // not empty: categorical
  std::vector<double> ticks;
  int decimals = 2;  // enough to tell neighbouring tick labels apart
  bool categorical() const { return !categories.empty(); }
};

// A result's value while a trial still trains (its last completed epoch): NaN for the test
// results, which only exist once it ends.
double runningResultValue(const TrialSummary& trial, InsightResult result);

// ---- One swept key: the result against each value ----
struct SlicePoint {
  double x = 0;  // the value, or its category position
  MeanStd result;
  std::vector<double> seeds;  // each trial's result: the faint dots
  std::vector<int> trials;    // TrialSummary::index of the same trials
  MeanStd wall_seconds;
};
struct RunningMarker {  // a hollow marker: a trial's latest epoch
  double x = 0;
  double y = 0;
  int trial = 0;
  int epoch = 0;
};
struct SliceSeries {
  std::string name;  // the experiment; empty for a single run
  int group = 0;     // colour index
  std::vector<SlicePoint> points;
  std::vector<RunningMarker> running;
};
struct SliceFigure {
  std::string key;
  InsightResult result = InsightResult::BestValAcc;
  SummaryAxis x, y, wall;  // wall: the lower chart's y axis (seconds)
  // Other keys were swept too: a point then averages over their values, not only over seeds.
  bool otherKeys = false;
  std::vector<SliceSeries> series;
  std::string note;  // pruned trials left out of the means (prunedNote)
};
// logScale: -1 follows SweptKey::log_scale, 0 linear, 1 logarithmic (numeric keys only).
SliceFigure sliceFigure(const std::vector<SummaryRun>& runs, const std::string& key,
                        InsightResult result, int logScale = -1);

// ---- Two swept keys: the annotated heatmap ----
struct HeatCell {
  int x = 0, y = 0;  // category positions
  MeanStd result;    // n = 0: not run (yet)
  std::vector<int> trials;
  double colour = 0;  // position on the colour scale, 0..1 (better is always 1)
  std::string text;   // the value written in the cell
};
struct HeatmapFigure {
  InsightResult result = InsightResult::BestValAcc;
  SummaryAxis x, y;
  double low = 0, high = 1;     // the colour scale's range of the result
  std::vector<HeatCell> cells;  // cells[y * x.categories.size() + x]
};
HeatmapFigure heatmapFigure(const RunSummary& summary, const std::string& xKey,
                            const std::string& yKey, InsightResult result);

// ---- Any number of keys: parallel coordinates ----
struct ParallelAxis {
  std::string key;  // a swept key; empty for the result's axis (the last)
  SummaryAxis axis;
};
struct ParallelLine {
  int trial = 0;
  bool running = false;  // dashed: a trial still training
  bool pruned = false;   // dotted: a trial the pruner stopped, its values at that epoch
  double result = kNoValue;
  std::vector<double> positions;  // per axis, 0 (bottom) .. 1 (top)
  double colour = 0;              // 0..1, better is 1
};
struct ParallelFigure {
  InsightResult result = InsightResult::BestValAcc;
  std::vector<ParallelAxis> axes;  // the swept keys in the given order, then the result
  std::vector<ParallelLine> lines;
  std::string note;  // pruned trials drawn with partial values (prunedNote)
};
// keyOrder: the keys' axes from left to right (empty: file order); unknown keys are ignored.
ParallelFigure parallelFigure(const RunSummary& summary, InsightResult result,
                              const std::vector<std::string>& keyOrder = {});
// A brushed range on one axis, in positions 0..1.
struct AxisBrush {
  int axis = 0;
  double low = 0, high = 1;
};
bool insideBrushes(const ParallelLine& line, const std::vector<AxisBrush>& brushes);
// The trials whose lines pass inside every brush (all trials when there is none).
std::vector<int> trialsInBrushes(const ParallelFigure& figure,
                                 const std::vector<AxisBrush>& brushes);
// A value's position (0..1) on an axis: linear, logarithmic or the category's slot.
double axisPosition(const SummaryAxis& axis, double value);

// ---- Importance ----
struct ImportanceFigure {
  InsightResult result = InsightResult::BestValAcc;
  std::vector<KeyImportance> keys;  // most important first
  int trials = 0;                   // finished trials the fit saw
  bool fitting = false;             // not known yet: the fit is running
};
ImportanceFigure importanceFigure(const RunSummary& summary, InsightResult result);

// ---- The optimisation history of a study (trial order, best so far) ----
struct HistoryFigure {
  OptimisationHistory history;
  SummaryAxis x, y;  // x: trial number over every trial of the study, so it holds while live
  // What the points leave out or mean: failed trials, pruned trials' partial values.
  std::string note;
};
HistoryFigure historyFigure(const RunSummary& summary, const StudyObjective& objective);
// The trial's number on the history's x axis: from 1, as the trials table and `validate` count.
inline double trialNumber(int index) {
  return index + 1;
}
// "Val acc at best loss (%)": the objective's axis title.
std::string objectiveTitle(const StudyObjective& objective);

// Pruned trials stop at an epoch: their last values are partial. The Summary leaves them out of
// means (by value, heatmap, importance) and draws them in parallel coordinates and the history;
// this says so ("3 pruned trials: ..."), empty when the run has none.
std::string prunedNote(const RunSummary& summary, bool drawn);

// "0.581" style text for a result value: accuracies in percent, seconds and steps as numbers.
std::string resultText(InsightResult result, double value);
// The axis title of a result: "Best validation accuracy (%)" in the figures.
std::string resultTitle(InsightResult result);
// Values are shown as they are stored (accuracies 0..1) but labelled in percent.
bool resultIsShare(InsightResult result);

}  // namespace sweeplab::ui
