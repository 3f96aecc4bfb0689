#include "train/resident_group.h"

#include <ATen/ATen.h>
#include <ATen/CPUGeneratorImpl.h>
#include <c10/core/GradMode.h>

#include <cstdio>
#include <memory>
#include <stdexcept>

#include "train/device_fast_path.h"
#include "train/permutation_draws.h"
#include "train/stacked_model.h"

namespace sweeplab {
namespace {

// What the loop keeps of one member besides its slot in the stacked tensors.
struct DeviceMember {
  at::Generator shuffle;
  bool shuffleDue = false;     // begins an epoch: its permutation is drawn before the steps
  int64_t untrackedSteps = 0;  // steps its batch norms' num_batches_tracked does not count yet
  at::Tensor leftLossSum, leftCounts;  // its epoch totals when it stopped stepping mid-epoch
};

// What one step of the group leaves, [G, ...] each, detached.
struct GroupStep {
  at::Tensor losses, logits, labels;
};

class ResidentGroupLoop final : public GroupLoop {
 public:
  explicit ResidentGroupLoop(std::vector<GroupMember>& members);
  const char* name() const override { return "resident-group"; }
  void beginEpoch(size_t index, double lr) override;
  void runEpoch(std::vector<GroupMember>& members) override;
  void endEpoch(size_t index, const GroupMember& member) override;
  void release(size_t, GroupMember&) override {}  // its model got its state at each epoch end

 private:
  void drawShuffles();
  bool anyMemberSteps(std::vector<GroupMember>& members);
  void report(std::vector<GroupMember>& members, int64_t rows, const GroupStep& done);
  GroupStep fullBatch();
  GroupStep step(const at::Tensor& rows);
  void leaveEpoch(size_t index, GroupMember& member);
  void copyBack(size_t index);

