// EngineBridge's second kind of sweep: a cluster run followed from its run folder. The worker
// thread submits (when asked) and polls; the events reach the GUI thread as a local sweep's.
#include "bridge_events.h"
#include "engine_bridge.h"

namespace sweeplab::ui {

void EngineBridge::follow(FollowRequest request, const std::vector<TrialSpec>& trials,
                          const ExperimentSpec& spec) {
  if (isRunning()) throw std::logic_error("a sweep is already running");
  runner_.reset();
  request.on_states = [this](const std::vector<ClusterTrialState>& states) {
    post({ClusterStatesEvent{states}});
  };
  follower_ = std::make_unique<ClusterRunFollower>(std::move(request));
  prepareSweep(spec, /*recorded=*/true);
  Q_EMIT sweepStarted(trials);
  ClusterRunFollower* follower = follower_.get();
  startWorker([this, follower] { return follower->follow(observers_); });
}

}  // namespace sweeplab::ui
