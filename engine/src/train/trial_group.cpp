#include "train/trial_group.h"

#include <ATen/ATen.h>
#include <ATen/CPUGeneratorImpl.h>

#include <memory>
#include <stdexcept>

#include "train/cpu_mlp_step.h"
#include "train/grouped_optimizer.h"
#include "train/resident_group.h"
#include "train/trial_grouping.h"
#include "train/trial_trainer.h"

namespace sweeplab {
namespace {

// One trial of the group: its trainer, the tensors the shared step binds to, its shuffle.
struct Member {
  std::unique_ptr<Trainer> trainer;
  CpuMlpStep::Binding binding;
  at::Generator shuffle;
  at::Tensor order;                  // this epoch's permutation of the training rows
  std::vector<int64_t> counts;       // this epoch's confusion counts, row = true class
  std::vector<int64_t> predictions;  // the last step's predicted class per row
  double hostLossSum = 0;            // as the CPU kernel loop: summed in double, added at the end
  bool inEpoch = false;              // still stepping in the current epoch
  bool finished = false;
};

class TrialGroup {
 public:
  TrialGroup(const std::vector<TrialContext>& contexts,
             std::function<void(size_t, const TrialSummary&)> onFinished);
  std::vector<TrialSummary> run();

 private:
  void trainEpoch();
  void prefetchBatch(const Member& member, int64_t begin, const float* features,
                     const int64_t* labels) const;
  void finishMember(size_t index);

