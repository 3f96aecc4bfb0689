// How many intra-op threads a trial gets. Small models lose badly from OpenMP threads: each
// step's ops are microseconds long, so the threads' barriers dominate, and on a busy machine a
// descheduled thread stalls every step (measured: jsc-tiny, batch 256, 2 threads on 2 busy
// cores took 10-20x longer than 1 thread).
#pragma once

#include "sweeplab/trial.h"

namespace sweeplab {

// At most `available`; 1 when the work of one step is too small to share.
int intraOpThreads(const TrialSpec& trial, int available);

}  // namespace sweeplab
