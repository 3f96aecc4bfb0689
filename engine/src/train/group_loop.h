// One interface for the ways a group of trials (trial_grouping.h) can step through its epochs
// together, as TrainingLoop (training_loop.h) is for a trial alone. The group's driver
// (runTrialGroup, trial_group.h) keeps each member's Trainer and its epochs, validation, test,
// checkpoints and reporting; a GroupLoop owns the steps of one epoch of every member still in
// it, in lock step. chooseGroupLoop is the one place that picks the loop.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "train/trial_trainer.h"

namespace sweeplab {

// A member of the group as the driver and its loop share it during an epoch.
struct GroupMember {
  std::unique_ptr<Trainer> trainer;
  bool inEpoch = false;  // still stepping in the current epoch
  EpochEnd end = EpochEnd::Completed;
  bool finished = false;  // has left the group
};

class GroupLoop {
 public:
  virtual ~GroupLoop() = default;
  // Short name for messages and tests: "cpu-kernel-group", "resident-group".
  virtual const char* name() const = 0;
  // Member `index` begins an epoch at learning rate `lr`; its shuffle is drawn now.
  virtual void beginEpoch(size_t index, double lr) = 0;
  // The epoch's steps of every member with inEpoch set, reported to each member's trainer. A
  // member whose stop is asked for before a step ends its epoch as Stopped; one whose step
  // diverges ends it as Completed; either leaves inEpoch.
  virtual void runEpoch(std::vector<GroupMember>& members) = 0;
  // After runEpoch, before the trainer's endEpoch: the member's epoch totals added to its
  // trainer's, and its own model brought up to date for validation and checkpoints.
  virtual void endEpoch(size_t index, const GroupMember& member) = 0;
  // The member has ended for good: its model keeps state of its own, and it takes no more steps.
  virtual void release(size_t index, GroupMember& member) = 0;
};

// The loop for a group of trials whose trainers are built: the CPU step kernel's group loop on
// the CPU, the device's loop on a GPU or when the trials ask for the resident loop. Throws
// std::invalid_argument, naming the reason, when the trials cannot train as a group there.
std::unique_ptr<GroupLoop> chooseGroupLoop(std::vector<GroupMember>& members);

}  // namespace sweeplab
