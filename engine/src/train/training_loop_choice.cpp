#include "train/training_loop_choice.h"

#include "train/chunked_loop.h"
#include "train/cpu_mlp_step.h"
#include "train/resident_loop.h"

namespace sweeplab {

LoopChoice chooseTrainingLoop(const LoopSetup& setup) {
  if (setup.device.is_cuda())
    return {std::make_unique<ResidentLoop>(setup),
            "on a GPU the resident loop keeps the shuffle and the batch cursor on the device, so "
            "no step waits for the host (and a CUDA graph replays the step where possible)"};
  if (setup.resident_loop)
    return {std::make_unique<ResidentLoop>(setup), "the resident loop was asked for on the CPU"};
  const char* why = nullptr;
  if (!setup.device.is_cpu()) {
    why = "the CPU step kernel trains on the CPU only";
  } else if (!cpuMlpStepWanted()) {
    why = "the CPU step kernel is turned off (SWEEPLAB_CPU_KERNEL=0)";
  } else if (setup.train->features.scalar_type() != at::kFloat ||
             setup.train->labels.scalar_type() != at::kLong) {
    why = "the CPU step kernel needs float32 features and int64 labels";
  } else if (std::unique_ptr<CpuKernelLoop> kernel = CpuKernelLoop::create(setup)) {
    return {std::move(kernel),
            "every layer has a hand-written CPU step: no autograd or operator dispatch per step"};
  } else {
    why = "the model has a layer the CPU step kernel does not train (e.g. Dropout)";
  }
  return {std::make_unique<AutogradChunkedLoop>(setup), why};
}

}  // namespace sweeplab
