// The group loop's pace: the body of TrialGroup::trainEpoch (each member's gathered kernel step,
// its confusion counts, its logged logits every 50th step, the prefetch of its next batch, then
// the grouped update), without the trainers around it, so the timing can stop inside an epoch.
#include "plan/group_step_timing.h"

#include <ATen/ATen.h>
#include <ATen/CPUGeneratorImpl.h>
#include <ATen/Parallel.h>

#include <algorithm>
#include <memory>
#include <stdexcept>

#include "train/classification_metrics.h"
#include "train/cpu_mlp_step.h"
#include "train/grouped_optimizer.h"
#include "train/split_evaluation.h"

namespace sweeplab {
namespace {

struct TimedMember {
  torch::nn::Sequential model;
  CpuMlpStep::Binding binding;
  at::Generator shuffle;
  at::Tensor order;
  std::vector<int64_t> counts, predictions;
  double lossSum = 0;  // kept, as the group keeps it, so that no read is optimised away
};

class GroupStepTimer {
 public:
  GroupStepTimer(const std::vector<torch::nn::Sequential>& models, const TimingShape& shape,
                 const DeviceData& data, double minSeconds, const StopWatch& watch);
  ShapeTiming time();

 private:
  void shuffle();
  // Steps through the epoch; stops early once enough steps are timed when `stopInEpoch`.
  void runEpoch(bool stopInEpoch);
  void stepMember(TimedMember& member, int64_t begin, int64_t size);

