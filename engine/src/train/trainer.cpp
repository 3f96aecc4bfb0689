#include "train/trainer.h"

#include "train/device_fast_path.h"
#include "train/training_loop_choice.h"
#include "train/trial_trainer.h"

namespace sweeplab {

TrialSummary runTrial(const TrialContext& context) {
  const fast::StreamScope stream(context.device);
  Trainer trainer(context);
  const LoopChoice choice = chooseTrainingLoop(trainer.loopSetup());
  return trainer.run(*choice.loop);
}

}  // namespace sweeplab
