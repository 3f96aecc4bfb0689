// Field-by-field comparison of experiments; where a spec came from does not make it different.
#include "sweeplab/experiment_io.h"

namespace sweeplab {
namespace {

bool sameDataset(const DatasetSpec& a, const DatasetSpec& b) {
  return a.source == b.source && a.path == b.path && a.samples == b.samples &&
         a.test_fraction == b.test_fraction && a.split_seed == b.split_seed &&
         a.val_fraction == b.val_fraction && a.label_column == b.label_column &&
         a.feature_columns == b.feature_columns;
}

bool sameModel(const ModelSpec& a, const ModelSpec& b) {
  return a.name == b.name && a.hidden == b.hidden && a.batch_norm == b.batch_norm &&
         a.activation == b.activation && a.dropout == b.dropout;
}

bool sameTraining(const TrainingSpec& a, const TrainingSpec& b) {
  const SchedulerSpec &sa = a.scheduler, &sb = b.scheduler;
  const EarlyStoppingSpec &ea = a.early_stopping, &eb = b.early_stopping;
  return a.batch_size == b.batch_size && a.max_epochs == b.max_epochs &&
         a.learning_rate == b.learning_rate && a.optimizer == b.optimizer &&
         a.weight_decay == b.weight_decay && a.momentum == b.momentum && sa.kind == sb.kind &&
         sa.eta_min == sb.eta_min && sa.t_max == sb.t_max && sa.step_size == sb.step_size &&
         sa.gamma == sb.gamma && a.seed == b.seed && a.log_every_n_steps == b.log_every_n_steps &&
         ea.enabled == eb.enabled && ea.monitor == eb.monitor && ea.patience == eb.patience &&
         ea.min_delta == eb.min_delta && a.test_checkpoint == b.test_checkpoint;
}

bool sameSearch(const SearchSpec& a, const SearchSpec& b) {
  return a.method == b.method && a.trials == b.trials && a.seed == b.seed && a.metric == b.metric &&
         a.direction == b.direction;
}

bool samePruning(const PruningSpec& a, const PruningSpec& b) {
  return a.method == b.method && a.metric == b.metric && a.min_epochs == b.min_epochs &&
         a.reduction_factor == b.reduction_factor && a.warmup_trials == b.warmup_trials;
}

// The cluster section is compared as device and parallel_trials are: it is part of what the
// file says, so a spec equals only a spec with the same section (a saved and reloaded file, an
// unedited form). Like them it is no part of a trial's identity in the places that decide what
// trained alike: it is not sweepable, the comparison guard looks at dataset, model and
// training keys only, and every trial of a study carries the same section.
bool sameCluster(const SlurmSettings& a, const SlurmSettings& b) {
  return a.partition == b.partition && a.account == b.account && a.qos == b.qos &&
         a.time == b.time && a.mem == b.mem && a.cpus_per_task == b.cpus_per_task &&
         a.gpus_per_task == b.gpus_per_task && a.array_parallelism == b.array_parallelism &&
         a.trials_per_task == b.trials_per_task && a.sbatch_args == b.sbatch_args &&
         a.command_prefix == b.command_prefix;
}

}  // namespace

bool operator==(const SweepAxis& a, const SweepAxis& b) {
  return a.key == b.key && a.values == b.values && a.kind == b.kind && a.low == b.low &&
         a.high == b.high && a.step == b.step;
}

bool operator==(const ExperimentSpec& a, const ExperimentSpec& b) {
  return a.name == b.name && a.description == b.description && sameDataset(a.dataset, b.dataset) &&
         sameModel(a.model, b.model) && sameTraining(a.training, b.training) &&
         a.sweep == b.sweep && sameSearch(a.search, b.search) &&
         samePruning(a.pruning, b.pruning) && a.repeats == b.repeats && a.device == b.device &&
         a.parallel_trials == b.parallel_trials && a.batching == b.batching &&
         sameCluster(a.cluster, b.cluster);
}

}  // namespace sweeplab
