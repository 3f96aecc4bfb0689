// The trial the group tests build: batch 64, SGD with momentum 0.9 (else none), logging every 10
// steps, on the CPU; the rest from the arguments.
#pragma once

#include "sweeplab/trial.h"

namespace sweeplab::testing {

inline TrialSpec groupTestTrial(int index, const ModelSpec& model, Optimizer optimizer, int seed,
                                double lr, double weightDecay, int epochs) {
  TrialSpec trial;
  trial.index = index;
  trial.spec.device = "cpu";
  trial.spec.model = model;
  TrainingSpec& training = trial.spec.training;
  training.batch_size = 64;
  training.optimizer = optimizer;
  training.momentum = optimizer == Optimizer::Sgd ? 0.9 : 0.0;
  training.seed = seed;
  training.learning_rate = lr;
  training.weight_decay = weightDecay;
  training.max_epochs = epochs;
  training.log_every_n_steps = 10;
  return trial;
}

}  // namespace sweeplab::testing
