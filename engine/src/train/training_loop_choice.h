// The one place that decides which TrainingLoop trains a trial, and says why.
#pragma once

#include <torch/nn/modules/container/sequential.h>

#include <memory>
#include <string>

#include "sweeplab/experiment_spec.h"
#include "train/device_data.h"
#include "train/training_loop.h"

namespace sweeplab {

// What every single-trial loop is built from. The model is already on `device`; the loop takes
// its parameters over (FlatOptimizer) and seeds its own shuffle from training.seed.
struct LoopSetup {
  torch::nn::Sequential model{nullptr};
  const SplitTensors* train = nullptr;
  const TrainingSpec* training = nullptr;
  at::Device device = at::kCPU;
  int trial_index = 0;         // named in messages
  bool resident_loop = false;  // the GPU's loop on the CPU too (tests compare the two)
};

struct LoopChoice {
  std::unique_ptr<TrainingLoop> loop;
  std::string reason;  // why this loop and not another, for tests and diagnostics
};

// On a GPU, or when asked: the resident loop. On the CPU: the step kernel when the model is made
// only of layers it has hand-written steps for and the data are float32 with int64 labels,
// unless SWEEPLAB_CPU_KERNEL=0; else the chunked loop through autograd.
LoopChoice chooseTrainingLoop(const LoopSetup& setup);

}  // namespace sweeplab
