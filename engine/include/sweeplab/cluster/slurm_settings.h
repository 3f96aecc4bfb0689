// How a study's trials are packed into the array tasks of its Slurm job. The settings
// themselves (SlurmSettings) live in sweeplab/cluster_settings.h, shared with the experiment
// file's cluster: section.
#pragma once

#include <vector>

#include "sweeplab/cluster_settings.h"

namespace sweeplab {

// Trials per array task: the setting when given; otherwise one trial per task up to 100
// trials, and above that as many as keep the array at about 100 tasks, so that a 1,000-trial
// study is 100 scheduler jobs rather than 1,000.
int trialsPerTask(const SlurmSettings& settings, int trials);

// The trials of each array task, in order: task t trains packs[t].
std::vector<std::vector<int>> packTrials(const std::vector<int>& trials, int perTask);

}  // namespace sweeplab
