#include "sweeplab/cluster/slurm_settings.h"

#include <algorithm>

namespace sweeplab {

int trialsPerTask(const SlurmSettings& settings, int trials) {
  if (settings.trials_per_task > 0) return settings.trials_per_task;
  constexpr int kTasksBeforePacking = 100;
  return std::max(1, (trials + kTasksBeforePacking - 1) / kTasksBeforePacking);
}

std::vector<std::vector<int>> packTrials(const std::vector<int>& trials, int perTask) {
  std::vector<std::vector<int>> packs;
  const size_t size = static_cast<size_t>(std::max(1, perTask));
  for (size_t start = 0; start < trials.size(); start += size)
    packs.emplace_back(trials.begin() + start,
                       trials.begin() + std::min(trials.size(), start + size));
  return packs;
}

}  // namespace sweeplab
