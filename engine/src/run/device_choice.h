// The device a run trains or evaluates on, from the experiment's or the command line's setting.
#pragma once

#include <c10/core/Device.h>

#include <string>

namespace sweeplab {

// auto (the first CUDA device when there is one, else the CPU), cpu, cuda or cuda:N. Throws
// InputError when CUDA is asked for and this build or machine has none.
c10::Device resolveDevice(const std::string& device);

}  // namespace sweeplab
