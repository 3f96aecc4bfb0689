// One interface for the ways a trial's training steps can run. The Trainer owns everything
// around the steps (epochs, learning-rate schedule, validation, test, checkpoints, reporting);
// a TrainingLoop owns the steps of one epoch: the shuffle, the batches, the optimizer. Which
// loop trains a trial is decided in one place, chooseTrainingLoop (training_loop_choice.h).
#pragma once

#include <ATen/core/Tensor.h>

#include <cstdint>
#include <optional>

#include "train/classification_metrics.h"

namespace sweeplab {

// What a training step leaves for logging, detached from autograd.
struct StepResult {
  at::Tensor loss, logits, labels;
  std::optional<double> host_loss;  // a CPU kernel's loss; `loss` is then undefined
};

// What an epoch's steps add up to, summed by the loop and read by the trainer at the epoch's end.
struct EpochTotals {
  at::Tensor loss_sum;  // summed training loss (mean loss x rows of each step), 0-dim
  ConfusionMatrix confusion;
};

// The trainer as a loop sees it during an epoch.
class TrainingSink {
 public:
  virtual ~TrainingSink() = default;
  virtual bool stopRequested() const = 0;
  // Whether the next step logs: a loop that computes logits only on request makes them then.
  virtual bool logsNextStep() const = 0;
  // A finished step of `rows` rows; false when its loss is no longer finite (the trial has
  // diverged and the epoch ends).
  virtual bool stepDone(int64_t rows, const StepResult& result) = 0;
  virtual EpochTotals& totals() = 0;
};

enum class EpochEnd {
  Completed,  // every batch trained, or a step diverged (the sink knows which)
  Stopped,    // a stop was requested before some step
};

class TrainingLoop {
 public:
  virtual ~TrainingLoop() = default;
  // Short name for messages and tests: "cpu-kernel", "chunked-autograd", "resident".
  virtual const char* name() const = 0;
  // Trains one epoch at learning rate `lr`, reporting every step to `sink`.
  virtual EpochEnd runEpoch(double lr, TrainingSink& sink) = 0;
};

}  // namespace sweeplab
