// Records a sweep into the run store while it trains. Observer calls only queue what they carry;
// a writer thread with its own connection writes the queue in one transaction per batch (every
// N points, at each epoch's validation and at each trial event), so a slow disk or another
// process holding the database never holds up training. If the store cannot be opened or
// written, the warning callback says so and training goes on: the run folder has everything.
#pragma once

#include <functional>
#include <memory>
#include <string>

#include "sweeplab/experiment_spec.h"
#include "sweeplab/run_observer.h"

namespace sweeplab {

class StoreRecorder : public RunObserver {
 public:
  using Warning = std::function<void(const std::string&)>;  // called from the writer thread

  // `storePath` as resolveStorePath() gives it. `spec` is the experiment being run (its YAML is
  // stored when there is no run folder copy). The store is opened on the writer thread, so a
  // busy database never blocks the caller.
  StoreRecorder(std::string storePath, ExperimentSpec spec, Warning warn,
                int pointsPerBatch = 2000);
  ~StoreRecorder() override;  // finish()
  StoreRecorder(const StoreRecorder&) = delete;
  StoreRecorder& operator=(const StoreRecorder&) = delete;

  // Writes everything queued, marks a sweep that never reported its end as interrupted and
  // stops the writer. Returns the experiment's id in the store, 0 when nothing was recorded.
  long long finish();
  const std::string& storePath() const;

  void sweepStarted(const SweepInfo& info) override;
  void trialStarted(int trial) override;
  void metricPoints(int trial, const std::vector<MetricPoint>& points) override;
  void trialFinished(int trial, const TrialSummary& summary) override;
  void sweepFinished(const RunSummary& summary) override;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace sweeplab