  const TimingShape& shape_;
  const SplitTensors& train_;
  const DeviceData& data_;
  const double minSeconds_;
  const StopWatch& watch_;
  TrainingSpec training_;
  std::vector<TimedMember> members_;
  std::unique_ptr<GroupedOptimizer> optimizer_;
  std::unique_ptr<CpuMlpStep> step_;
  std::vector<int> all_;
  int64_t steps_ = 0;  // group steps, each one step of every member
  double warm_ = 0, last_ = 0;
  double accuracy_ = 0;
};

GroupStepTimer::GroupStepTimer(const std::vector<torch::nn::Sequential>& models,
                               const TimingShape& shape, const DeviceData& data, double minSeconds,
                               const StopWatch& watch)
    : shape_(shape), train_(data.train), data_(data), minSeconds_(minSeconds), watch_(watch) {
  training_.batch_size = shape.batch_size;
  training_.optimizer = shape.optimizer;
  training_.learning_rate = 1e-3;  // the pace of a step does not depend on the rate
  std::vector<std::vector<at::Tensor>> parameters;
  std::vector<const TrainingSpec*> specs;
  for (size_t m = 0; m < models.size(); ++m) {
    TimedMember member;
    member.model = models[m];
    member.shuffle = at::make_generator<at::CPUGeneratorImpl>(m + 1);
    member.counts.assign(static_cast<size_t>(data.classes) * data.classes, 0);
    member.predictions.resize(shape.batch_size);
    parameters.push_back(member.model->parameters());
    specs.push_back(&training_);
    members_.push_back(std::move(member));
    all_.push_back(static_cast<int>(m));
  }
  // The optimizer first: it gives the parameters the gradient tensors the kernel writes into.
  optimizer_ = std::make_unique<GroupedOptimizer>(shape.optimizer, parameters, specs);
  for (int m : all_) optimizer_->setLearningRate(m, training_.learning_rate);
  step_ = CpuMlpStep::create(*members_.front().model, shape.batch_size);
  if (!step_) throw std::invalid_argument("the group loop's step kernel cannot train this model");
  for (TimedMember& member : members_) member.binding = step_->bindingFor(*member.model);
}

void GroupStepTimer::shuffle() {
  for (TimedMember& member : members_) {
    member.order = at::randperm(train_.rows(), member.shuffle);
    std::fill(member.counts.begin(), member.counts.end(), 0);
  }
}

void GroupStepTimer::stepMember(TimedMember& member, int64_t begin, int64_t size) {
  const float* features = train_.features.data_ptr<float>();
  const int64_t* labels = train_.labels.data_ptr<int64_t>();
  const int64_t* order = member.order.data_ptr<int64_t>();
  step_->use(member.binding);
  const double loss =
      step_->stepGathered(features, labels, order + begin, size, member.predictions.data());
  member.lossSum += loss * static_cast<double>(size);
  for (int64_t b = 0; b < size; ++b)
    ++member.counts[labels[order[begin + b]] * data_.classes + member.predictions[b]];
  if ((steps_ + 1) % training_.log_every_n_steps == 0) {
    ConfusionMatrix batch(data_.classes, at::kCPU);
    batch.add(step_->logits(), train_.labels.index_select(0, member.order.narrow(0, begin, size)));
    accuracy_ = macroAccuracy(batch.hostCounts());
  }
  // The next batch's rows, as the group asks for them while the other members step.
  const int64_t next = begin + shape_.batch_size;
  const int64_t end = std::min(next + shape_.batch_size, train_.rows());
  const int64_t inputs = train_.features.size(1);
  for (int64_t b = next; b < end; ++b) {
    __builtin_prefetch(features + order[b] * inputs);
    __builtin_prefetch(labels + order[b]);
  }
}

void GroupStepTimer::runEpoch(bool stopInEpoch) {
  const int64_t rows = train_.rows();
  for (int64_t begin = 0; begin < rows; begin += shape_.batch_size) {
    const int64_t size = std::min<int64_t>(shape_.batch_size, rows - begin);
    if (size < 2) break;
    for (TimedMember& member : members_) stepMember(member, begin, size);
    optimizer_->step(all_);
    ++steps_;
    last_ = watch_.now();
    if (steps_ == kWarmupSteps) warm_ = last_;
    if (stopInEpoch && steps_ >= kWarmupSteps + kTimedSteps && last_ - warm_ >= minSeconds_) return;
  }
}

ShapeTiming GroupStepTimer::time() {
  const double members = static_cast<double>(members_.size());
  const long long epochSteps = stepsPerEpoch(train_.rows(), shape_.batch_size);
  ShapeTiming timing;
  const double begin = watch_.now();
  if (epochSteps >= kWarmupSteps + kTimedSteps) {
    shuffle();
    // Each member's shuffle is part of its epoch.
    timing.seconds_per_epoch = (watch_.now() - begin) / members;
    runEpoch(true);
    const int64_t timed = std::max<int64_t>(1, steps_ - kWarmupSteps);
    timing.seconds_per_step = (last_ - warm_) / (static_cast<double>(timed) * members);
  } else {
    // Short epochs: whole ones, shuffles included, until enough steps and time have passed.
    int epochs = 0;
    while (epochs < kMaxWholeEpochs &&
           (epochs < 2 || steps_ < kTimedSteps || watch_.now() - begin < minSeconds_)) {
      shuffle();
      runEpoch(false);
      ++epochs;
    }
    const int64_t memberSteps = std::max<int64_t>(1, steps_) * members_.size();
    timing.seconds_per_step = (watch_.now() - begin) / static_cast<double>(memberSteps);
  }

  // Each member's validation after each epoch, and its test at its end, as a trial alone.
  torch::nn::Sequential model = members_.front().model;
  timeValidationAndTest(model, data_, watch_, timing);
  return timing;
}

}  // namespace

void timeValidationAndTest(torch::nn::Sequential& model, const DeviceData& data,
                           const StopWatch& watch, ShapeTiming& timing) {
  evaluateSplit(model, data.val, data.classes, at::kCPU);
  const double valBegin = watch.now();
  evaluateSplit(model, data.val, data.classes, at::kCPU);
  const double testBegin = watch.now();
  timing.seconds_per_epoch += testBegin - valBegin;
  evaluateSplit(model, data.test, data.classes, at::kCPU);
  timing.seconds_per_test = watch.now() - testBegin;
}

ShapeTiming timeGroupCopy(const std::vector<torch::nn::Sequential>& models,
                          const TimingShape& shape, const DeviceData& data, double minSeconds,
                          StartLine& start) {
  start.arriveAndWait();  // first, so that a copy that fails cannot leave the others waiting
  at::set_num_threads(shape.threads);
  const StopWatch watch(shape.threads == 1);
  GroupStepTimer timer(models, shape, data, minSeconds, watch);
  return timer.time();
}

}  // namespace sweeplab
