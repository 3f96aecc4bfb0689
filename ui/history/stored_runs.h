// What the window shows of runs kept in the run store: one experiment reopened as it was, or
// trials of several experiments overlaid in one chart and one table.
#pragma once

#include <QColor>
#include <QString>
#include <optional>
#include <utility>
#include <vector>

#include "sweeplab/comparison.h"
#include "sweeplab/experiment_spec.h"
#include "sweeplab/metrics.h"
#include "sweeplab/run_store.h"
#include "sweeplab/trial.h"

namespace sweeplab::ui {

// trials[i], summary.trials[i] and points[i] belong together; trial indices are positions
// 0..n-1 for an overlay and the original indices for a reopened experiment.
struct StoredRunView {
  QString title;                  // for the status bar: "alpha (#3)", "4 trials of 2 runs"
  std::vector<TrialSpec> trials;  // for the table
  std::vector<QString> legend;    // per trial, for the charts
  RunSummary summary;             // for the table and for export
  std::vector<std::vector<MetricPoint>> points;
  QString run_dir;                     // empty for an overlay
  std::optional<ExperimentSpec> spec;  // the experiment as run, for the form (reopen only)
  // For the comparison guard: the trials whose config could be read, and the keys their
  // labels name.
  std::vector<ComparedTrial> compared;
  std::vector<std::string> compared_keys;
  // Per trial, for an overlay: the colour it had in its own run (overlayColors); empty for a
  // reopened run, which colours its trials as a sweep does.
  std::vector<QColor> colors;
};

// Throws StoreError when the experiment is not in the store.
StoredRunView loadStoredExperiment(const RunStore& store, long long experimentId);

// (experiment id, trial index) pairs, in the order given. Trials no longer in the store are
// left out.
using StoredTrialRef = std::pair<long long, int>;
StoredRunView loadStoredOverlay(const RunStore& store, const std::vector<StoredTrialRef>& refs);

}  // namespace sweeplab::ui
