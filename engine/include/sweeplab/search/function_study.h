// A study that evaluates a function instead of training: the sampler's loop as the runner will
// drive it, one trial at a time, for tests and benchmarks of the samplers themselves.
#pragma once

#include <functional>
#include <vector>

#include "sweeplab/search/sampler.h"

namespace sweeplab::search {

struct StudyTrial {
  Suggestion suggestion;
  double objective = 0.0;
  double bestSoFar = 0.0;  // best objective of trials 0..this one, in the study's direction
};

// Trial i is suggested from trials 0..i-1, evaluated and recorded, for `trials` trials. The
// objective gets internal values in the order of the sampler's space (choices as indices).
std::vector<StudyTrial> runFunctionStudy(
    const Sampler& sampler, const std::function<double(const std::vector<double>&)>& objective,
    int trials, Direction direction = Direction::Minimize);

}  // namespace sweeplab::search
