// A trial is one training run of a sweep: the experiment with its swept keys set to one grid
// point, and one seed of the repeats.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "sweeplab/experiment_spec.h"

namespace sweeplab {

struct TrialSpec {
  int index = 0;                                           // position in the sweep, 0-based
  int repeat = 0;                                          // 0 .. repeats-1
  std::vector<std::pair<std::string, std::string>> swept;  // (key, value) of this grid point
  ExperimentSpec spec;  // the experiment with swept values and this repeat's seed applied

  // "batch_size=256" or "lr=0.001, model=jsc-s", plus " seed=1" for repeats; "trial" if none.
  std::string label() const;
  // Safe folder name: "003-batch_size-256"; never contains path separators or "..".
  std::string folderName() const;
};

// The grid over the sweep axes (first axis slowest) times repeats. Validates every trial's
// spec, so a swept value that is out of range is reported before anything trains.
std::vector<TrialSpec> expandTrials(const ExperimentSpec& spec);

// Short name of a dotted key for labels: "training.batch_size" -> "batch_size".
std::string shortKey(const std::string& key);

}  // namespace sweeplab
