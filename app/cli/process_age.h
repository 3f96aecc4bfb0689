// How long ago this process started: at the top of a command, the time its own start took
// (mostly the dynamic loader mapping LibTorch), which a `run` of the same program pays again.
#pragma once

namespace sweeplab::cli {

// Seconds since the process started, to the kernel's clock tick (10 ms); 0 where unknown.
double processAgeSeconds();

}  // namespace sweeplab::cli
