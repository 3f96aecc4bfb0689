// The bad-input catalogue's experiment-file cases: YAML syntax, wrong types and ranges, unknown
// and duplicate keys, sweeps, searches, pruning, conflicting settings, --set and the cluster
// section, each with the one line sweeplab-cli must answer with.
#pragma once

#include <QString>
#include <vector>

#include "bad_input_case.h"

namespace sweeplab::test::cases {

inline std::vector<BadInputCase> experimentFileCases() {
  const QString E = "Experiment file";
  return {
      // Experiment files
      {E, "yaml-syntax", "A line indented less than its neighbours (YAML syntax)",
       yaml(experiment(kSynthetic, "  batch_size: 64\n max_epochs: 3\n")), kRun,
       "bad.yaml:9:2: YAML syntax error: end of map not found (check the indentation here and on "
       "the line above: the keys of one section start in the same column, and 'key: value' needs a "
       "space after the colon)"},
      {E, "wrong-type", "Text where a number belongs",
       yaml(experiment(kSynthetic, "  batch_size: lots\n")), kRun,
       "bad.yaml:8:15: training.batch_size: expected a positive integer, got 'lots'"},
      {E, "float-for-integer", "A fraction where an integer belongs",
       yaml(experiment(kSynthetic, "  batch_size: 12.5\n")), kRun,
       "bad.yaml:8:15: training.batch_size: expected a positive integer, got '12.5'"},
      {E, "out-of-range", "A value outside its range",
       yaml(experiment(kSynthetic, "  learning_rate: -0.1\n")), kRun,
       "bad.yaml:8:18: training.learning_rate: expected a positive number, got '-0.1'"},
      {E, "unknown-key", "A misspelt key", yaml(experiment(kSynthetic, "  batchsize: 64\n")), kRun,
       "bad.yaml:8:3: training.batchsize: unknown key (did you mean 'batch_size'?) (allowed here: "
       "batch_size, max_epochs, learning_rate, optimizer, weight_decay, momentum, seed, "
       "log_every_n_steps, test_checkpoint, scheduler, early_stopping)"},
      {E, "unknown-section", "A misspelt section",
       yaml("name: bad\n" + kSynthetic + "trainig:\n  batch_size: 64\n"), kRun,
       "bad.yaml:5:1: trainig: unknown key (did you mean 'training'?) (allowed here: name, "
       "description, repeats, device, parallel_trials, batching, dataset, model, training, search, "
       "pruning, "
       "cluster, sweep)"},
      {E, "duplicate-key", "The same key twice", yaml(experiment(kSynthetic, "  max_epochs: 2\n")),
       kRun, "bad.yaml:8:3: training.max_epochs: already given at line 7; give each key once"},
      {E, "empty-sweep-list", "A swept key with an empty list of values",
       yaml(experiment(kSynthetic, "sweep:\n  training.batch_size: []\n")), kRun,
       "bad.yaml:9:3: training.batch_size: expected a non-empty list of values, e.g. [32, 64]"},
      {E, "unsweepable-key", "Sweeping a key all trials must share",
       yaml(experiment(kSynthetic, "sweep:\n  dataset.samples: [1000, 2000]\n")), kRun,
       "bad.yaml:9:3: dataset.samples: cannot be swept: the dataset and run settings are shared by "
       "every trial (model and training keys can be swept)"},
      {E, "bad-swept-value", "One swept value out of range",
       yaml(experiment(kSynthetic, "sweep:\n  training.batch_size: [64, 0]\n")), kRun,
       "bad.yaml:9:29: training.batch_size: expected a positive integer, got '0'"},
      {E, "search-grid-distribution", "A distribution under the default grid search",
       yaml(experiment(kSynthetic,
                       "sweep:\n  training.learning_rate: {log_uniform: [1e-5, 0.1]}\n")),
       kRun,
       "bad.yaml:9:3: training.learning_rate: a log_uniform is drawn from only by random or tpe "
       "search; the grid needs a list of values, e.g. [32, 64] (or set search: {method: random, "
       "trials: N})"},
      {E, "search-without-trials", "Random search without a number of trials",
       yaml(experiment(kSynthetic,
                       "search:\n  method: random\nsweep:\n  training.learning_rate: "
                       "[0.1, 0.01]\n")),
       kRun,
       "bad.yaml:9:11: search.trials: random search draws search.trials points: give trials: N "
       "(1 or more), e.g. trials: 40"},
      {E, "search-nothing-swept", "Random search with nothing to draw",
       yaml(experiment(kSynthetic, "search: {method: random, trials: 5}\n")), kRun,
       "bad.yaml:8:18: search.method: random search draws its trials from the swept keys, but "
       "nothing is swept (add a key under sweep:, e.g. training.learning_rate: {log_uniform: "
       "[1e-5, 0.1]})"},
      {E, "search-reversed-range", "A range whose bounds are the wrong way round",
       yaml(experiment(kSynthetic,
                       "search: {method: random, trials: 5}\nsweep:\n"
                       "  training.learning_rate: {log_uniform: [0.1, 1e-5]}\n")),
       kRun,
       "bad.yaml:10:42: training.learning_rate: log_uniform [0.1, 1e-05]: the range is empty; the "
       "low bound must be below the high one (for one value, write it as a list: [0.1])"},
      {E, "search-log-from-zero", "A log range starting at 0",
       yaml(experiment(kSynthetic,
                       "search: {method: random, trials: 5}\nsweep:\n"
                       "  training.weight_decay: {log_uniform: [0, 0.01]}\n")),
       kRun,
       "bad.yaml:10:41: training.weight_decay: log_uniform: the low bound must be above 0 (a "
       "logarithm is taken), not 0"},
      {E, "search-int-fraction-bound", "An integer range with a fractional bound",
       yaml(experiment(kSynthetic,
                       "search: {method: random, trials: 5}\nsweep:\n"
                       "  training.batch_size: {int_uniform: [16.5, 64]}\n")),
       kRun,
       "bad.yaml:10:39: training.batch_size: int_uniform takes whole bounds, got 16.5 (use uniform "
       "or log_uniform for fractions)"},
      {E, "search-fractions-for-integer", "A continuous range for an integer key",
       yaml(experiment(kSynthetic,
                       "search: {method: random, trials: 5}\nsweep:\n"
                       "  training.batch_size: {uniform: [16, 64]}\n")),
       kRun,
       "bad.yaml:10:3: training.batch_size: takes whole numbers, but uniform draws fractions: use "
       "int_uniform or int_log_uniform"},
      {E, "search-empty-choice", "A choice with no values",
       yaml(experiment(kSynthetic,
                       "search: {method: random, trials: 5}\nsweep:\n"
                       "  model.name: {choice: []}\n")),
       kRun,
       "bad.yaml:10:3: model.name: choice needs at least one value, e.g. {choice: [64, 128]}"},
      {E, "search-unknown-distribution", "A misspelt distribution",
       yaml(experiment(kSynthetic,
                       "search: {method: random, trials: 5}\nsweep:\n"
                       "  training.learning_rate: {loguniform: [1e-5, 0.1]}\n")),
       kRun,
       "bad.yaml:10:28: training.learning_rate: 'loguniform' is not a distribution (did you mean "
       "'log_uniform'?) (allowed: log_uniform, uniform, int_uniform, int_log_uniform, choice, "
       "step, q)"},
      {E, "pruning-on-test-metric", "Pruning on a metric known only after training",
       yaml(experiment(kSynthetic, "pruning:\n  method: asha\n  metric: test_acc\n")), kRun,
       "bad.yaml:10:11: pruning.metric: test_acc is known only once a trial has ended, but "
       "pruning decides at epoch ends: use a metric recorded at every epoch (val_loss, val_acc, "
       "train_loss or train_acc)"},
      {E, "pruning-after-last-epoch", "A first pruning check after the last epoch",
       yaml(experiment(kSynthetic, "pruning:\n  method: asha\n  min_epochs: 2\n")), kRun,
       "bad.yaml:10:15: pruning.min_epochs: training.max_epochs is 1, below min_epochs 2, so no "
       "trial would ever be pruned (lower min_epochs, or set pruning.method: none)"},
      {E, "conflicting-model-keys", "A catalog model given hidden layers too",
       yaml("name: bad\n" + kSynthetic + "model:\n  name: jsc-tiny\n  hidden: [64]\n"), kRun,
       "bad.yaml:7:11: model.hidden: only used when model.name is mlp, but the model is 'jsc-tiny' "
       "(set name: mlp, or remove this key)"},
      {E, "conflicting-schedule", "A schedule floor above the learning rate",
       yaml(experiment(
           kSynthetic,
           "  learning_rate: 1e-7\n  scheduler:\n    type: cosine\n    eta_min: 1e-6\n")),
       kRun,
       "bad.yaml:11:14: training.scheduler.eta_min: the cosine schedule would raise the learning "
       "rate from 1e-07 to eta_min 1e-06 (choose eta_min <= learning_rate, or another scheduler)"},
      {E, "conflicting-fractions", "Held-out fractions that leave no training rows",
       yaml(experiment("dataset:\n  source: synthetic-jsc\n  samples: 2000\n  test_fraction: 0.6\n"
                       "  val_fraction: 0.99\n")),
       kRun,
       "bad.yaml:6:17: dataset.val_fraction: with test_fraction 0.6 and val_fraction 0.99 only "
       "0.4% of the jets are left for training (at least 10% needed)"},
      {E, "empty-file", "An empty experiment file", yaml(""), kRun,
       "bad.yaml: the file is empty (expected keys such as name, training, sweep)"},
      {E, "not-a-map", "A list where the keys belong", yaml("- name\n- model\n"), kRun,
       "bad.yaml:1:1: expected a map of keys at the top (allowed: name, description, repeats, "
       "device, parallel_trials, batching, dataset, model, training, search, pruning, cluster, "
       "sweep)"},
      {E,
       "bad-override",
       "A --set value out of range",
       yaml(experiment(kSynthetic)),
       {"validate", "bad.yaml", "--set", "training.max_epochs=0"},
       "--set: training.max_epochs: expected a positive integer, got '0'"},
      {E, "cluster-bad-time", "A cluster time limit not in Slurm's form",
       yaml(experiment(kSynthetic, "cluster:\n  time: 2h\n")), kRun,
       "bad.yaml:9:9: cluster.time: expected a Slurm time limit: D-HH:MM:SS, HH:MM:SS, MM:SS or "
       "minutes (e.g. 0-02:00:00 or 120), got '2h'"},
      {E, "cluster-negative-count", "A negative number of CPUs per array task",
       yaml(experiment(kSynthetic, "cluster:\n  cpus_per_task: -2\n")), kRun,
       "bad.yaml:9:18: cluster.cpus_per_task: expected a non-negative integer, got '-2'"},
      {E, "cluster-unknown-key", "A misspelt key of the cluster section",
       yaml(experiment(kSynthetic, "cluster:\n  partiton: gpu\n")), kRun,
       "bad.yaml:9:3: cluster.partiton: unknown key (did you mean 'partition'?) (allowed here: "
       "partition, account, qos, time, mem, cpus_per_task, gpus_per_task, array_parallelism, "
       "trials_per_task, sbatch_args, command_prefix)"},
      {E, "cluster-sbatch-args-not-list", "sbatch_args given as one text instead of a list",
       yaml(experiment(kSynthetic, "cluster:\n  sbatch_args: --exclusive\n")), kRun,
       "bad.yaml:9:16: cluster.sbatch_args: expected a list of sbatch options, e.g. [--exclusive, "
       "--constraint=a100], got '--exclusive'"},
  };
}

}  // namespace sweeplab::test::cases
