// A trial group's work as the group loop (train/trial_group.cpp) does it, on one thread: each
// epoch every member still training takes its steps in lock step with the others and is then
// validated and its files written; a member that has trained its epochs is tested and leaves,
// the others go on. The sum is the group's duration; what was done by the moment a member leaves
// places its end.
#include <algorithm>
#include <numeric>

#include "sweeplab/cost_estimate.h"

namespace sweeplab {
namespace {

// One epoch of a member: its steps and its validation (and shuffle).
double epochSeconds(const ShapeTiming& timing, long long stepsPerEpoch) {
  return stepsPerEpoch * timing.seconds_per_step + timing.seconds_per_epoch;
}

// The group's work, at its pace alone, until `member` (a position in `order`) has left.
double workUntilEnd(const std::vector<GroupMember>& members, const std::vector<size_t>& order,
                    size_t member) {
  const int epochs = members[order[member]].epochs;
  double work = 0;
  for (const GroupMember& other : members) {
    const int trained = std::min(other.epochs, epochs);
    // The files grow with the epochs; spread evenly is close enough to place an end.
    const double files = other.epochs > 0 ? other.file_seconds * trained / other.epochs : 0;
    work += trained * epochSeconds(other.alone, other.steps_per_epoch) + files;
  }
  for (size_t i = 0; i <= member; ++i) work += members[order[i]].alone.seconds_per_test;
  return work;
}

// A trial's duration as the single-trial estimate sums it, so that a group of one is that.
double memberSeconds(const GroupMember& member, const ShapeTiming& timing) {
  return member.epochs * epochSeconds(timing, member.steps_per_epoch) + timing.seconds_per_test +
         member.file_seconds;
}

}  // namespace

WorkerBatch groupWork(const std::vector<GroupMember>& members) {
  WorkerBatch batch;
  for (const GroupMember& member : members) {
    batch.duration.alone += memberSeconds(member, member.alone);
    batch.duration.crowded += memberSeconds(member, member.crowded);
  }
  // Members leave by their epochs; those ending at one epoch's end in the group's order.
  std::vector<size_t> order(members.size());
  std::iota(order.begin(), order.end(), size_t{0});
  std::stable_sort(order.begin(), order.end(),
                   [&](size_t a, size_t b) { return members[a].epochs < members[b].epochs; });
  batch.member_done.assign(members.size(), 1.0);
  const double total = batch.duration.alone;
  for (size_t i = 0; i + 1 < order.size(); ++i)
    batch.member_done[order[i]] =
        total > 0 ? std::min(1.0, workUntilEnd(members, order, i) / total) : 1.0;
  return batch;
}

}  // namespace sweeplab
