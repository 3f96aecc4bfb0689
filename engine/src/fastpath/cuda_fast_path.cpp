// The fast path on a CUDA build of LibTorch 2.x (see train/device_fast_path.h).
#include <ATen/ATen.h>
#include <ATen/cuda/CUDAGraph.h>
#include <c10/cuda/CUDAFunctions.h>
#include <c10/cuda/CUDAGuard.h>
#include <c10/cuda/CUDAStream.h>
#include <torch/version.h>

#include <cstdlib>
#include <optional>
#include <stdexcept>
#include <string>

#include "train/device_fast_path.h"

#if TORCH_VERSION_MAJOR < 2
#error "the CUDA fast path needs LibTorch 2.x (configure with -DSWEEPLAB_CUDA_FAST_PATH=OFF)"
#endif

namespace sweeplab::fast {

bool available() {
  return true;
}

struct StreamScope::State {
  std::optional<c10::cuda::CUDAStreamGuard> guard;
};

StreamScope::StreamScope(const c10::Device& device) {
  if (!device.is_cuda()) return;
  const c10::DeviceIndex index = device.has_index() ? device.index() : 0;
  state_ = std::make_unique<State>();
  state_->guard.emplace(c10::cuda::getStreamFromPool(false, index));
  // The dataset was uploaded on the default stream; this stream must not read it before then.
  c10::cuda::device_synchronize();
}

StreamScope::~StreamScope() {
  // Whatever the trial queued finishes before its tensors' memory can be reused by another.
  if (state_) c10::cuda::getCurrentCUDAStream().synchronize();
}

struct StepGraph::State {
  at::cuda::CUDAGraph graph;
};

StepGraph::StepGraph() = default;
StepGraph::~StepGraph() = default;

void StepGraph::capture(const std::function<void()>& step) {
  if (c10::cuda::getCurrentCUDAStream() == c10::cuda::getDefaultCUDAStream())
    throw std::runtime_error("CUDA graphs cannot be captured on the default stream");
  state_ = std::make_unique<State>();
  try {
    // Thread-local mode: trials on other threads may allocate or synchronise meanwhile.
    state_->graph.capture_begin({0, 0}, cudaStreamCaptureModeThreadLocal);
    step();
    state_->graph.capture_end();
  } catch (const std::exception& error) {
    try {
      state_->graph.capture_end();  // leaves capture mode so the stream can go on eagerly
    } catch (const std::exception&) {
    }
    state_.reset();
    throw std::runtime_error(std::string("CUDA graph capture failed: ") + error.what());
  }
}

void StepGraph::replay() {
  if (!state_) throw std::runtime_error("no CUDA graph was captured");
  state_->graph.replay();
}

bool fusedAdamStep(const FusedAdam& settings, const at::Tensor& values, const at::Tensor& gradients,
                   const at::Tensor& first, const at::Tensor& second, const at::Tensor& steps,
                   const at::Tensor& learningRate) {
  if (!values.is_cuda()) return false;
  if (settings.decoupled) {
    at::_fused_adamw_({values}, {gradients}, {first}, {second}, {}, {steps}, learningRate,
                      settings.beta1, settings.beta2, settings.weight_decay, settings.epsilon,
                      /*amsgrad=*/false, /*maximize=*/false);
  } else {
    at::_fused_adam_({values}, {gradients}, {first}, {second}, {}, {steps}, learningRate,
                     settings.beta1, settings.beta2, settings.weight_decay, settings.epsilon,
                     /*amsgrad=*/false, /*maximize=*/false);
  }
  return true;
}

bool graphsWanted() {
  const char* setting = std::getenv("SWEEPLAB_CUDA_GRAPHS");
  return setting == nullptr || std::string(setting) != "0";
}

}  // namespace sweeplab::fast
