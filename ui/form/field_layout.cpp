// Placement and wording of the form's rows; the keys themselves come from the key table.
#include "form/field_layout.h"

#include <map>

namespace sweeplab::ui {

namespace {
bool startsWith(const std::string& text, const char* prefix) {
  return text.rfind(prefix, 0) == 0;
}
}  // namespace

QString pageTitle(FormPage page) {
  switch (page) {
    case FormPage::Study:
      return QStringLiteral("Study");
    case FormPage::Data:
      return QStringLiteral("Data");
    case FormPage::Model:
      return QStringLiteral("Model");
    case FormPage::Training:
      return QStringLiteral("Training");
    case FormPage::Schedule:
      return QStringLiteral("Schedule && stopping");
    case FormPage::Search:
      return QStringLiteral("Search && pruning");
  }
  return {};
}

FormPage pageOf(const std::string& key) {
  if (startsWith(key, "dataset.")) return FormPage::Data;
  if (startsWith(key, "model.")) return FormPage::Model;
  if (startsWith(key, "training.scheduler.") || startsWith(key, "training.early_stopping."))
    return FormPage::Schedule;
  if (startsWith(key, "training.")) return FormPage::Training;
  if (startsWith(key, "search.") || startsWith(key, "pruning.")) return FormPage::Search;
  return FormPage::Study;
}

int columnOf(const std::string& key) {
  static const char* const kRightColumn[] = {
      "repeats",
      "device",
      "parallel_trials",
      "batching",
      "dataset.test_fraction",
      "dataset.val_fraction",
      "dataset.split_seed",
      "dataset.feature_columns",
      "training.weight_decay",
      "training.momentum",
      "training.seed",
      "training.log_every_n_steps",
      "training.test_checkpoint",
      "training.validate_on_train",
  };
  for (const char* right : kRightColumn)
    if (key == right) return 1;
  if (startsWith(key, "training.early_stopping.") || startsWith(key, "pruning.")) return 1;
  return 0;
}

QString fieldLabel(const std::string& key) {
  static const std::map<std::string, const char*> kLabels = {
      {"name", "Name"},
      {"parallel_trials", "Parallel trials"},
      {"batching", "Batched trials"},
      {"dataset.source", "Source"},
      {"dataset.path", "File"},
      {"dataset.val_fraction", "Validation fraction"},
      {"model.name", "Model"},
      {"model.hidden", "Hidden widths"},
      {"model.batch_norm", "Batch norm"},
      {"training.max_epochs", "Max epochs"},
      {"training.log_every_n_steps", "Log every (steps)"},
      {"training.test_checkpoint", "Test checkpoint"},
      {"training.scheduler.type", "Scheduler"},
      {"training.scheduler.eta_min", "Final learning rate"},
      {"training.scheduler.t_max", "Half cycle (epochs)"},
      {"training.scheduler.step_size", "Step (epochs)"},
      {"training.early_stopping.enabled", "Early stopping"},
      {"training.early_stopping.min_delta", "Min improvement"},
      {"search.method", "Search"},
      {"search.trials", "Trials"},
      {"search.seed", "Search seed"},
      {"search.objective.metric", "Objective"},
      {"search.objective.direction", "Direction"},
      {"pruning.method", "Pruning"},
      {"pruning.metric", "Pruning metric"},
      {"pruning.min_epochs", "Min epochs"},
      {"pruning.reduction_factor", "Reduction factor"},
      {"pruning.warmup_trials", "Warm-up trials"},
  };
  if (auto found = kLabels.find(key); found != kLabels.end())
    return QString::fromLatin1(found->second);
  QString last = QString::fromStdString(key.substr(key.rfind('.') + 1));
  last.replace(QLatin1Char('_'), QLatin1Char(' '));
  if (!last.isEmpty()) last[0] = last[0].toUpper();
  return last;
}

bool isRelevant(const std::string& key, const ExperimentSpec& spec) {
  const DatasetSource source = spec.dataset.source;
  if (key == "dataset.path") return source != DatasetSource::SyntheticJsc;
  if (key == "dataset.samples") return source == DatasetSource::SyntheticJsc;
  if (key == "dataset.label_column" || key == "dataset.feature_columns")
    return source == DatasetSource::Csv;
  if (startsWith(key, "model.") && key != "model.name") return spec.model.name == "mlp";
  if (key == "training.momentum") return spec.training.optimizer == Optimizer::Sgd;
  const SchedulerKind scheduler = spec.training.scheduler.kind;
  if (key == "training.scheduler.eta_min" || key == "training.scheduler.t_max")
    return scheduler == SchedulerKind::Cosine;
  if (key == "training.scheduler.step_size" || key == "training.scheduler.gamma")
    return scheduler == SchedulerKind::Step;
  if (startsWith(key, "training.early_stopping.") && key != "training.early_stopping.enabled")
    return spec.training.early_stopping.enabled;
  return true;
}

}  // namespace sweeplab::ui
