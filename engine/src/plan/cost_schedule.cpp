// The study's wall time from its batches' durations: the runner's workers take batches (a trial,
// or a trial group) in order, and batches side by side share the machine, so each runs slower
// than alone (memory bandwidth, caches). An event simulation over the moments a batch ends, or a
// member of a group leaves it, keeps both facts.
#include <algorithm>
#include <limits>

#include "sweeplab/cost_estimate.h"

namespace sweeplab {
namespace {

// A batch's duration at the pace of c batches side by side.
double durationAt(const TrialDuration& batch, int side, int workers) {
  if (workers <= 1 || side <= 1) return batch.alone;
  const double share = static_cast<double>(std::min(side, workers) - 1) / (workers - 1);
  return batch.alone + (batch.crowded - batch.alone) * share;
}

// The shares of a batch's work still to do when its members end, in the order they are reached.
struct Marks {
  std::vector<double> left;  // descending, the last 0
  std::vector<size_t> member;
};

Marks marksOf(const WorkerBatch& batch) {
  std::vector<size_t> members(batch.member_done.size());
  for (size_t i = 0; i < members.size(); ++i) members[i] = i;
  std::stable_sort(members.begin(), members.end(),
                   [&](size_t a, size_t b) { return batch.member_done[a] < batch.member_done[b]; });
  Marks marks;
  for (size_t i : members) {
    marks.left.push_back(std::max(0.0, 1.0 - batch.member_done[i]));
    marks.member.push_back(i);
  }
  if (marks.left.empty() || marks.left.back() != 0) {
    marks.left.push_back(0);
    marks.member.push_back(members.size());  // the batch's end, no member's
  }
  return marks;
}

}  // namespace

BatchSchedule scheduleBatches(const std::vector<WorkerBatch>& batches, int workers) {
  workers = std::max(1, workers);
  BatchSchedule schedule;
  schedule.start.assign(batches.size(), 0.0);
  schedule.end.assign(batches.size(), 0.0);
  std::vector<Marks> marks;
  for (const WorkerBatch& batch : batches) {
    marks.push_back(marksOf(batch));
    schedule.member_end.emplace_back(batch.member_done.size(), 0.0);
  }
  std::vector<size_t> running;
  std::vector<double> left(batches.size(), 1.0);  // share of each batch's work still to do
  std::vector<size_t> nextMark(batches.size(), 0);
  size_t next = 0;
  double now = 0;
  while (next < batches.size() || !running.empty()) {
    while (static_cast<int>(running.size()) < workers && next < batches.size()) {
      schedule.start[next] = now;
      running.push_back(next++);
    }
    const int side = static_cast<int>(running.size());
    // Until the next moment a batch ends or one of its members leaves.
    double step = std::numeric_limits<double>::infinity();
    for (size_t i : running) {
      const double toMark = left[i] - marks[i].left[nextMark[i]];
      step = std::min(step, toMark * durationAt(batches[i].duration, side, workers));
    }
    if (!(step > 0)) step = 0;  // a batch of no work ends at once
    now += step;
    std::vector<size_t> still;
    for (size_t i : running) {
      const double duration = durationAt(batches[i].duration, side, workers);
      left[i] = duration > 0 ? left[i] - step / duration : 0;
      const Marks& mark = marks[i];
      while (nextMark[i] < mark.left.size() && left[i] - mark.left[nextMark[i]] <= 1e-9) {
        const size_t member = mark.member[nextMark[i]];
        if (member < schedule.member_end[i].size()) schedule.member_end[i][member] = now;
        left[i] = std::min(left[i], mark.left[nextMark[i]]);
        ++nextMark[i];
      }
      if (nextMark[i] == mark.left.size()) {
        schedule.end[i] = now;
      } else {
        still.push_back(i);
      }
    }
    running.swap(still);
  }
  schedule.wall_seconds = now;
  return schedule;
}

Schedule scheduleTrials(const std::vector<TrialDuration>& trials, int workers) {
  std::vector<WorkerBatch> batches;
  for (const TrialDuration& trial : trials) batches.push_back({trial, {1.0}});
  const BatchSchedule batchSchedule = scheduleBatches(batches, workers);
  Schedule schedule;
  schedule.start = batchSchedule.start;
  schedule.end = batchSchedule.end;
  schedule.wall_seconds = batchSchedule.wall_seconds;
  return schedule;
}

}  // namespace sweeplab
