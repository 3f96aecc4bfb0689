// Every experiment key in file order, with its range and the explanation forms show as a tooltip.
#include "spec/key_table.h"

#include "spec/cluster_keys.h"
#include "spec/did_you_mean.h"
#include "spec/key_builders.h"
#include "spec/validation.h"
#include "spec/value_text.h"
#include "sweeplab/errors.h"
#include "sweeplab/model_catalog.h"

namespace sweeplab {
namespace {

using S = ExperimentSpec;
constexpr double kInf = std::numeric_limits<double>::infinity();

bool isDeviceName(const std::string& text) {
  if (text == "auto" || text == "cpu" || text == "cuda") return true;
  const std::string prefix = "cuda:";
  if (text.size() <= prefix.size() || text.compare(0, prefix.size(), prefix) != 0) return false;
  const std::string index = text.substr(prefix.size());
  return index.size() <= 4 && index.find_first_not_of("0123456789") == std::string::npos;
}

KeyDef deviceKey() {
  KeyDef def = stringKey(
      "device", [](S& s) -> std::string& { return s.device; },
      "Where trials train: auto picks the first GPU when there is one, else the CPU; cuda:N "
      "picks GPU number N.");
  def.info.choices = {"auto", "cpu", "cuda", "cuda:0"};
  def.info.pattern = "^(auto|cpu|cuda|cuda:[0-9]{1,4})$";
  def.check = [](const S& spec) {
    if (!isDeviceName(spec.device))
      throw ValueError{"expected auto, cpu, cuda or cuda:N, got '" + spec.device + "'"};
  };
  return def;
}

KeyDef nameKey() {
  KeyDef def = stringKey(
      "name", [](S& s) -> std::string& { return s.name; },
      "A short title of the study, used in result folders, tables and figure captions.");
  def.check = [](const S& spec) {
    if (spec.name.empty()) throw ValueError{"expected a non-empty name"};
  };
  return def;
}

std::vector<std::string> modelNames(bool withMlp) {
  std::vector<std::string> names = catalogModelNames();
  if (withMlp) names.push_back("mlp");
  return names;
}

// "model: jsc-s" picks a whole catalog model, so the MLP fields go back to their defaults.
KeyDef modelShorthandKey() {
  KeyDef def = choiceKey(
      "model", [](S& s) -> std::string& { return s.model.name; }, modelNames(false),
      "A catalog model by name; shorthand for model.name that also resets the MLP fields.");
  def.info.shorthand = true;
  auto setName = def.set;
  def.set = [setName](S& spec, const YAML::Node& node) {
    setName(spec, node);
    const std::string name = spec.model.name;
    spec.model = ModelSpec{};
    spec.model.name = name;
  };
  return def;
}

// Unset (null) means "from the metric": accuracies are maximised, losses minimised.
KeyDef directionKey() {
  KeyDef def = choiceKey(
      "search.objective.direction", [](S& s) -> std::string& { return s.search.direction; },
      {"maximize", "minimize"},
      "Whether a larger or a smaller objective is better; null follows the metric (accuracies "
      "are maximised, losses minimised).");
  def.info.nullable = true;
  auto set = def.set;
  def.set = [set](S& spec, const YAML::Node& node) {
    if (node.IsNull() || (node.IsScalar() && node.Scalar().empty()))
      spec.search.direction.clear();
    else
      set(spec, node);
  };
  def.get = [](const S& spec) {
    return spec.search.direction.empty() ? std::string("null") : spec.search.direction;
  };
  auto check = def.check;
  def.check = [check](const S& spec) {
    if (!spec.search.direction.empty()) check(spec);
  };
  return def;
}

// Pruning decides at epoch ends, so only metrics recorded at every epoch end can drive it.
KeyDef pruningMetricKey() {
  KeyDef def = choiceKey(
      "pruning.metric", [](S& s) -> std::string& { return s.pruning.metric; },
      {"val_loss", "val_acc", "train_loss", "train_acc"},
      "The metric the pruner compares at each epoch end (losses lower, accuracies higher is "
      "better).");
  auto set = def.set;
  def.set = [set](S& spec, const YAML::Node& node) {
    const std::string text = scalarText(node);
    for (const char* once : {"test_acc", "test_loss", "best_val_acc", "best_val_loss"})
      if (text == once)
        throw ValueError{text +
                         " is known only once a trial has ended, but pruning decides at "
                         "epoch ends: use a metric recorded at every epoch (val_loss, val_acc, "
                         "train_loss or train_acc)"};
    set(spec, node);
  };
  return def;
}

std::vector<KeyDef> buildTable() {
  std::vector<KeyDef> t;
  t.push_back(nameKey());
  t.push_back(stringKey(
      "description", [](S& s) -> std::string& { return s.description; },
      "Free text: what the study asks and why; shown next to the results."));

  t.push_back(enumKey<DatasetSource>(
      "dataset.source", [](S& s) -> DatasetSource& { return s.dataset.source; },
      {DatasetSource::SyntheticJsc, DatasetSource::JscHdf5, DatasetSource::Csv}, parseDatasetSource,
      "Where the jets come from: synthetic-jsc generates JSC-like data (no file needed), "
      "jsc-hdf5 reads the hls4ml HDF5 file, csv reads a table such as the OpenML export."));
  t.push_back(stringKey(
      "dataset.path", [](S& s) -> std::string& { return s.dataset.path; },
      "The data file for jsc-hdf5 and csv; a relative path is taken from the experiment "
      "file's folder."));
  t.push_back(integerKey(
      "dataset.samples", [](S& s) -> long long& { return s.dataset.samples; },
      between(100, 100000000, false, false),
      "synthetic-jsc only: how many jets to generate before splitting (the real dataset has "
      "830,000)."));
  t.push_back(numberKey(
      "dataset.test_fraction", [](S& s) -> double& { return s.dataset.test_fraction; },
      between(0, 1, true, true),
      "Share of all jets set aside for the final test; they are never seen while training or "
      "choosing the best epoch."));
  t.push_back(integerKey(
      "dataset.split_seed", [](S& s) -> int& { return s.dataset.split_seed; }, atLeast(0),
      "Seed of the random test and validation splits; equal seeds give identical splits, so "
      "trials are compared on the same jets."));
  t.push_back(numberKey(
      "dataset.val_fraction", [](S& s) -> double& { return s.dataset.val_fraction; },
      between(0, 1, true, true),
      "Share of the remaining (non-test) jets held out to validate after each epoch and pick "
      "the best checkpoint."));
  t.push_back(stringKey(
      "dataset.label_column", [](S& s) -> std::string& { return s.dataset.label_column; },
      "csv only: the column holding the jet class; empty means 'class' when present, else the "
      "last column."));
  t.push_back(stringListKey(
      "dataset.feature_columns",
      [](S& s) -> std::vector<std::string>& { return s.dataset.feature_columns; },
      "csv only: the input columns in order; empty means every column except the label."));

  t.push_back(choiceKey(
      "model.name", [](S& s) -> std::string& { return s.model.name; }, modelNames(true),
      "The network: a catalog model (jsc-tiny has 117 trainable parameters, jsc-tiny-x10 about "
      "2,000) or mlp for a network built from the fields below."));
  t.push_back(integerListKey(
      "model.hidden", [](S& s) -> std::vector<int>& { return s.model.hidden; },
      between(1, 1000000, false, false),
      "mlp only: widths of the hidden layers from input to output, e.g. [64, 32, 32]."));
  t.push_back(booleanKey(
      "model.batch_norm", [](S& s) -> bool& { return s.model.batch_norm; },
      "mlp only: normalise each layer's inputs over the batch before the activation, as "
      "jsc-tiny does; it usually makes training less sensitive to the learning rate."));
  t.push_back(choiceKey(
      "model.activation", [](S& s) -> std::string& { return s.model.activation; },
      {"relu", "tanh", "gelu", "leaky_relu"}, "mlp only: the nonlinearity between layers."));
  t.push_back(numberKey(
      "model.dropout", [](S& s) -> double& { return s.model.dropout; }, between(0, 1, false, true),
      "mlp only: probability of zeroing each hidden unit during training, a guard against "
      "overfitting; 0 turns it off."));

  t.push_back(integerKey(
      "training.batch_size", [](S& s) -> int& { return s.training.batch_size; }, atLeast(1),
      "Jets per gradient step. Small batches take more, noisier steps per epoch; large ones "
      "fewer, smoother steps and often need a larger learning rate."));
  t.push_back(integerKey(
      "training.max_epochs", [](S& s) -> int& { return s.training.max_epochs; }, atLeast(1),
      "Passes over the training jets. With the cosine schedule the learning rate reaches its "
      "minimum at the last epoch, so this also sets the schedule's length."));
  t.push_back(numberKey(
      "training.learning_rate", [](S& s) -> double& { return s.training.learning_rate; }, above(0),
      "Step size of the optimizer at the start of training. Too large diverges, too small "
      "barely moves; try factors of 10 first."));
  t.push_back(enumKey<Optimizer>(
      "training.optimizer", [](S& s) -> Optimizer& { return s.training.optimizer; },
      {Optimizer::Adam, Optimizer::AdamW, Optimizer::Sgd}, parseOptimizer,
      "The update rule: adam adapts the step per parameter, adamw is adam with decoupled "
      "weight decay, sgd is plain gradient descent with optional momentum."));
  t.push_back(numberKey(
      "training.weight_decay", [](S& s) -> double& { return s.training.weight_decay; }, atLeast(0),
      "Pull of every weight towards zero (L2 penalty), which discourages overfitting; 0 "
      "turns it off."));
  t.push_back(numberKey(
      "training.momentum", [](S& s) -> double& { return s.training.momentum; },
      between(0, 1, false, true),
      "sgd only: fraction of the previous step carried into the next, smoothing the path "
      "through the loss landscape."));
  t.push_back(enumKey<SchedulerKind>(
      "training.scheduler.type", [](S& s) -> SchedulerKind& { return s.training.scheduler.kind; },
      {SchedulerKind::Cosine, SchedulerKind::Constant, SchedulerKind::Step}, parseSchedulerKind,
      "How the learning rate changes over epochs: cosine glides down to eta_min, constant "
      "keeps it, step multiplies it by gamma every step_size epochs."));
  t.push_back(numberKey(
      "training.scheduler.eta_min", [](S& s) -> double& { return s.training.scheduler.eta_min; },
      atLeast(0), "cosine only: the learning rate reached at the end of the cosine half cycle."));
  t.push_back(optionalIntegerKey(
      "training.scheduler.t_max",
      [](S& s) -> std::optional<int>& { return s.training.scheduler.t_max; }, atLeast(1),
      "cosine only: epochs from the start rate down to eta_min; null follows max_epochs."));
  t.push_back(integerKey(
      "training.scheduler.step_size", [](S& s) -> int& { return s.training.scheduler.step_size; },
      atLeast(1), "step only: epochs between two decays of the learning rate."));
  t.push_back(numberKey(
      "training.scheduler.gamma", [](S& s) -> double& { return s.training.scheduler.gamma; },
      above(0), "step only: factor applied to the learning rate at each decay, e.g. 0.1."));
  t.push_back(integerKey(
      "training.seed", [](S& s) -> int& { return s.training.seed; }, atLeast(0),
      "Seed of weight initialisation and batch shuffling; repeats use seed, seed+1, ... to "
      "show how much results scatter by chance."));
  t.push_back(integerKey(
      "training.log_every_n_steps", [](S& s) -> int& { return s.training.log_every_n_steps; },
      atLeast(1), "How often the training accuracy and loss are recorded, in gradient steps."));
  t.push_back(booleanKey(
      "training.early_stopping.enabled",
      [](S& s) -> bool& { return s.training.early_stopping.enabled; },
      "Stop a trial early once the monitored validation metric stops improving."));
  t.push_back(choiceKey(
      "training.early_stopping.monitor",
      [](S& s) -> std::string& { return s.training.early_stopping.monitor; },
      {"val_loss", "val_acc"},
      "The validation metric watched for improvement: loss (lower is better) or accuracy "
      "(higher is better)."));
  t.push_back(integerKey(
      "training.early_stopping.patience",
      [](S& s) -> int& { return s.training.early_stopping.patience; }, atLeast(1),
      "Epochs without improvement tolerated before stopping."));
  t.push_back(numberKey(
      "training.early_stopping.min_delta",
      [](S& s) -> double& { return s.training.early_stopping.min_delta; }, atLeast(0),
      "The smallest change of the monitored metric that counts as an improvement."));
  t.push_back(enumKey<TestCheckpoint>(
      "training.test_checkpoint",
      [](S& s) -> TestCheckpoint& { return s.training.test_checkpoint; },
      {TestCheckpoint::Best, TestCheckpoint::Last}, parseTestCheckpoint,
      "Which weights the final test uses: best (lowest validation loss) or last (after the "
      "final epoch)."));

  t.push_back(enumKey<SearchMethod>(
      "search.method", [](S& s) -> SearchMethod& { return s.search.method; },
      {SearchMethod::Grid, SearchMethod::Random, SearchMethod::Tpe}, parseSearchMethod,
      "How trials are chosen: grid runs every combination of the swept lists; random draws "
      "search.trials points from the sweep; tpe (Bayesian, Tree-structured Parzen Estimator) "
      "suggests each point from the results so far."));
  t.push_back(integerKey(
      "search.trials", [](S& s) -> int& { return s.search.trials; },
      between(0, static_cast<double>(kMaxTrials), false, false),
      "random and tpe: how many points to draw (each trained `repeats` times); 0 means not "
      "given."));
  t.push_back(optionalIntegerKey(
      "search.seed", [](S& s) -> std::optional<int>& { return s.search.seed; }, atLeast(0),
      "random and tpe: seed of the draws; equal seeds draw the same trials. null follows "
      "training.seed."));
  t.push_back(choiceKey(
      "search.objective.metric", [](S& s) -> std::string& { return s.search.metric; },
      {"best_val_acc", "best_val_loss", "val_acc", "val_loss", "test_acc", "test_loss"},
      "The result that makes a trial the best: best_val_acc (the default) is the validation "
      "accuracy at the epoch of lowest validation loss, the number the tables and the status "
      "line rank by; val_* are the last epoch's."));
  t.push_back(directionKey());
  t.push_back(enumKey<PruningMethod>(
      "pruning.method", [](S& s) -> PruningMethod& { return s.pruning.method; },
      {PruningMethod::None, PruningMethod::Median, PruningMethod::Asha}, parsePruningMethod,
      "Stopping hopeless trials at epoch ends: median stops a trial worse than the median of "
      "earlier trials at the same epoch; asha keeps the top 1/reduction_factor at each rung."));
  t.push_back(pruningMetricKey());
  t.push_back(integerKey(
      "pruning.min_epochs", [](S& s) -> int& { return s.pruning.min_epochs; }, atLeast(1),
      "Epochs every trial trains before it can be pruned: ASHA's first rung, and the median "
      "rule's first check."));
  t.push_back(integerKey(
      "pruning.reduction_factor", [](S& s) -> int& { return s.pruning.reduction_factor; },
      between(2, 100, false, false),
      "asha only: rungs lie at min_epochs x reduction_factor^k, and a trial goes on past a rung "
      "only when it is in the top 1/reduction_factor of the trials that reached it."));
  t.push_back(integerKey(
      "pruning.warmup_trials", [](S& s) -> int& { return s.pruning.warmup_trials; },
      between(0, 100000, false, false),
      "median only: trials that must complete before any trial is pruned."));

  t.push_back(integerKey(
      "repeats", [](S& s) -> int& { return s.repeats; }, between(1, 1000, false, false),
      "Trials per grid point, each with the next seed, to measure the scatter from random "
      "initialisation and shuffling."));
  t.push_back(deviceKey());
  t.push_back(integerKey(
      "parallel_trials", [](S& s) -> int& { return s.parallel_trials; },
      between(0, 1024, false, false),
      "Trials trained at the same time; 0 means one per CPU core. Small models often finish "
      "a sweep sooner in parallel."));
  t.push_back(enumKey<Batching>(
      "batching", [](S& s) -> Batching& { return s.batching; }, {Batching::Auto, Batching::Off},
      parseBatching,
      "auto: trials that differ only in what each keeps its own (seed, learning rate, weight "
      "decay, schedule, epochs) train together as one computation (on the CPU through its step "
      "kernel, on a GPU as one batched step), faster and with the same results to float "
      "rounding; off: each trial trains on its own."));
  for (KeyDef& def : clusterKeyDefs()) t.push_back(std::move(def));
  t.push_back(modelShorthandKey());

  const ExperimentSpec defaults;
  for (auto& def : t) {
    const std::string& key = def.info.key;
    def.info.sweepable =
        key == "model" || key.rfind("model.", 0) == 0 || key.rfind("training.", 0) == 0;
    def.info.default_value = def.get(defaults);
  }
  return t;
}

}  // namespace

const std::vector<KeyDef>& keyDefs() {
  static const std::vector<KeyDef> table = buildTable();
  return table;
}

const KeyDef* findKeyDef(const std::string& key) {
  for (const auto& def : keyDefs())
    if (def.info.key == key) return &def;
  return nullptr;
}

const std::vector<std::string>& sectionNames() {
  static const std::vector<std::string> names = {"dataset",
                                                 "model",
                                                 "training",
                                                 "training.scheduler",
                                                 "training.early_stopping",
                                                 "search",
                                                 "search.objective",
                                                 "pruning",
                                                 "cluster"};
  return names;
}

std::string scalarFormKey(const std::string& section) {
  if (section == "model") return "model";
  if (section == "training.scheduler") return "training.scheduler.type";
  if (section == "training.early_stopping") return "training.early_stopping.enabled";
  if (section == "search") return "search.method";
  if (section == "search.objective") return "search.objective.metric";
  if (section == "pruning") return "pruning.method";
  return "";
}

const std::vector<KeyInfo>& experimentKeys() {
  static const std::vector<KeyInfo> infos = [] {
    std::vector<KeyInfo> out;
    for (const auto& def : keyDefs()) out.push_back(def.info);
    return out;
  }();
  return infos;
}

const KeyInfo* findExperimentKey(const std::string& key) {
  const KeyDef* def = findKeyDef(key);
  return def ? &def->info : nullptr;
}

std::string getValue(const ExperimentSpec& spec, const std::string& key) {
  const KeyDef* def = findKeyDef(key);
  if (!def) {
    std::vector<std::string> keys;
    for (const auto& info : experimentKeys()) keys.push_back(info.key);
    throw SpecError(spec.source_file, 0, 0, key, "unknown key" + didYouMean(key, keys));
  }
  return def->get(spec);
}

}  // namespace sweeplab
