// PyTorch's Adam and AdamW defaults, as MASE uses them; every optimizer of the engine (alone,
// grouped on the CPU, stacked on a device) takes them from here so they cannot drift apart.
#pragma once

namespace sweeplab::adam {

constexpr double kBeta1 = 0.9;
constexpr double kBeta2 = 0.999;
constexpr double kEpsilon = 1e-8;

}  // namespace sweeplab::adam
