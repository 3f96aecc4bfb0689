// What the group tests share: the trial they build (batch 64, SGD with momentum 0.9, else none,
// logging every 10 steps, on the CPU) and the runs they compare, a trial alone through runTrial
// and trials together through runTrialGroup, each leaving its summary, points and weights.
#pragma once

#include <QtTest>

#include <atomic>
#include <memory>
#include <vector>

#include "sweeplab/trial.h"
#include "train/checkpoint.h"
#include "train/trainer.h"
#include "train/trial_group.h"

namespace sweeplab::testing {

inline TrialSpec groupTestTrial(int index, const ModelSpec& model, Optimizer optimizer, int seed,
                                double lr, double weightDecay, int epochs) {
  TrialSpec trial;
  trial.index = index;
  trial.spec.device = "cpu";
  trial.spec.model = model;
  TrainingSpec& training = trial.spec.training;
  training.batch_size = 64;
  training.optimizer = optimizer;
  training.momentum = optimizer == Optimizer::Sgd ? 0.9 : 0.0;
  training.seed = seed;
  training.learning_rate = lr;
  training.weight_decay = weightDecay;
  training.max_epochs = epochs;
  training.log_every_n_steps = 10;
  return trial;
}

// What a trial leaves: its summary, its metric points, its weights and buffers first and last.
struct TrialOutcome {
  TrialSummary summary;
  std::vector<MetricPoint> points;
  ModelState initial, final;

  // The values of the points named `name`, in order.
  std::vector<double> curve(const char* name) const {
    std::vector<double> values;
    for (const MetricPoint& point : points)
      if (point.name == name) values.push_back(point.value);
    return values;
  }
};

// Everything one trial's run needs besides the trial: its flags, callbacks and model handle.
struct TrialRun {
  std::atomic<bool> stopSweep{false}, stopTrial{false};
  bool stopAfterFirstPoints = false;
  torch::nn::Sequential model{nullptr};
  TrialOutcome outcome;

  // `residentLoop`: the trial asks for the device's loop, which a group hands to the device's
  // group loop; otherwise the CPU's step kernel trains it.
  TrialContext context(const TrialSpec& trial, const DeviceData& data, bool residentLoop) {
    TrialContext context;
    context.trial = &trial;
    context.data = &data;
    context.stop_sweep = &stopSweep;
    context.stop_trial = &stopTrial;
    context.resident_loop = residentLoop;
    context.on_points = [this](std::vector<MetricPoint> points) {
      outcome.points.insert(outcome.points.end(), points.begin(), points.end());
      if (stopAfterFirstPoints) stopTrial = true;
    };
    context.prepare_model = [this](torch::nn::Sequential& built) {
      model = built;
      outcome.initial = snapshotState(*built);
    };
    return context;
  }
  void finish(const TrialSummary& summary) {
    outcome.summary = summary;
    outcome.final = snapshotState(*model);
  }
};

inline TrialOutcome trainAlone(const TrialSpec& trial, const DeviceData& data, bool residentLoop,
                               bool stopAfterFirstPoints = false) {
  TrialRun run;
  run.stopAfterFirstPoints = stopAfterFirstPoints;
  run.finish(runTrial(run.context(trial, data, residentLoop)));
  return run.outcome;
}

// `stopAfterFirstPoints`: the member that asks for its stop at its first points (-1: none);
// `finishOrder`, when given, receives the members' indices in the order they left the group.
inline std::vector<TrialOutcome> trainGrouped(const std::vector<TrialSpec>& trials,
                                              const DeviceData& data, bool residentLoop,
                                              int stopAfterFirstPoints = -1,
                                              std::vector<size_t>* finishOrder = nullptr) {
  std::vector<std::unique_ptr<TrialRun>> runs;
  std::vector<TrialContext> contexts;
  for (size_t i = 0; i < trials.size(); ++i) {
    runs.push_back(std::make_unique<TrialRun>());
    runs.back()->stopAfterFirstPoints = static_cast<int>(i) == stopAfterFirstPoints;
    contexts.push_back(runs.back()->context(trials[i], data, residentLoop));
  }
  const std::vector<TrialSummary> summaries =
      runTrialGroup(contexts, [&](size_t index, const TrialSummary& summary) {
        if (finishOrder) finishOrder->push_back(index);
        QCOMPARE(summary.index, trials[index].index);
      });
  std::vector<TrialOutcome> outcomes;
  for (size_t i = 0; i < trials.size(); ++i) {
    runs[i]->finish(summaries[i]);
    outcomes.push_back(runs[i]->outcome);
  }
  return outcomes;
}

}  // namespace sweeplab::testing
