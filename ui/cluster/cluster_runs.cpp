#include "cluster/cluster_runs.h"

#include <algorithm>
#include <string>
#include <vector>

#include "sweeplab/cluster/cluster_status.h"

namespace sweeplab::ui {

bool clusterRunStillTraining(const QString& runDir) {
  const std::string dir = runDir.toStdString();
  if (!isClusterRun(dir)) return false;
  try {
    const std::vector<ClusterTrialState> states = queryClusterStates(dir);
    return std::any_of(states.begin(), states.end(), heldBySlurm);
  } catch (const std::exception&) {
    // Slurm cannot be asked from here (no commands, no cluster): show the records as they are.
  }
  return false;
}

}  // namespace sweeplab::ui
