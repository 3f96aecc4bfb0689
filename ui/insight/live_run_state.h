// The run the Summary view shows, kept current while a sweep trains: the trials as the sweep
// expanded them, finished trials' summaries as they arrive, and for a running trial what its
// completed epochs say so far (validation accuracy, wall time, steps). Plain C++, so the
// figure model reads a live sweep exactly as it reads a summary.json.
#pragma once

#include <vector>

#include "sweeplab/metrics.h"
#include "sweeplab/trial.h"

namespace sweeplab::ui {

class LiveRunState {
 public:
  void start(const std::vector<TrialSpec>& trials);  // every trial queued
  void show(const RunSummary& summary);              // a run that ended, or an overlay
  // A tpe trial's suggested values replace its placeholder's (no values, "not suggested yet").
  void trialSuggested(const TrialSpec& trial);
  void trialStarted(int trial);
  // Validation points close an epoch (they carry its wall time and steps): they move the
  // running trial's marker. Progress between epochs is not shown: no result belongs to it.
  void addMetrics(int trial, const std::vector<MetricPoint>& points);
  void finishTrial(const TrialSummary& summary);

  const RunSummary& summary() const { return summary_; }

 private:
  TrialSummary* find(int trial);

  RunSummary summary_;
};

}  // namespace sweeplab::ui