  const std::vector<TrialContext>& contexts_;
  std::function<void(size_t, const TrialSummary&)> onFinished_;
  const TrainingSpec& training_;  // the first trial's: batch size and optimizer are shared
  const SplitTensors& train_;
  int classes_ = 0;
  std::vector<Member> members_;
  std::unique_ptr<GroupedOptimizer> optimizer_;
  std::unique_ptr<CpuMlpStep> step_;
  std::vector<TrialSummary> summaries_;
};

TrialGroup::TrialGroup(const std::vector<TrialContext>& contexts,
                       std::function<void(size_t, const TrialSummary&)> onFinished)
    : contexts_(contexts),
      onFinished_(std::move(onFinished)),
      training_(contexts.front().trial->spec.training),
      train_(contexts.front().data->train),
      classes_(contexts.front().data->classes) {
  std::vector<std::vector<at::Tensor>> parameters;
  std::vector<const TrainingSpec*> specs;
  for (const TrialContext& context : contexts) {
    if (context.data != contexts.front().data || !context.device.is_cpu())
      throw std::invalid_argument("a trial group trains on the CPU, on one dataset");
    const std::string conflict = groupingConflict(*contexts.front().trial, *context.trial);
    if (!conflict.empty()) throw std::invalid_argument("trials cannot share a group: " + conflict);
    Member member;
    member.trainer = std::make_unique<Trainer>(context);
    member.shuffle = at::make_generator<at::CPUGeneratorImpl>(context.trial->spec.training.seed);
    member.counts.assign(static_cast<size_t>(classes_) * classes_, 0);
    member.predictions.resize(training_.batch_size);
    parameters.push_back(member.trainer->model()->parameters());
    specs.push_back(&context.trial->spec.training);
    members_.push_back(std::move(member));
  }
  if (train_.features.scalar_type() != at::kFloat || train_.labels.scalar_type() != at::kLong)
    throw std::invalid_argument("a trial group needs float32 features and int64 labels");
  optimizer_ = std::make_unique<GroupedOptimizer>(training_.optimizer, parameters, specs);
  step_ = CpuMlpStep::create(*members_.front().trainer->model(), training_.batch_size);
  if (!step_) throw std::invalid_argument("a trial group needs a model the CPU step kernel trains");
  for (Member& member : members_) member.binding = step_->bindingFor(*member.trainer->model());
  summaries_.resize(members_.size());
}

std::vector<TrialSummary> TrialGroup::run() {
  for (size_t i = 0; i < members_.size(); ++i)
    if (!members_[i].trainer->trainsAnotherEpoch()) finishMember(i);
  for (;;) {
    bool any = false;
    for (size_t i = 0; i < members_.size(); ++i) {
      Member& member = members_[i];
      member.inEpoch = !member.finished;
      if (!member.inEpoch) continue;
      any = true;
      optimizer_->setLearningRate(static_cast<int>(i), member.trainer->beginEpoch());
      member.order = at::randperm(train_.rows(), member.shuffle);
      std::fill(member.counts.begin(), member.counts.end(), 0);
      member.hostLossSum = 0;
    }
    if (!any) break;
    trainEpoch();
  }
  return summaries_;
}

// The epoch of every member in lock step: the same batch boundaries as the chunked loop (whole
// batches, a tail of one row skipped), each member's batch taken from its own permutation.
void TrialGroup::trainEpoch() {
  const int64_t rows = train_.rows();
  const int64_t batch = training_.batch_size;
  const float* features = train_.features.data_ptr<float>();
  const int64_t* labels = train_.labels.data_ptr<int64_t>();
  std::vector<EpochEnd> ends(members_.size(), EpochEnd::Completed);
  std::vector<int> stepped;
  std::vector<StepResult> results(members_.size());
  // A batch ahead is far enough when other members step in between; a trial on its own asks
  // two ahead, or its rows would be on their way still when its next step starts.
  const int64_t prefetchDistance = members_.size() > 1 ? 1 : 2;
  for (int64_t begin = 0; begin < rows; begin += batch) {
    const int64_t size = std::min(batch, rows - begin);
    if (size < 2) break;
    stepped.clear();
    for (size_t i = 0; i < members_.size(); ++i) {
      Member& member = members_[i];
      if (!member.inEpoch) continue;
      if (member.trainer->stopRequested()) {
        ends[i] = EpochEnd::Stopped;
        member.inEpoch = false;
        continue;
      }
      step_->use(member.binding);
      const int64_t* rowIndex = member.order.data_ptr<int64_t>() + begin;
      StepResult& result = results[i];
      result = StepResult();
      result.host_loss =
          step_->stepGathered(features, labels, rowIndex, size, member.predictions.data());
      member.hostLossSum += *result.host_loss * static_cast<double>(size);
      for (int64_t b = 0; b < size; ++b)
        ++member.counts[labels[rowIndex[b]] * classes_ + member.predictions[b]];
      // The shared buffers hold this member's logits only until the next member steps.
      if (member.trainer->logsNextStep()) {
        result.logits = step_->logits();
        result.labels = train_.labels.index_select(0, member.order.narrow(0, begin, size));
      }
      stepped.push_back(static_cast<int>(i));
      prefetchBatch(member, begin + prefetchDistance * batch, features, labels);
    }
    if (stepped.empty()) break;
    optimizer_->step(stepped);
    for (int i : stepped)
      if (!members_[i].trainer->stepDone(size, results[i])) members_[i].inEpoch = false;
  }
  for (size_t i = 0; i < members_.size(); ++i) {
    Member& member = members_[i];
    if (member.finished) continue;
    EpochTotals& totals = member.trainer->totals();
    totals.confusion.addCounts(member.counts);
    totals.loss_sum.add_(member.hostLossSum);
    member.trainer->endEpoch(ends[i]);
    if (!member.trainer->trainsAnotherEpoch()) finishMember(i);
  }
}

// Asks for the rows of a member's coming batch while the other members step: each row is a cache
// miss in a dataset far larger than the cache, and the kernel would wait for them in turn.
void TrialGroup::prefetchBatch(const Member& member, int64_t begin, const float* features,
                               const int64_t* labels) const {
  const int64_t end = std::min(begin + training_.batch_size, train_.rows());
  const int64_t* rowIndex = member.order.data_ptr<int64_t>();
  const int64_t inputs = train_.features.size(1);
  for (int64_t b = begin; b < end; ++b) {
    __builtin_prefetch(features + rowIndex[b] * inputs);
    __builtin_prefetch(labels + rowIndex[b]);
  }
}

void TrialGroup::finishMember(size_t index) {
  Member& member = members_[index];
  member.finished = true;
  member.inEpoch = false;
  member.order = at::Tensor();
  GroupedOptimizer::release(member.trainer->model()->parameters());
  summaries_[index] = member.trainer->finish();
  if (onFinished_) onFinished_(index, summaries_[index]);
}

}  // namespace

std::vector<TrialSummary> runTrialGroup(
    const std::vector<TrialContext>& contexts,
    const std::function<void(size_t, const TrialSummary&)>& on_finished) {
  if (contexts.empty()) return {};
  const TrialContext& first = contexts.front();
  if (!first.device.is_cpu() || first.resident_loop) return runResidentGroup(contexts, on_finished);
  return TrialGroup(contexts, on_finished).run();
}

}  // namespace sweeplab
