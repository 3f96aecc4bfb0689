// The fast path's stand-ins for builds without CUDA: nothing to speed up, the trainer's plain
// path runs.
#include <stdexcept>

#include "train/device_fast_path.h"

namespace sweeplab::fast {

bool available() {
  return false;
}

struct StreamScope::State {};
StreamScope::StreamScope(const c10::Device&) {}
StreamScope::~StreamScope() = default;

struct StepGraph::State {};
StepGraph::StepGraph() = default;
StepGraph::~StepGraph() = default;

void StepGraph::capture(const std::function<void()>&) {
  throw std::runtime_error("this build of Sweeplab has no CUDA graph support");
}

void StepGraph::replay() {
  throw std::runtime_error("this build of Sweeplab has no CUDA graph support");
}

bool fusedAdamStep(const FusedAdam&, const at::Tensor&, const at::Tensor&, const at::Tensor&,
                   const at::Tensor&, const at::Tensor&, const at::Tensor&) {
  return false;
}

bool graphsWanted() {
  return false;
}

}  // namespace sweeplab::fast
