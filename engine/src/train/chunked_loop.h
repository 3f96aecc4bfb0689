// The CPU's loops. Each epoch draws one permutation; the rows are copied in that order a chunk at
// a time into buffers kept for the whole trial, and batches are views into the chunk. A full
// permuted copy per trial would cost 40 MB each for trials side by side, and a fresh one per
// epoch page faults worth 15% of the epoch. Two loops share this walk and differ in the step:
// autograd (any model) or the CPU step kernel (cpu_mlp_step.h).
#pragma once

#include <ATen/core/Generator.h>

#include <memory>

#include "train/cpu_mlp_step.h"
#include "train/flat_optimizer.h"
#include "train/training_loop_choice.h"

namespace sweeplab {

class ChunkedLoop : public TrainingLoop {
 public:
  EpochEnd runEpoch(double lr, TrainingSink& sink) override;

 protected:
  explicit ChunkedLoop(const LoopSetup& setup);

  // Trains rows [begin, begin + size) of the current chunk and writes their predicted classes
  // into chunkPredictions_ at the same rows.
  virtual StepResult trainBatch(const at::Tensor& x, const at::Tensor& y, int64_t begin,
                                int64_t size, TrainingSink& sink) = 0;
  // After the epoch's last step (or the one that ended it).
  virtual void finishEpoch(EpochTotals&) {}

  LoopSetup setup_;
  FlatOptimizer optimizer_;
  at::Tensor chunkPredictions_;  // predicted class per row of the chunk

 private:
  at::Generator shuffle_;
  int64_t chunkRows_ = 0;
  at::Tensor chunkX_, chunkY_;  // the current chunk of this epoch's permuted training rows
};

// Every step through LibTorch's autograd.
class AutogradChunkedLoop final : public ChunkedLoop {
 public:
  explicit AutogradChunkedLoop(const LoopSetup& setup) : ChunkedLoop(setup) {}
  const char* name() const override { return "chunked-autograd"; }

 private:
  StepResult trainBatch(const at::Tensor& x, const at::Tensor& y, int64_t begin, int64_t size,
                        TrainingSink& sink) override;
};

// Every step through the CPU step kernel: no tensor op at all unless the step logs, besides the
// optimizer's update.
class CpuKernelLoop final : public ChunkedLoop {
 public:
  // Null when the kernel cannot train this model (CpuMlpStep::create says which cannot).
  static std::unique_ptr<CpuKernelLoop> create(const LoopSetup& setup);
  const char* name() const override { return "cpu-kernel"; }

 private:
  explicit CpuKernelLoop(const LoopSetup& setup) : ChunkedLoop(setup) {}
  StepResult trainBatch(const at::Tensor& x, const at::Tensor& y, int64_t begin, int64_t size,
                        TrainingSink& sink) override;
  void finishEpoch(EpochTotals& totals) override;

  std::unique_ptr<CpuMlpStep> step_;
  double hostLossSum_ = 0;  // the kernel's summed loss this epoch, added to the totals at its end
};

// forward, cross-entropy, zero_grad, backward and the optimizer's step: the autograd step that
// the chunked and the resident loops share.
StepResult autogradStep(torch::nn::Sequential& model, FlatOptimizer& optimizer,
                        const at::Tensor& features, const at::Tensor& labels);

}  // namespace sweeplab
