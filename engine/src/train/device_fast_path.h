// Speed-ups that only a GPU build of LibTorch offers: a CUDA stream per trial, the training step
// captured once as a CUDA graph and replayed, and Adam as one fused kernel whose step count and
// learning rate live on the device. The engine is built with fastpath/cuda_fast_path.cpp when
// LibTorch has CUDA (and SWEEPLAB_CUDA_FAST_PATH is on), else with fastpath/no_fast_path.cpp,
// whose versions report "not available" so the trainer takes its plain path.
#pragma once

#include <ATen/core/Tensor.h>
#include <c10/core/Device.h>

#include <functional>
#include <memory>
#include <string>

namespace sweeplab::fast {

// False when the engine was built without the CUDA fast path.
bool available();

// While alive, the calling thread's work on `device` goes to a stream of its own, so trials on
// worker threads run side by side on the GPU. Waits for the work already queued on the device
// (the dataset's upload) first. Does nothing for the CPU.
class StreamScope {
 public:
  explicit StreamScope(const c10::Device& device);
  ~StreamScope();
  StreamScope(const StreamScope&) = delete;
  StreamScope& operator=(const StreamScope&) = delete;

 private:
  struct State;
  std::unique_ptr<State> state_;
};

// One training step recorded as a CUDA graph. capture() records what `step` launches without
// running it; every replay() then runs the recorded kernels on the same memory. Tensors the step
// creates stay alive in the graph's memory pool, so outputs read after replay() are current.
class StepGraph {
 public:
  StepGraph();
  ~StepGraph();
  StepGraph(const StepGraph&) = delete;
  StepGraph& operator=(const StepGraph&) = delete;

  // Throws std::runtime_error with the reason when the step cannot be captured.
  void capture(const std::function<void()>& step);
  void replay();

 private:
  struct State;
  std::unique_ptr<State> state_;
};

// Adam (or AdamW when `decoupled`) on one flat parameter buffer in a single fused kernel, reading
// the step count (float32, already incremented for this step) and the learning rate from device
// tensors, so it can be captured in a graph. Returns false when no fused kernel is available.
struct FusedAdam {
  bool decoupled = false;  // AdamW's weight decay instead of Adam's L2 penalty
  double beta1 = 0, beta2 = 0, epsilon = 0, weight_decay = 0;
};
bool fusedAdamStep(const FusedAdam& settings, const at::Tensor& values, const at::Tensor& gradients,
                   const at::Tensor& first, const at::Tensor& second, const at::Tensor& steps,
                   const at::Tensor& learningRate);

// Diagnostics switch: SWEEPLAB_CUDA_GRAPHS=0 in the environment turns graph capture off.
bool graphsWanted();

}  // namespace sweeplab::fast
