#include "cluster/cluster_runs.h"

#include <set>
#include <string>

#include "sweeplab/cluster/cluster_status.h"

namespace sweeplab::ui {

bool clusterRunStillTraining(const QString& runDir) {
  const std::string dir = runDir.toStdString();
  if (!isClusterRun(dir)) return false;
  try {
    for (const ClusterTrialState& state : queryClusterStates(dir)) {
      static const std::set<std::string> kWithSlurm = {"pending", "starting", "running",
                                                       "requeued"};
      if (kWithSlurm.count(state.state)) return true;
    }
  } catch (const std::exception&) {
    // Slurm cannot be asked from here (no commands, no cluster): show the records as they are.
  }
  return false;
}

}  // namespace sweeplab::ui
