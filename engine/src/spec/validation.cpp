// Checks of one experiment (no sweep): each key's range, then the combinations of keys that only
// make sense together.
#include "spec/validation.h"

#include <climits>
#include <cstdio>

#include "spec/value_text.h"
#include "sweeplab/errors.h"
#include "sweeplab/model_catalog.h"

namespace sweeplab {
namespace {

// Less than this share of the jets left for training is almost certainly a typo.
constexpr double kMinTrainShare = 0.1;

// "0.4%": three significant digits, since the share is a product of two fractions and its
// exact binary value (0.40000000000000036) says nothing more.
std::string percentText(double share) {
  char text[32];
  std::snprintf(text, sizeof text, "%.3g%%", share * 100);
  return text;
}

void checkDataset(const DatasetSpec& data) {
  const std::string source = toString(data.source);
  if (data.source != DatasetSource::SyntheticJsc && data.path.empty())
    throw KeyedProblem{"dataset.path",
                       "dataset.source is " + source +
                           ", which reads a file: give its path (a relative path is taken from "
                           "the experiment file's folder)",
                       "dataset.source"};
  if (data.source == DatasetSource::SyntheticJsc && !data.path.empty())
    throw KeyedProblem{"dataset.path", "only csv and jsc-hdf5 read a file, but dataset.source is " +
                                           source + " (set the source, or remove path)"};
  if (data.source != DatasetSource::Csv) {
    const char* csvKey = !data.label_column.empty()      ? "dataset.label_column"
                         : !data.feature_columns.empty() ? "dataset.feature_columns"
                                                         : nullptr;
    if (csvKey)
      throw KeyedProblem{csvKey, "only used when dataset.source is csv, but it is " + source};
  }
  const double trainShare = (1 - data.test_fraction) * (1 - data.val_fraction);
  if (trainShare < kMinTrainShare)
    throw KeyedProblem{"dataset.val_fraction",
                       "with test_fraction " + formatNumber(data.test_fraction) +
                           " and val_fraction " + formatNumber(data.val_fraction) + " only " +
                           percentText(trainShare) +
                           " of the jets are left for training (at least 10% needed)"};
}

void checkModel(const ModelSpec& model) {
  if (model.name != "mlp") {
    const ModelSpec mlpDefaults;
    const char* conflicting = !model.hidden.empty()                        ? "model.hidden"
                              : model.batch_norm != mlpDefaults.batch_norm ? "model.batch_norm"
                              : model.activation != mlpDefaults.activation ? "model.activation"
                              : model.dropout != mlpDefaults.dropout       ? "model.dropout"
                                                                           : nullptr;
    if (conflicting)
      throw KeyedProblem{conflicting, "only used when model.name is mlp, but the model is '" +
                                          model.name + "' (set name: mlp, or remove this key)"};
  } else if (model.hidden.empty()) {
    throw KeyedProblem{"model.hidden", "an mlp needs at least one hidden layer, e.g. [64, 32]",
                       "model.name"};
  }
  try {
    describeModel(model);
  } catch (const InputError& error) {
    throw KeyedProblem{"model.name", error.what()};
  }
}

void checkTraining(const ExperimentSpec& spec) {
  const TrainingSpec& training = spec.training;
  if (training.scheduler.kind == SchedulerKind::Cosine &&
      training.scheduler.eta_min > training.learning_rate)
    throw KeyedProblem{"training.scheduler.eta_min",
                       "the cosine schedule would raise the learning rate from " +
                           formatNumber(training.learning_rate) + " to eta_min " +
                           formatNumber(training.scheduler.eta_min) +
                           " (choose eta_min <= learning_rate, or another scheduler)",
                       "training.learning_rate"};
  if (static_cast<long long>(training.seed) + spec.repeats - 1 > INT_MAX)
    throw KeyedProblem{"repeats", "the seeds of the repeats would pass " + std::to_string(INT_MAX) +
                                      " (lower training.seed)"};
}

void checkSearch(const SearchSpec& search) {
  const std::string method = toString(search.method);
  if (search.method == SearchMethod::Grid && search.trials != 0)
    throw KeyedProblem{"search.trials",
                       "only random and tpe search draw a number of trials; the grid runs every "
                       "combination of the swept lists (set search.method to random or tpe, or "
                       "remove trials)"};
  if (search.method != SearchMethod::Grid && search.trials < 1)
    throw KeyedProblem{"search.trials",
                       method +
                           " search draws search.trials points: give trials: N (1 or more), "
                           "e.g. trials: 40",
                       "search.method"};
}

// Settings of another pruning method are mistakes as an mlp's fields are on a catalog model.
void checkPruning(const ExperimentSpec& spec) {
  const PruningSpec& pruning = spec.pruning;
  const PruningSpec defaults;
  const std::string method = toString(pruning.method);
  if (pruning.method == PruningMethod::None) {
    const char* unused = pruning.metric != defaults.metric           ? "pruning.metric"
                         : pruning.min_epochs != defaults.min_epochs ? "pruning.min_epochs"
                         : pruning.reduction_factor != defaults.reduction_factor
                             ? "pruning.reduction_factor"
                         : pruning.warmup_trials != defaults.warmup_trials ? "pruning.warmup_trials"
                                                                           : nullptr;
    if (unused)
      throw KeyedProblem{unused,
                         "only used when pruning.method is median or asha, but it is none (set "
                         "the method, or remove this key)"};
    return;
  }
  if (pruning.method != PruningMethod::Asha &&
      pruning.reduction_factor != defaults.reduction_factor)
    throw KeyedProblem{
        "pruning.reduction_factor",
        "only used when pruning.method is asha, but it is " + method + " (remove this key)"};
  if (pruning.method != PruningMethod::Median && pruning.warmup_trials != defaults.warmup_trials)
    throw KeyedProblem{
        "pruning.warmup_trials",
        "only used when pruning.method is median, but it is " + method + " (remove this key)"};
  if (pruning.min_epochs > spec.training.max_epochs)
    throw KeyedProblem{"pruning.min_epochs",
                       "training.max_epochs is " + std::to_string(spec.training.max_epochs) +
                           ", below min_epochs " + std::to_string(pruning.min_epochs) +
                           ", so no trial would ever be pruned (lower min_epochs, or set "
                           "pruning.method: none)",
                       "pruning.method"};
}

}  // namespace

std::string canonicalKey(const std::string& key) {
  return key == "model" ? "model.name" : key;
}

void checkSingleExperiment(const ExperimentSpec& spec) {
  for (const auto& def : keyDefs()) {
    if (def.info.shorthand) continue;
    try {
      def.check(spec);
    } catch (const ValueError& error) {
      throw KeyedProblem{def.info.key, error.problem};
    }
  }
  checkDataset(spec.dataset);
  checkModel(spec.model);
  checkTraining(spec);
  checkSearch(spec.search);
  checkPruning(spec);
}

void applyValueText(ExperimentSpec& spec, const KeyDef& def, const std::string& text) {
  YAML::Node node;
  const bool quoted = !text.empty() && (text.front() == '"' || text.front() == '\'');
  if (def.info.type == "string" && !quoted) {
    node = YAML::Node(text);  // plain text stays as written, colons and all
  } else {
    try {
      node = YAML::Load(text);
    } catch (const YAML::Exception& error) {
      throw ValueError{"'" + text + "' is not a valid YAML value: " + error.msg};
    }
  }
  ExperimentSpec changed = spec;
  def.set(changed, node);
  def.check(changed);
  spec = std::move(changed);
}

}  // namespace sweeplab
