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
  // Values drawn by random or tpe search: the label rounds numbers to 3 significant digits
  // ("learning_rate=3.21e-4"); `swept` keeps their exact text.
  bool drawn = false;
  // A tpe trial: its values are suggested while the sweep runs, so run.json names its folder by
  // its number alone ("003"), and its label is "trial 4 (not suggested yet)" until then.
  bool suggested = false;

  // "batch_size=256" or "lr=0.001, model=jsc-s", plus " seed=1" for repeats; "trial" if none.
  std::string label() const;
  // Safe folder name: "003-batch_size-256"; never contains path separators or "..". A tpe
  // trial's is its number alone ("003"), known before its values are suggested.
  std::string folderName() const;
};

// Every trial of a grid or random search: the grid over the sweep axes (first axis slowest), or
// A drawn value as labels and tables show it: numbers in 3 significant digits with a short
// exponent ("3.21e-4", "0.0123", "64"); anything else as it is.
std::string roundedDrawnValue(const std::string& value);

// search.trials points drawn at random (point i from i and the search seed only), times repeats.
// Validates every trial's spec, so a swept value that is out of range is reported before
// anything trains. A tpe search suggests each point from the results before it, so its trials
// cannot be listed in advance: SpecError at search.method (use search/trial_source.h).
std::vector<TrialSpec> expandTrials(const ExperimentSpec& spec);

// The trials of a study before any trains: expandTrials' list for grid and random; for tpe one
// placeholder per trial (no values yet, label "trial N (not suggested yet)", a folder named by
// its number alone), replaced by the suggestion when the runner hands the trial out.
std::vector<TrialSpec> plannedTrials(const ExperimentSpec& spec);

// How many trials the study runs: grid points (or search.trials) times repeats.
long long trialCount(const ExperimentSpec& spec);

// The `repeats` trials of one point of the study (point p is trials p * repeats ..): the spec
// with `swept` applied and each repeat's seed. Throws SpecError for a value that does not fit.
std::vector<TrialSpec> trialsOfPoint(const ExperimentSpec& spec, int point,
                                     const std::vector<std::pair<std::string, std::string>>& swept);

// Short name of a dotted key for labels: "training.batch_size" -> "batch_size".
std::string shortKey(const std::string& key);

}  // namespace sweeplab
