// A small, fully filled run summary shared by the results-layer tests.
#pragma once

#include "sweeplab/metrics.h"

namespace sweeplab::testing {

// Two trials in the shape of the lab report's Tiny vs Tiny-x10 comparison. The second one
// diverged, so it has missing (NaN) values and a message with characters that need quoting.
inline RunSummary twoTrialSummary() {
  RunSummary summary;
  summary.experiment_name = "tiny-vs-x10";
  summary.experiment_file = "experiment.yaml";
  summary.started_at = "2024-03-01T12:00:00Z";
  summary.device = "CPU";
  summary.dataset = "synthetic-jsc, 2000 rows, seed 42";
  summary.dataset_fingerprint = "9f2c4e1a";
  summary.sweeplab_version = "0.1.0";
  summary.libtorch_version = "1.13.1";
  summary.cpu_model = "AMD EPYC 7B13";
  summary.cpu_threads = 2;
  summary.parallel_trials = 2;
  summary.threads_per_trial = 1;
  summary.dataset_source = "synthetic-jsc, 2000 generated samples";
  summary.dataset_content_hash = "0123456789abcdef";
  summary.train_rows = 597600;
  summary.val_rows = 66400;
  summary.test_rows = 166000;

  TrialSummary tiny;
  tiny.index = 0;
  tiny.label = "model=jsc-tiny";
  tiny.swept = {{"model.name", "jsc-tiny"}};
  tiny.model = "jsc-tiny";
  tiny.status = TrialStatus::Finished;
  tiny.train_acc = 0.70125;
  tiny.train_loss = 0.85;
  tiny.val_acc = 0.7101;
  tiny.val_loss = 0.84;
  tiny.best_val_acc = 0.7123;
  tiny.best_val_loss = 0.8399;
  tiny.best_epoch = 18;
  tiny.test_acc = 0.716586;
  tiny.test_loss = 0.846463;
  tiny.test_acc_micro = 0.75;
  tiny.tested_checkpoint = "best";
  tiny.trainable_parameters = 117;
  tiny.train_rows = 597600;
  tiny.val_rows = 66400;
  tiny.test_rows = 166000;
  tiny.device = "CPU";
  tiny.wall_seconds = 605.4;
  tiny.epochs_completed = 20;
  tiny.steps = 46700;
  tiny.folder = "000-model-jsc-tiny";

  TrialSummary large = tiny;
  large.index = 1;
  large.label = "model=jsc-tiny-x10";
  large.swept = {{"model.name", "jsc-tiny-x10"}};
  large.seed = 1;
  large.repeat = 1;
  large.model = "jsc-tiny-x10";
  large.status = TrialStatus::Diverged;
  large.message = "loss is nan, \"lr\" too high";
  large.val_acc = kNoValue;
  large.val_loss = kNoValue;
  large.best_val_acc = 0.7251;
  large.best_epoch = 31;
  large.test_acc = 0.726731;
  large.test_loss = 0.777506;
  large.test_acc_micro = kNoValue;
  large.trainable_parameters = 1997;
  large.wall_seconds = 3725;
  large.epochs_completed = 50;
  large.steps = 116750;
  large.folder = "001-model-jsc-tiny-x10";

  summary.trials = {tiny, large};
  return summary;
}

}  // namespace sweeplab::testing