  const TrainingSpec& training_;  // the first trial's: batch size and optimizer are shared
  const SplitTensors& train_;
  const at::Device device_;
  const int classes_;
  const int64_t batch_;
  std::vector<DeviceMember> members_;
  std::unique_ptr<StackedModel> model_;
  // The epoch: each member's permutation in row g, the cursor, and what the steps add up to.
  at::Tensor orders_, offsets_, cursor_, lossSums_, counts_;
  at::Tensor hostOrders_;    // on a GPU: the permutations as drawn, pinned for the copy
  bool epochBegun_ = false;  // the epoch's totals and cursor are reset
  bool graphWanted_ = false;
  int eagerSteps_ = 0;
  std::unique_ptr<fast::StepGraph> graph_;
  GroupStep graphStep_;  // the captured step's outputs, rewritten by every replay
  int firstTrial_ = 0;
};

ResidentGroupLoop::ResidentGroupLoop(std::vector<GroupMember>& members)
    : training_(members.front().trainer->context().trial->spec.training),
      train_(members.front().trainer->context().data->train),
      device_(members.front().trainer->context().device),
      classes_(members.front().trainer->context().data->classes),
      batch_(training_.batch_size),
      firstTrial_(members.front().trainer->context().trial->index) {
  if (!train_.features.is_floating_point() || train_.labels.scalar_type() != at::kLong)
    throw std::invalid_argument("a trial group needs floating-point features and int64 labels");
  std::vector<torch::nn::Sequential> models;
  std::vector<const TrainingSpec*> training;
  for (GroupMember& member : members) {
    const TrialContext& context = member.trainer->context();
    if (context.device != device_)
      throw std::invalid_argument("a trial group trains on one device");
    DeviceMember state;
    // As the resident loop: the same generator, seeded alike, so the same permutations.
    state.shuffle = at::make_generator<at::CPUGeneratorImpl>(context.trial->spec.training.seed);
    members_.push_back(std::move(state));
    models.push_back(member.trainer->model());
    training.push_back(&context.trial->spec.training);
  }
  model_ = std::make_unique<StackedModel>(models, training);
  const auto groupSize = static_cast<int64_t>(members_.size());
  const at::TensorOptions indices = train_.labels.options();
  orders_ = at::empty({groupSize, train_.rows()}, indices);
  offsets_ = at::arange(batch_, indices);
  cursor_ = at::zeros({1}, indices);
  lossSums_ = at::zeros({groupSize}, train_.features.options());
  counts_ = at::zeros({groupSize, classes_ * classes_}, indices);
  graphWanted_ = device_.is_cuda() && fast::available() && fast::graphsWanted();
}

void ResidentGroupLoop::beginEpoch(size_t index, double lr) {
  if (!epochBegun_) {
    lossSums_.zero_();
    counts_.zero_();
    cursor_.zero_();
    epochBegun_ = true;
  }
  // Between steps, never inside the captured one: the graph reads the rates in place.
  model_->setLearningRate(static_cast<int>(index), lr);
  members_[index].shuffleDue = true;
}

// The permutations of the members beginning an epoch, drawn together on the host's cores and
// then copied into their rows of orders_.
void ResidentGroupLoop::drawShuffles() {
  std::vector<at::Generator*> generators;
  std::vector<at::Tensor> targets;
  std::vector<int64_t> slots;
  if (!device_.is_cpu() && !hostOrders_.defined())
    hostOrders_ =
        at::empty(orders_.sizes(), at::TensorOptions(at::kLong).pinned_memory(device_.is_cuda()));
  const at::Tensor& drawnInto = device_.is_cpu() ? orders_ : hostOrders_;
  for (size_t i = 0; i < members_.size(); ++i) {
    if (!members_[i].shuffleDue) continue;
    members_[i].shuffleDue = false;
    const auto g = static_cast<int64_t>(i);
    generators.push_back(&members_[i].shuffle);
    targets.push_back(drawnInto[g]);
    slots.push_back(g);
  }
  drawPermutations(train_.rows(), generators, targets);
  if (device_.is_cpu()) return;
  for (int64_t g : slots) orders_[g].copy_(hostOrders_[g]);
}

// The resident loop's batches, for every member in lock step: all full batches, then the tail
// when it has at least two rows (batch norm cannot train on a single row).
void ResidentGroupLoop::runEpoch(std::vector<GroupMember>& members) {
  epochBegun_ = false;
  drawShuffles();
  const int64_t rows = train_.rows();
  const int64_t fullBatches = rows / batch_;
  const int64_t tail = rows - fullBatches * batch_;
  for (int64_t i = 0; i < fullBatches; ++i) {
    if (!anyMemberSteps(members)) return;
    report(members, batch_, fullBatch());
  }
  if (tail >= 2 && anyMemberSteps(members))
    report(members, tail, step(orders_.narrow(1, fullBatches * batch_, tail)));
}

void ResidentGroupLoop::endEpoch(size_t index, const GroupMember& member) {
  DeviceMember& state = members_[index];
  if (member.inEpoch) copyBack(index);
  const auto g = static_cast<int64_t>(index);
  const at::Tensor lossSum = state.leftLossSum.defined() ? state.leftLossSum : lossSums_[g];
  const at::Tensor counts =
      (state.leftCounts.defined() ? state.leftCounts : counts_[g]).to(at::kCPU).contiguous();
  state.leftLossSum = state.leftCounts = at::Tensor();
  EpochTotals& totals = member.trainer->totals();
  totals.loss_sum.add_(lossSum);
  const int64_t* cells = counts.data_ptr<int64_t>();
  totals.confusion.addCounts(std::vector<int64_t>(cells, cells + counts.numel()));
}

// Before each step: a member whose stop was asked for ends its epoch as Stopped. False when no
// member steps any more this epoch.
bool ResidentGroupLoop::anyMemberSteps(std::vector<GroupMember>& members) {
  bool any = false;
  for (size_t i = 0; i < members.size(); ++i) {
    GroupMember& member = members[i];
    if (!member.inEpoch) continue;
    if (member.trainer->stopRequested()) {
      member.end = EpochEnd::Stopped;
      leaveEpoch(i, member);
      continue;
    }
    any = true;
  }
  return any;
}

// Each stepping member's share of the step, as the resident loop reports a trial's step: its loss
// on the device when its trainer reads it, its logits and labels when the step logs. On a GPU
// that is only at log steps: slicing every member's loss at every step would cost the host a
// tensor per member per step, the bulk of a step's time in a group of a thousand trials.
void ResidentGroupLoop::report(std::vector<GroupMember>& members, int64_t rows,
                               const GroupStep& done) {
  for (size_t i = 0; i < members.size(); ++i) {
    GroupMember& member = members[i];
    if (!member.inEpoch) continue;
    const auto g = static_cast<int64_t>(i);
    ++members_[i].untrackedSteps;
    StepResult result;
    if (member.trainer->readsNextLoss()) result.loss = done.losses[g];
    if (member.trainer->logsNextStep()) {
      result.logits = done.logits[g];
      result.labels = done.labels[g];
    }
    if (!member.trainer->stepDone(rows, result)) leaveEpoch(i, member);
  }
}

// The next full batch of every member: replayed from the graph once one is captured.
GroupStep ResidentGroupLoop::fullBatch() {
  constexpr int kWarmUpSteps = 3;  // eager steps first: cuBLAS and autograd set up lazily
  if (graph_) {
    graph_->replay();
    return graphStep_;
  }
  const auto next = [this] {
    const at::Tensor rows = orders_.index_select(1, offsets_ + cursor_);
    cursor_.add_(batch_);
    return step(rows);
  };
  if (!graphWanted_ || eagerSteps_++ < kWarmUpSteps) return next();
  graphWanted_ = false;
  try {
    auto graph = std::make_unique<fast::StepGraph>();
    graph->capture([&] { graphStep_ = next(); });
    graph_ = std::move(graph);
  } catch (const std::exception& error) {
    // Slower, not wrong: the group goes on without the graph and says why on stderr.
    std::fprintf(stderr, "sweeplab: the group of trial %d trains without a CUDA graph: %s\n",
                 firstTrial_, error.what());
    return next();
  }
  graph_->replay();
  return graphStep_;
}

// One step of every member on its rows ([G, B] positions in the training split).
GroupStep ResidentGroupLoop::step(const at::Tensor& rows) {
  const int64_t groupSize = rows.size(0), size = rows.size(1);
  const at::Tensor flat = rows.reshape({-1});
  const at::Tensor labels = train_.labels.index_select(0, flat).view({groupSize, size});
  const at::Tensor logits =
      model_->forward(train_.features.index_select(0, flat).view({groupSize, size, -1}));
  // Cross-entropy per member, the mean over its own rows as the trial alone takes it.
  const at::Tensor losses =
      at::log_softmax(logits, 2).gather(2, labels.unsqueeze(2)).squeeze(2).mean(1).neg();
  model_->zeroGrad();
  // The members' parameters are apart, so the sum's gradient is each member's own.
  losses.sum().backward();
  model_->step();
  c10::NoGradGuard noGrad;
  GroupStep done{losses.detach(), logits.detach(), labels};
  lossSums_.add_(done.losses, static_cast<double>(size));
  // Confusion counts on the device, row g for member g: no host read per step.
  const at::Tensor cells = labels * classes_ + done.logits.argmax(2);
  counts_.scatter_add_(1, cells, at::ones_like(cells));
  return done;
}

// A member that stops stepping mid-epoch (a stop, divergence) takes its state and its epoch's
// totals so far with it; its slot goes on being computed, unread.
void ResidentGroupLoop::leaveEpoch(size_t index, GroupMember& member) {
  member.inEpoch = false;
  copyBack(index);
  const auto g = static_cast<int64_t>(index);
  members_[index].leftLossSum = lossSums_[g].clone();
  members_[index].leftCounts = counts_[g].clone();
}

// The member's slice of the stacked state into its own model, which the Trainer validates, tests
// and saves.
void ResidentGroupLoop::copyBack(size_t index) {
  model_->copyInto(static_cast<int>(index), members_[index].untrackedSteps);
  members_[index].untrackedSteps = 0;
}

}  // namespace

std::unique_ptr<GroupLoop> makeResidentGroupLoop(std::vector<GroupMember>& members) {
  return std::make_unique<ResidentGroupLoop>(members);
}

}  // namespace sweeplab
