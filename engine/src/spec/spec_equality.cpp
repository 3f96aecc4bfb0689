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

bool sameSweep(const std::vector<SweepAxis>& a, const std::vector<SweepAxis>& b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i)
    if (a[i].key != b[i].key || a[i].values != b[i].values) return false;
  return true;
}

}  // namespace

bool operator==(const ExperimentSpec& a, const ExperimentSpec& b) {
  return a.name == b.name && a.description == b.description && sameDataset(a.dataset, b.dataset) &&
         sameModel(a.model, b.model) && sameTraining(a.training, b.training) &&
         sameSweep(a.sweep, b.sweep) && a.repeats == b.repeats && a.device == b.device &&
         a.parallel_trials == b.parallel_trials;
}

}  // namespace sweeplab
