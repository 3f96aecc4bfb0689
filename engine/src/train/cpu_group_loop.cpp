#include "train/cpu_group_loop.h"

#include <ATen/ATen.h>
#include <ATen/CPUGeneratorImpl.h>

#include <stdexcept>

#include "train/cpu_mlp_step.h"
#include "train/grouped_optimizer.h"

namespace sweeplab {
namespace {

// What the loop keeps of one member: the tensors the shared step binds to, its shuffle.
struct KernelMember {
  CpuMlpStep::Binding binding;
  at::Generator shuffle;
  at::Tensor order;                  // this epoch's permutation of the training rows
  std::vector<int64_t> counts;       // this epoch's confusion counts, row = true class
  std::vector<int64_t> predictions;  // the last step's predicted class per row
  double hostLossSum = 0;            // as the CPU kernel loop: summed in double, added at the end
};

class CpuGroupLoop final : public GroupLoop {
 public:
  explicit CpuGroupLoop(std::vector<GroupMember>& members);
  const char* name() const override { return "cpu-kernel-group"; }
  void beginEpoch(size_t index, double lr) override;
  void runEpoch(std::vector<GroupMember>& members) override;
  void endEpoch(size_t index, const GroupMember& member) override;
  void release(size_t index, GroupMember& member) override;

 private:
  void prefetchBatch(const KernelMember& member, int64_t begin, const float* features,
                     const int64_t* labels) const;

  const TrainingSpec& training_;  // the first trial's: batch size and optimizer are shared
  const SplitTensors& train_;
  const int classes_;
  std::vector<KernelMember> members_;
  std::unique_ptr<GroupedOptimizer> optimizer_;
  std::unique_ptr<CpuMlpStep> step_;
};

CpuGroupLoop::CpuGroupLoop(std::vector<GroupMember>& members)
    : training_(members.front().trainer->context().trial->spec.training),
      train_(members.front().trainer->context().data->train),
      classes_(members.front().trainer->context().data->classes) {
  if (train_.features.scalar_type() != at::kFloat || train_.labels.scalar_type() != at::kLong)
    throw std::invalid_argument("a trial group needs float32 features and int64 labels");
  std::vector<std::vector<at::Tensor>> parameters;
  std::vector<const TrainingSpec*> specs;
  for (GroupMember& member : members) {
    if (!member.trainer->context().device.is_cpu())
      throw std::invalid_argument("the CPU's group loop trains on the CPU");
    const TrainingSpec& training = member.trainer->context().trial->spec.training;
    KernelMember kernel;
    kernel.shuffle = at::make_generator<at::CPUGeneratorImpl>(training.seed);
    kernel.counts.assign(static_cast<size_t>(classes_) * classes_, 0);
    kernel.predictions.resize(training_.batch_size);
    parameters.push_back(member.trainer->model()->parameters());
    specs.push_back(&training);
    members_.push_back(std::move(kernel));
  }
  // The optimizer first: it gives the parameters the gradient tensors the kernel writes into.
  optimizer_ = std::make_unique<GroupedOptimizer>(training_.optimizer, parameters, specs);
  step_ = CpuMlpStep::create(*members.front().trainer->model(), training_.batch_size);
  if (!step_) throw std::invalid_argument("a trial group needs a model the CPU step kernel trains");
  for (size_t i = 0; i < members.size(); ++i)
    members_[i].binding = step_->bindingFor(*members[i].trainer->model());
}

void CpuGroupLoop::beginEpoch(size_t index, double lr) {
  KernelMember& member = members_[index];
  optimizer_->setLearningRate(static_cast<int>(index), lr);
  member.order = at::randperm(train_.rows(), member.shuffle);
  std::fill(member.counts.begin(), member.counts.end(), 0);
  member.hostLossSum = 0;
}

// The epoch of every member in lock step: the same batch boundaries as the chunked loop (whole
// batches, a tail of one row skipped), each member's batch taken from its own permutation.
void CpuGroupLoop::runEpoch(std::vector<GroupMember>& members) {
  const int64_t rows = train_.rows();
  const int64_t batch = training_.batch_size;
  const float* features = train_.features.data_ptr<float>();
  const int64_t* labels = train_.labels.data_ptr<int64_t>();
  std::vector<int> stepped;
  std::vector<StepResult> results(members.size());
  // A batch ahead is far enough when other members step in between; a trial on its own asks
  // two ahead, or its rows would be on their way still when its next step starts.
  const int64_t prefetchDistance = members.size() > 1 ? 1 : 2;
  for (int64_t begin = 0; begin < rows; begin += batch) {
    const int64_t size = std::min(batch, rows - begin);
    if (size < 2) break;
    stepped.clear();
    for (size_t i = 0; i < members.size(); ++i) {
      GroupMember& member = members[i];
      KernelMember& kernel = members_[i];
      if (!member.inEpoch) continue;
      if (member.trainer->stopRequested()) {
        member.end = EpochEnd::Stopped;
        member.inEpoch = false;
        continue;
      }
      step_->use(kernel.binding);
      const int64_t* rowIndex = kernel.order.data_ptr<int64_t>() + begin;
      StepResult& result = results[i];
      result = StepResult();
      result.host_loss =
          step_->stepGathered(features, labels, rowIndex, size, kernel.predictions.data());
      kernel.hostLossSum += *result.host_loss * static_cast<double>(size);
      for (int64_t b = 0; b < size; ++b)
        ++kernel.counts[labels[rowIndex[b]] * classes_ + kernel.predictions[b]];
      // The shared buffers hold this member's logits only until the next member steps.
      if (member.trainer->logsNextStep()) {
        result.logits = step_->logits();
        result.labels = train_.labels.index_select(0, kernel.order.narrow(0, begin, size));
      }
      stepped.push_back(static_cast<int>(i));
      prefetchBatch(kernel, begin + prefetchDistance * batch, features, labels);
    }
    if (stepped.empty()) break;
    optimizer_->step(stepped);
    for (int i : stepped)
      if (!members[i].trainer->stepDone(size, results[i])) members[i].inEpoch = false;
  }
}

void CpuGroupLoop::endEpoch(size_t index, const GroupMember& member) {
  const KernelMember& kernel = members_[index];
  EpochTotals& totals = member.trainer->totals();
  totals.confusion.addCounts(kernel.counts);
  totals.loss_sum.add_(kernel.hostLossSum);
}

// Asks for the rows of a member's coming batch while the other members step: each row is a cache
// miss in a dataset far larger than the cache, and the kernel would wait for them in turn.
void CpuGroupLoop::prefetchBatch(const KernelMember& member, int64_t begin, const float* features,
                                 const int64_t* labels) const {
  const int64_t end = std::min(begin + training_.batch_size, train_.rows());
  const int64_t* rowIndex = member.order.data_ptr<int64_t>();
  const int64_t inputs = train_.features.size(1);
  for (int64_t b = begin; b < end; ++b) {
    __builtin_prefetch(features + rowIndex[b] * inputs);
    __builtin_prefetch(labels + rowIndex[b]);
  }
}

void CpuGroupLoop::release(size_t index, GroupMember& member) {
  members_[index].order = at::Tensor();
  GroupedOptimizer::release(member.trainer->model()->parameters());
}

}  // namespace

std::unique_ptr<GroupLoop> makeCpuGroupLoop(std::vector<GroupMember>& members) {
  return std::make_unique<CpuGroupLoop>(members);
}

}  // namespace sweeplab
