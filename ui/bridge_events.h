// The events the engine's worker thread hands to the GUI thread, in the order they happened.
// Internal to EngineBridge (engine_bridge.cpp, engine_bridge_cluster.cpp).
#pragma once

#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "sweeplab/cluster/cluster_status.h"
#include "sweeplab/metrics.h"
#include "sweeplab/run_observer.h"
#include "sweeplab/trial.h"

namespace sweeplab::ui {

struct StartedEvent {
  SweepInfo info;
};
struct StatusEvent {
  std::string message;
};
struct GroupStartedEvent {
  std::vector<int> trials;  // trained together as one computation
};
struct TrialStartedEvent {
  int trial;
  // A tpe trial's values, suggested as a worker took it: until then the views hold a
  // placeholder. Empty for trials whose values were known from the start.
  std::optional<TrialSpec> suggested;
};
struct MetricsEvent {
  int trial;
  std::vector<MetricPoint> points;
};
struct ProgressEvent {
  int trial;
  TrialProgress progress;
};
struct TrialFinishedEvent {
  TrialSummary summary;
};
struct SweepFinishedEvent {
  RunSummary summary;
};
struct FailedEvent {
  std::string message;
};
// Slurm's view of a cluster run's trials after a poll.
struct ClusterStatesEvent {
  std::vector<ClusterTrialState> states;
};

struct BridgeEvent {
  std::variant<StartedEvent, StatusEvent, GroupStartedEvent, TrialStartedEvent, MetricsEvent,
               ProgressEvent, TrialFinishedEvent, SweepFinishedEvent, FailedEvent,
               ClusterStatesEvent>
      payload;
};

}  // namespace sweeplab::ui
