// The group's driver: each member's Trainer through its epochs, the steps of each epoch left to
// the group's loop (group_loop.h), a member leaving as soon as it ends.
#include "train/trial_group.h"

#include <memory>
#include <stdexcept>

#include "train/cpu_group_loop.h"
#include "train/device_fast_path.h"
#include "train/group_loop.h"
#include "train/resident_group.h"
#include "train/trial_grouping.h"

namespace sweeplab {
namespace {

class TrialGroup {
 public:
  TrialGroup(const std::vector<TrialContext>& contexts,
             std::function<void(size_t, const TrialSummary&)> onFinished);
  std::vector<TrialSummary> run();

 private:
  void finishMember(size_t index);

  std::function<void(size_t, const TrialSummary&)> onFinished_;
  std::vector<GroupMember> members_;
  std::unique_ptr<GroupLoop> loop_;
  std::vector<TrialSummary> summaries_;
};

TrialGroup::TrialGroup(const std::vector<TrialContext>& contexts,
                       std::function<void(size_t, const TrialSummary&)> onFinished)
    : onFinished_(std::move(onFinished)) {
  for (const TrialContext& context : contexts) {
    if (context.data != contexts.front().data)
      throw std::invalid_argument("a trial group trains on one dataset");
    const std::string conflict = groupingConflict(*contexts.front().trial, *context.trial);
    if (!conflict.empty()) throw std::invalid_argument("trials cannot share a group: " + conflict);
  }
  for (const TrialContext& context : contexts) {
    GroupMember member;
    member.trainer = std::make_unique<Trainer>(context);
    members_.push_back(std::move(member));
  }
  loop_ = chooseGroupLoop(members_);
  summaries_.resize(members_.size());
}

std::vector<TrialSummary> TrialGroup::run() {
  for (size_t i = 0; i < members_.size(); ++i)
    if (!members_[i].trainer->trainsAnotherEpoch()) finishMember(i);
  for (;;) {
    bool any = false;
    for (size_t i = 0; i < members_.size(); ++i) {
      GroupMember& member = members_[i];
      member.inEpoch = !member.finished;
      member.end = EpochEnd::Completed;
      if (!member.inEpoch) continue;
      any = true;
      loop_->beginEpoch(i, member.trainer->beginEpoch());
    }
    if (!any) break;
    loop_->runEpoch(members_);
    for (size_t i = 0; i < members_.size(); ++i) {
      GroupMember& member = members_[i];
      if (member.finished) continue;
      loop_->endEpoch(i, member);
      member.trainer->endEpoch(member.end);
      if (!member.trainer->trainsAnotherEpoch()) finishMember(i);
    }
  }
  return summaries_;
}

void TrialGroup::finishMember(size_t index) {
  GroupMember& member = members_[index];
  member.finished = true;
  member.inEpoch = false;
  loop_->release(index, member);
  summaries_[index] = member.trainer->finish();
  if (onFinished_) onFinished_(index, summaries_[index]);
}

}  // namespace

// The one place a group's loop is chosen, as chooseTrainingLoop is for a trial alone: the device's
// loop on a GPU, or on the CPU when the resident loop is asked for (tests compare it there with
// the resident loop alone); else the CPU step kernel's.
std::unique_ptr<GroupLoop> chooseGroupLoop(std::vector<GroupMember>& members) {
  const TrialContext& first = members.front().trainer->context();
  if (!first.device.is_cpu() || first.resident_loop) return makeResidentGroupLoop(members);
  return makeCpuGroupLoop(members);
}

std::vector<TrialSummary> runTrialGroup(
    const std::vector<TrialContext>& contexts,
    const std::function<void(size_t, const TrialSummary&)>& on_finished) {
  if (contexts.empty()) return {};
  // On a GPU the group's work goes to a stream of its own, so groups on other threads run beside
  // it; nothing on the CPU.
  const fast::StreamScope stream(contexts.front().device);
  return TrialGroup(contexts, on_finished).run();
}

}  // namespace sweeplab
