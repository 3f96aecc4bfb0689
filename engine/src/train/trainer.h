// Trains one trial: MASE's `ch train` loop on resident tensors, then `ch test` on the chosen
// checkpoint. Called by the sweep runner on a worker thread.
#pragma once

#include <ATen/core/Tensor.h>
#include <torch/nn/modules/container/sequential.h>
#include <atomic>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "sweeplab/metrics.h"
#include "sweeplab/run_observer.h"
#include "sweeplab/trial.h"
#include "train/device_data.h"

namespace sweeplab {

struct TrialContext {
  const TrialSpec* trial = nullptr;
  const DeviceData* data = nullptr;
  at::Device device = at::kCPU;
  std::string device_name = "CPU";
  const std::atomic<bool>* stop_sweep = nullptr;  // either flag ends the trial at the next step
  const std::atomic<bool>* stop_trial = nullptr;
  std::function<void(std::vector<MetricPoint>)> on_points;
  std::function<void(const TrialProgress&)> on_progress;
  std::string trial_dir;  // checkpoints go here; empty: none written
  // The GPU's resident loop (permutation and batch cursor on the device, step graph where
  // possible) instead of the CPU's chunked one. Always used on a GPU; on the CPU for tests.
  bool resident_loop = false;
  // Called once on the freshly initialised model, before anything trains. Tests use it to set
  // up a state that training would reach only by chance (an output unit that is already dead).
  std::function<void(torch::nn::Sequential&)> prepare_model;
  // Asked at each validated epoch end (epochs from 1) with the trial's summary so far; a
  // message ("pruned at epoch 3: ...") ends the trial as Pruned, tested on its best checkpoint
  // and saved as a stopped trial is. Empty: no pruning.
  std::function<std::optional<std::string>(int epoch, const TrialSummary& progress)> should_prune;
};

// Never throws for training problems: a non-finite loss gives status Diverged, a stop request
// Stopped. Exceptions (e.g. out of memory) propagate to the runner, which records Failed.
TrialSummary runTrial(const TrialContext& context);

}  // namespace sweeplab
