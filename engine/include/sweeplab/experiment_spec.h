// The experiment as a person describes it: what data, which model, how to train, what to sweep.
// Plain structs with MASE's `ch train` defaults; loading, saving and validation live in
// experiment_io.h.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "sweeplab/cluster_settings.h"

namespace sweeplab {

enum class DatasetSource { SyntheticJsc, JscHdf5, Csv };

struct DatasetSpec {
  DatasetSource source = DatasetSource::SyntheticJsc;
  std::string path;            // jsc-hdf5 and csv; relative paths resolve against the file
  long long samples = 830000;  // synthetic-jsc only: rows generated before the split
  double test_fraction = 0.2;  // share of all rows held out for the final test
  int split_seed = 42;         // seeds the train_val/test and train/val splits
  double val_fraction = 0.1;   // share of train_val held out for validation
  std::string label_column;    // csv: empty means "class" when present, else the last column
  std::vector<std::string> feature_columns;  // csv: empty means every other column
};

// A model is either a catalog name ("jsc-tiny") or an explicit MLP.
struct ModelSpec {
  std::string name = "jsc-tiny";    // catalog name, or "mlp" for the fields below
  std::vector<int> hidden;          // mlp: hidden layer widths
  bool batch_norm = true;           // mlp: BatchNorm1d before every activation, as in jsc-tiny
  std::string activation = "relu";  // mlp: relu | tanh | gelu | leaky_relu
  double dropout = 0.0;             // mlp: dropout after each hidden activation, in [0, 1)
};

enum class Optimizer { Adam, AdamW, Sgd };
enum class SchedulerKind { Cosine, Constant, Step };

struct SchedulerSpec {
  SchedulerKind kind = SchedulerKind::Cosine;
  double eta_min = 1e-6;     // cosine: final learning rate
  std::optional<int> t_max;  // cosine: epochs of the half cycle; unset follows max_epochs
  int step_size = 10;        // step: epochs between decays
  double gamma = 0.1;        // step: decay factor
};

struct EarlyStoppingSpec {
  bool enabled = false;
  std::string monitor = "val_loss";  // val_loss | val_acc
  int patience = 5;                  // epochs without improvement before stopping
  double min_delta = 0.0;            // smallest change that counts as an improvement
};

enum class TestCheckpoint { Best, Last };

struct TrainingSpec {
  int batch_size = 128;
  int max_epochs = 20;
  double learning_rate = 1e-5;
  Optimizer optimizer = Optimizer::Adam;
  double weight_decay = 0.0;
  double momentum = 0.0;  // sgd only
  SchedulerSpec scheduler;
  int seed = 0;
  int log_every_n_steps = 50;
  EarlyStoppingSpec early_stopping;
  TestCheckpoint test_checkpoint = TestCheckpoint::Best;
};

// How a swept key's values are given: a list (`[64, 128]`, the grid's values, also drawn from
// with equal chances by random and tpe) or a distribution (`{log_uniform: [1e-5, 1e-1]}`), which
// only random and tpe search can draw from.
enum class SweepKind { Values, Uniform, LogUniform, IntUniform, IntLogUniform, Choice };

// One swept key ("training.batch_size") and its values, kept as the YAML scalars written.
struct SweepAxis {
  SweepAxis() = default;
  SweepAxis(std::string key_, std::vector<std::string> values_)
      : key(std::move(key_)), values(std::move(values_)) {}

  std::string key;
  std::vector<std::string> values;  // Values and Choice
  SweepKind kind = SweepKind::Values;
  double low = 0.0;  // the ranges: low and high bounds, both included
  double high = 0.0;
  std::optional<double> step;  // uniform and int_uniform: draw only low + k * step
};

// How the trials are chosen. grid: every combination of the swept lists. random: `trials` points
// drawn from the sweep, trial i's values depending only on i and the seed. tpe: each point
// suggested by the Tree-structured Parzen Estimator from the trials finished before it.
enum class SearchMethod { Grid, Random, Tpe };

struct SearchSpec {
  SearchMethod method = SearchMethod::Grid;
  int trials = 0;           // random and tpe: points to draw (each run `repeats` times); 0 unset
  std::optional<int> seed;  // unset: training.seed
  // What "best" means: the trial result tpe optimises and searched studies rank by. The default
  // is the number the status line and tables call the best trial's: the validation accuracy at
  // the epoch of lowest validation loss (the tested checkpoint).
  std::string metric = "best_val_acc";
  std::string direction;  // maximize | minimize; empty: from the metric (acc max, loss min)
};

enum class PruningMethod { None, Median, Asha };

// Whether trials that may share one computation train as groups (train/trial_group.h): auto
// groups them where the runner can (the CPU step kernel), off trains each trial on its own.
enum class Batching { Auto, Off };

// Stopping hopeless trials at epoch ends (engine/include/sweeplab/pruning).
struct PruningSpec {
  PruningMethod method = PruningMethod::None;
  std::string metric = "val_loss";  // a metric recorded at every epoch end
  int min_epochs = 1;  // epochs every trial trains before it can be pruned (ASHA's first rung)
  int reduction_factor = 3;  // asha: keep the top 1/reduction_factor at each rung
  int warmup_trials = 5;     // median: trials that complete before any is pruned
};

struct ExperimentSpec {
  std::string name = "experiment";
  std::string description;
  DatasetSpec dataset;
  ModelSpec model;
  TrainingSpec training;
  std::vector<SweepAxis> sweep;  // grid: trials are the grid over all axes, in file order
  SearchSpec search;
  PruningSpec pruning;
  int repeats = 1;              // seeds per grid point: seed, seed+1, ...
  std::string device = "auto";  // auto | cpu | cuda | cuda:N
  int parallel_trials = 1;      // trials trained at the same time; 0 = one per core
  Batching batching = Batching::Auto;
  // The `cluster:` section: where `submit --slurm` sends the study. It never changes what a
  // trial trains or its results (the command line's Slurm options replace single fields).
  SlurmSettings cluster;

  // Where the spec came from; relative dataset paths resolve against its folder.
  std::string source_file;
};

// Names used in files and messages.
const char* toString(DatasetSource source);
const char* toString(Optimizer optimizer);
const char* toString(SchedulerKind kind);
const char* toString(TestCheckpoint checkpoint);
const char* toString(SweepKind kind);  // "values" for a list, else the distribution's name
const char* toString(SearchMethod method);
const char* toString(PruningMethod method);
const char* toString(Batching batching);

}  // namespace sweeplab
