// Facts about the running build and machine, for --version, the About box and reports.
#pragma once

#include <string>

namespace sweeplab {

std::string sweeplabVersion();
std::string libtorchVersion();
bool cudaAvailable();
// "CPU" or the CUDA device's name for a device string (auto | cpu | cuda | cuda:N).
// Throws InputError when CUDA is asked for and not available.
std::string describeDevice(const std::string& device);
// Name of the BLAS library LibTorch is using, and whether it is the slow reference one.
std::string blasLibrary();
// The processor's model name as the kernel reports it ("unknown" where it does not say).
std::string cpuModel();
bool usingReferenceBlas();

}  // namespace sweeplab
