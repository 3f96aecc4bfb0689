// The GPU's loop: the epoch's permutation stays on the device and a device-side cursor picks each
// full batch, so a step needs nothing from the host; once captured as a CUDA graph it is a single
// launch (device_fast_path.h). The same batches as the chunked loop, in the same order. On the
// CPU it runs only when asked for (tests compare it with the chunked loop).
#pragma once

#include <ATen/core/Generator.h>

#include <memory>

#include "train/device_fast_path.h"
#include "train/flat_optimizer.h"
#include "train/training_loop_choice.h"

namespace sweeplab {

class ResidentLoop final : public TrainingLoop {
 public:
  explicit ResidentLoop(const LoopSetup& setup);
  const char* name() const override { return "resident"; }
  EpochEnd runEpoch(double lr, TrainingSink& sink) override;

 private:
  StepResult fullBatch(TrainingSink& sink);
  StepResult step(const at::Tensor& rows, TrainingSink& sink);

  LoopSetup setup_;
  FlatOptimizer optimizer_;
  at::Generator shuffle_;
  at::Tensor order_;    // the epoch's permutation of the training rows
  at::Tensor offsets_;  // 0 .. batch size - 1
  at::Tensor cursor_;   // first row of the next batch within `order_`
  bool graphWanted_ = false;
  int eagerSteps_ = 0;
  std::unique_ptr<fast::StepGraph> graph_;
  StepResult graphResult_;  // the captured step's outputs, rewritten by every replay
};

}  // namespace sweeplab
