#include "run/device_choice.h"

#include "sweeplab/runtime_info.h"

namespace sweeplab {

c10::Device resolveDevice(const std::string& device) {
  if (device == "cpu" || (device == "auto" && !cudaAvailable())) return c10::kCPU;
  describeDevice(device);  // throws a clear error when CUDA is asked for and missing
  return device == "auto" ? c10::Device(c10::kCUDA, 0) : c10::Device(device);
}

}  // namespace sweeplab
