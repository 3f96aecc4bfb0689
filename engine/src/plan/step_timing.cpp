#include "plan/step_timing.h"

#include <ATen/Parallel.h>

#include <algorithm>
#include <thread>
#include <vector>

#include "plan/group_step_timing.h"
#include "plan/timing_clock.h"
#include "sweeplab/model_catalog.h"
#include "train/classification_metrics.h"
#include "train/split_evaluation.h"
#include "train/torch_model.h"
#include "train/training_loop_choice.h"

namespace sweeplab {
namespace {

// Does per step what the trainer does (reads the loss, logs every 50th step's accuracy), and
// stops the epoch once enough steps are timed.
class TimingSink final : public TrainingSink {
 public:
  TimingSink(const StopWatch& watch, int classes, int logEvery, double minSeconds, bool stopInEpoch)
      : watch_(watch),
        classes_(classes),
        logEvery_(logEvery),
        minSeconds_(minSeconds),
        stopInEpoch_(stopInEpoch),
        totals_{at::zeros({}, at::kFloat), ConfusionMatrix(classes, at::kCPU)} {}

  bool stopRequested() const override { return done_; }
  bool logsNextStep() const override { return (steps_ + 1) % logEvery_ == 0; }
  bool stepDone(int64_t, const StepResult& result) override {
    ++steps_;
    lossSum_ += result.host_loss ? *result.host_loss : result.loss.item<double>();
    if (steps_ % logEvery_ == 0 && result.logits.defined()) {
      ConfusionMatrix batch(classes_, at::kCPU);
      batch.add(result.logits, result.labels);
      lastAccuracy_ = macroAccuracy(batch.hostCounts());
    }
    last_ = watch_.now();
    if (steps_ == 1) first_ = last_;
    if (steps_ == kWarmupSteps) warm_ = last_;
    if (stopInEpoch_ && steps_ >= kWarmupSteps + kTimedSteps && last_ - warm_ >= minSeconds_)
      done_ = true;
    return true;  // a diverging loss costs the same steps
  }
  EpochTotals& totals() override { return totals_; }

  int64_t steps() const { return steps_; }
  double first() const { return first_; }
  double warm() const { return warm_; }
  double last() const { return last_; }

 private:
  const StopWatch& watch_;
  const int classes_;
  const int logEvery_;
  const double minSeconds_;
  const bool stopInEpoch_;
  EpochTotals totals_;
  int64_t steps_ = 0;
  double lossSum_ = 0;  // kept, as the trainer keeps them, so that no read is optimised away
  double lastAccuracy_ = 0;
  bool done_ = false;
  double first_ = 0, warm_ = 0, last_ = 0;
};

ShapeTiming timeOneCopy(torch::nn::Sequential model, const TimingShape& shape,
                        const DeviceData& data, double minSeconds, StartLine& start) {
  start.arriveAndWait();  // first, so that a copy that fails cannot leave the others waiting
  at::set_num_threads(shape.threads);
  const StopWatch watch(shape.threads == 1);
  TrainingSpec training;
  training.batch_size = shape.batch_size;
  training.optimizer = shape.optimizer;
  training.learning_rate = 1e-3;  // the pace of a step does not depend on the rate
  LoopSetup setup;
  setup.model = model;
  setup.train = &data.train;
  setup.training = &training;
  setup.device = at::kCPU;
  const LoopChoice choice = chooseTrainingLoop(setup);
  const long long epochSteps = stepsPerEpoch(data.train.rows(), shape.batch_size);
  const bool withinAnEpoch = epochSteps >= kWarmupSteps + kTimedSteps;
  TimingSink sink(watch, data.classes, training.log_every_n_steps, minSeconds, withinAnEpoch);

  ShapeTiming timing;
  const double begin = watch.now();
  if (withinAnEpoch) {
    choice.loop->runEpoch(training.learning_rate, sink);
    const int64_t timed = std::max<int64_t>(1, sink.steps() - kWarmupSteps);
    timing.seconds_per_step = (sink.last() - sink.warm()) / timed;
    // The shuffle before the first step, less that step itself.
    timing.seconds_per_epoch = std::max(0.0, sink.first() - begin - timing.seconds_per_step);
  } else {
    // Short epochs: whole ones, shuffle included, until enough steps and time have passed.
    int epochs = 0;
    while (epochs < kMaxWholeEpochs &&
           (epochs < 2 || sink.steps() < kTimedSteps || watch.now() - begin < minSeconds)) {
      choice.loop->runEpoch(training.learning_rate, sink);
      ++epochs;
    }
    timing.seconds_per_step = (watch.now() - begin) / std::max<int64_t>(1, sink.steps());
  }

  timeValidationAndTest(model, data, watch, timing);
  return timing;
}

}  // namespace

ShapeTiming timeTrainingShape(const TimingShape& shape, const DeviceData& data, double minSeconds) {
  const int copies = std::max(1, shape.side_by_side);
  const ModelInfo info =
      describeModel(shape.model, static_cast<int>(data.train.features.size(1)), data.classes);
  // Built here, before the copies start: each copy's models, one per member of a group.
  const int modelsPerCopy = shape.grouped ? kTimedGroupMembers : 1;
  std::vector<std::vector<torch::nn::Sequential>> models(copies);
  for (int c = 0; c < copies; ++c)
    for (int m = 0; m < modelsPerCopy; ++m) models[c].push_back(buildTorchModel(info));

  std::vector<ShapeTiming> timings(copies);
  std::vector<std::exception_ptr> errors(copies);
  StartLine start(copies);
  std::vector<std::thread> threads;
  for (int c = 0; c < copies; ++c) {
    threads.emplace_back([&, c] {
      try {
        timings[c] = shape.grouped ? timeGroupCopy(models[c], shape, data, minSeconds, start)
                                   : timeOneCopy(models[c].front(), shape, data, minSeconds, start);
      } catch (...) {
        errors[c] = std::current_exception();
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  for (const std::exception_ptr& error : errors)
    if (error) std::rethrow_exception(error);

  ShapeTiming mean;
  for (const ShapeTiming& timing : timings) {
    mean.seconds_per_step += timing.seconds_per_step / copies;
    mean.seconds_per_epoch += timing.seconds_per_epoch / copies;
    mean.seconds_per_test += timing.seconds_per_test / copies;
  }
  return mean;
}

}  // namespace sweeplab
