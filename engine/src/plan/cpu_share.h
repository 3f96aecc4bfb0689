// How much of a core each of the study's trials would get right now: other processes on the
// machine (a build, another study) stretch every step's wall time by the same factor.
#pragma once

namespace sweeplab {

// `threads` threads busy-loop for `seconds` of wall time side by side; the result is the mean
// share of that time each spent on a core (1: the machine has room for all of them).
double measureCpuShare(int threads, double seconds);

}  // namespace sweeplab
