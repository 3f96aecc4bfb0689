// Version, device and BLAS facts, read from the running process rather than assumed.
#include "sweeplab/runtime_info.h"

#include <torch/cuda.h>
#include <torch/version.h>

#include <fstream>

#include "sweeplab/errors.h"

#ifdef SWEEPLAB_WITH_CUDA
#include <ATen/cuda/CUDAContext.h>
#endif

namespace sweeplab {

std::string sweeplabVersion() {
  return SWEEPLAB_VERSION;
}

std::string libtorchVersion() {
  return TORCH_VERSION;
}

bool cudaAvailable() {
  return torch::cuda::is_available();
}

std::string describeDevice(const std::string& device) {
  if (device == "cpu" || (device == "auto" && !cudaAvailable())) return "CPU";
  if (!cudaAvailable())
    throw InputError("device: '" + device +
                     "' asks for CUDA, but this LibTorch build has no usable CUDA device "
                     "(allowed here: auto, cpu)");
  int index = 0;
  if (device.rfind("cuda:", 0) == 0) index = std::stoi(device.substr(5));
  if (index >= static_cast<int>(torch::cuda::device_count()))
    throw InputError("device: '" + device + "': there are only " +
                     std::to_string(torch::cuda::device_count()) + " CUDA devices");
#ifdef SWEEPLAB_WITH_CUDA
  return std::string("CUDA ") + std::to_string(index) + ": " +
         at::cuda::getDeviceProperties(index)->name;
#else
  return "CUDA " + std::to_string(index);
#endif
}

std::string blasLibrary() {
  // The BLAS that LibTorch links is chosen by Debian's alternatives at run time, so ask the
  // loader which file it actually mapped.
  std::ifstream maps("/proc/self/maps");
  std::string line;
  while (std::getline(maps, line)) {
    const auto slash = line.find('/');
    if (slash == std::string::npos) continue;
    const std::string path = line.substr(slash);
    if (path.find("openblas") != std::string::npos || path.find("libblas") != std::string::npos ||
        path.find("libmkl") != std::string::npos || path.find("blis") != std::string::npos)
      return path;
  }
  return "unknown";
}

bool usingReferenceBlas() {
  const std::string path = blasLibrary();
  return path.find("/blas/libblas") != std::string::npos;
}

}  // namespace sweeplab
