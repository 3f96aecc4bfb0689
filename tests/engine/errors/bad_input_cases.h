// The bad-input catalogue: every way a person can hand sweeplab-cli a broken experiment, data
// file, path or disk, and the one line it must answer with. tst_bad_input runs each case and
// writes docs/errors.md from this same table, so the page cannot drift from the behaviour.
#pragma once

#include <QDir>
#include <QFile>
#include <QString>
#include <QStringList>
#include <cmath>
#include <functional>
#include <limits>
#include <string>
#include <vector>

#include "../data/hdf5_test_writer.h"
#include "sweeplab/dataset.h"

namespace sweeplab::test {

// The folder a case runs in: it writes the case's files there.
class CaseFolder {
 public:
  explicit CaseFolder(QString path) : dir_(std::move(path)) {}
  QString path(const QString& name) const { return dir_.filePath(name); }

  void write(const QString& name, const QByteArray& content) const {
    QFile file(path(name));
    if (file.open(QIODevice::WriteOnly)) file.write(content);
  }
  void makeFolder(const QString& name) const { dir_.mkpath(name); }
  void copy(const QString& from, const QString& name) const { QFile::copy(from, path(name)); }
  void setPermissions(const QString& name, QFile::Permissions permissions) const {
    QFile::setPermissions(path(name), permissions);
  }
  // The hls4ml layout: 16 float features and five one-hot label fields, `rows` rows, with
  // `change` free to rename, retype or drop fields before the file is written.
  void writeJscHdf5(const QString& name, int rows,
                    const std::function<void(std::vector<Hdf5Field>&)>& change = {},
                    const QString& datasetName = "t_allpar_new") const {
    std::vector<Hdf5Field> fields;
    const std::vector<std::string>& features = jscFeatureNames();
    for (std::size_t f = 0; f < features.size(); ++f)
      fields.push_back({features[f], FieldType::Float32,
                        [f](int row) { return 0.25 * double(row) + double(f); }});
    const char* labels[] = {"j_g", "j_q", "j_w", "j_z", "j_t"};
    for (int c = 0; c < 5; ++c)
      fields.push_back({labels[c], FieldType::Int8, [c](int row) { return row % 5 == c ? 1 : 0; }});
    if (change) change(fields);
    writeCompoundHdf5(path(name).toStdString(), datasetName.toStdString(), fields, rows);
  }

 private:
  QDir dir_;
};

struct BadInputCase {
  QString area;     // section of docs/errors.md
  QString name;     // short name, unique
  QString problem;  // what is wrong, in the words of the page
  std::function<void(const CaseFolder&)> prepare;
  QStringList args;  // sweeplab-cli arguments; paths are relative to the case folder
  // The error line after "sweeplab-cli: error: ". Run folders are written runs/NAME-DATE.
  QString message;
  qint64 file_size_limit = 0;            // > 0: run under setrlimit(RLIMIT_FSIZE) (full disk)
  bool needs_permission_checks = false;  // skipped where permissions do not bind (root)
  bool leaves_summary = false;           // the sweep started: summary.json says how it ended
};

namespace cases {

// Small enough that a case which does train finishes in a second.
inline QByteArray experiment(const QByteArray& dataset, const QByteArray& rest = {}) {
  return "name: bad\n" + dataset + "model: jsc-tiny\ntraining:\n  max_epochs: 1\n" + rest;
}
inline const QByteArray kSynthetic = "dataset:\n  source: synthetic-jsc\n  samples: 2000\n";
inline const QByteArray kCsv = "dataset:\n  source: csv\n  path: jets.csv\n";
inline const QByteArray kHdf5 = "dataset:\n  source: jsc-hdf5\n  path: jets.h5\n";
inline const QStringList kRun{"run", "bad.yaml", "--quiet", "--out", "runs"};

inline std::function<void(const CaseFolder&)> yaml(const QByteArray& text) {
  return [text](const CaseFolder& folder) { folder.write("bad.yaml", text); };
}
inline std::function<void(const CaseFolder&)> csv(const QByteArray& text) {
  return [text](const CaseFolder& folder) {
    folder.write("bad.yaml", experiment(kCsv));
    folder.write("jets.csv", text);
  };
}
inline std::function<void(const CaseFolder&)> hdf5(
    int rows, std::function<void(std::vector<Hdf5Field>&)> change = {},
    const QString& datasetName = "t_allpar_new") {
  return [=](const CaseFolder& folder) {
    folder.write("bad.yaml", experiment(kHdf5));
    folder.writeJscHdf5("jets.h5", rows, change, datasetName);
  };
}
inline const QStringList kEvaluate{"evaluate", "tiny.pt", "--experiment", "bad.yaml"};
// A jsc-tiny checkpoint as a run writes it (tests/engine/errors/files/jsc-tiny.pt), next to an
// experiment whose model is `model`.
inline std::function<void(const CaseFolder&)> checkpointFor(const QByteArray& model) {
  return [model](const CaseFolder& folder) {
    folder.write("bad.yaml", "name: bad\n" + kSynthetic + "model: " + model + "\n");
    folder.copy(QStringLiteral(SWEEPLAB_SOURCE_DIR) + "/tests/engine/errors/files/jsc-tiny.pt",
                "tiny.pt");
  };
}
inline void setField(std::vector<Hdf5Field>& fields, const std::string& name, Hdf5Field field) {
  for (Hdf5Field& existing : fields)
    if (existing.name == name) existing = std::move(field);
}

}  // namespace cases

inline const std::vector<BadInputCase>& badInputCases() {
  using namespace cases;
  const QString E = "Experiment file", C = "CSV data", H = "HDF5 data", P = "Paths",
                K = "Checkpoints from elsewhere", D = "Full disk";
  static const std::vector<BadInputCase> table = {
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
       "description, repeats, device, parallel_trials, batching, dataset, model, training, search, pruning, "
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
       "device, parallel_trials, batching, dataset, model, training, search, pruning, cluster, sweep)"},
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

      // CSV data
      {C, "csv-empty", "An empty file", csv(""), kRun,
       "jets.csv: the file is empty; expected a header row of column names"},
      {C, "csv-header-only", "A header and no rows", csv("f1,f2,class\n"), kRun,
       "jets.csv: the file has a header but no data rows"},
      {C, "csv-no-label-column", "The label column named in the experiment is missing",
       [](const CaseFolder& folder) {
         folder.write("bad.yaml", experiment(kCsv + "  label_column: jet_type\n"));
         folder.write("jets.csv", "f1,f2,class\n1,2,a\n3,4,b\n");
       },
       kRun,
       "jets.csv: label column 'jet_type' not found (dataset.label_column must name one of the "
       "columns: 'f1', 'f2', 'class')"},
      {C, "csv-text-in-number", "Text in a feature column", csv("f1,f2,class\n1,2,a\n3,oops,b\n"),
       kRun, "jets.csv:3: column 'f2': 'oops' is not a number"},
      {C, "csv-ragged-row", "A row with fewer fields than the header",
       csv("f1,f2,class\n1,2,a\n3,b\n5,6,a\n"), kRun,
       "jets.csv:3: the row has 2 fields but the header has 3 (a missing or extra comma, or a "
       "cut-off line?)"},
      {C, "csv-nan", "NaN values", csv("f1,f2,class\n1,2,a\n3,nan,b\n5,6,a\nNaN,8,b\n"), kRun,
       "jets.csv: 2 value(s) are NaN or infinite (or too large for float); the first is at line 3, "
       "column 'f2'; drop or fill those rows before training on the file"},
      {C, "csv-infinity", "An infinite value", csv("f1,f2,class\n1,2,a\n3,4,b\n-inf,6,a\n"), kRun,
       "jets.csv: 1 value(s) are NaN or infinite (or too large for float); the first is at line 4, "
       "column 'f1'; drop or fill those rows before training on the file"},
      {C, "csv-too-large-for-float", "A value beyond the float range",
       csv("f1,f2,class\n1,2,a\n3,1e39,b\n"), kRun,
       "jets.csv: 1 value(s) are NaN or infinite (or too large for float); the first is at line 3, "
       "column 'f2'; drop or fill those rows before training on the file"},
      {C, "csv-single-class", "Every row has the same label",
       csv("f1,f2,class\n1,2,a\n3,4,a\n5,6,a\n"), kRun,
       "jets.csv: label column 'class' has a single class 'a'; classification needs at least two "
       "(set dataset.label_column?)"},
      {C, "csv-unclosed-quote", "A quoted field that is never closed",
       csv("f1,f2,class\n1,2,\"a\n3,4,b\n"), kRun,
       "jets.csv:2: a quoted field is never closed (missing \")"},

      // HDF5 data
      {H, "hdf5-not-hdf5", "A text file where the HDF5 file belongs",
       [](const CaseFolder& folder) {
         folder.write("bad.yaml", experiment(kHdf5));
         folder.write("jets.h5", "f1,f2,class\n1,2,a\n");
       },
       kRun,
       "jets.h5: not an HDF5 file (the jsc-hdf5 source expects the hls4ml file with dataset "
       "'t_allpar_new')"},
      {H, "hdf5-missing-dataset", "The table has another name", hdf5(20, {}, "jets"), kRun,
       "jets.h5: dataset 't_allpar_new' not found (it holds the jet features of the hls4ml JSC "
       "file)"},
      {H, "hdf5-missing-field", "A feature field is missing",
       hdf5(20,
            [](std::vector<Hdf5Field>& fields) {
              fields.erase(fields.begin() + 3);  // j_c1_b2_mmdt
            }),
       kRun,
       "jets.h5: dataset 't_allpar_new': missing field(s) 'j_c1_b2_mmdt'; the fields present are "
       "'j_zlogz', 'j_c1_b0_mmdt', 'j_c1_b1_mmdt', 'j_c2_b1_mmdt', 'j_c2_b2_mmdt', 'j_d2_b1_mmdt', "
       "'j_d2_b2_mmdt', 'j_d2_a1_b1_mmdt', 'j_d2_a1_b2_mmdt', 'j_m2_b1_mmdt', 'j_m2_b2_mmdt', "
       "'j_n2_b1_mmdt', 'j_n2_b2_mmdt', 'j_mass_mmdt', 'j_multiplicity', 'j_g', 'j_q', 'j_w', "
       "'j_z', 'j_t'"},
      {H, "hdf5-wrong-field-type", "A label field holds text",
       hdf5(20,
            [](std::vector<Hdf5Field>& fields) {
              setField(fields, "j_w", {"j_w", FieldType::String8, {}});
            }),
       kRun,
       "jets.h5: dataset 't_allpar_new': field 'j_w' is a string field; it must be an integer or "
       "floating-point number"},
      {H, "hdf5-field-outside-row", "A damaged file: a field placed outside its row",
       [](const CaseFolder& folder) {
         folder.write("bad.yaml", experiment(kHdf5));
         folder.copy(QStringLiteral(SWEEPLAB_SOURCE_DIR) +
                         "/tests/engine/errors/files/field-outside-row.h5",
                     "jets.h5");
       },
       kRun,
       "jets.h5: dataset 't_allpar_new': field 'j_d2_b2_mmdt' lies outside the 168-byte rows "
       "(offset 2053111864, size 8); the file is damaged"},
      {H, "hdf5-zero-rows", "The table has no rows", hdf5(0), kRun,
       "jets.h5: dataset 't_allpar_new': has no rows (is this the full hls4ml file?)"},
      {H, "hdf5-not-one-hot", "A row labelled with two classes",
       hdf5(20,
            [](std::vector<Hdf5Field>& fields) {
              setField(fields, "j_t", {"j_t", FieldType::Int8, [](int row) {
                                         return row == 7 || row % 5 == 4 ? 1 : 0;
                                       }});
            }),
       kRun,
       "jets.h5: dataset 't_allpar_new': row 7 (counting from 0) is not labelled with exactly one "
       "class: j_g=0, j_q=0, j_w=1, j_z=0, j_t=1"},
      {H, "hdf5-nan", "NaN and infinite feature values",
       hdf5(20,
            [](std::vector<Hdf5Field>& fields) {
              fields[5].value = [](int row) {
                return row == 11   ? std::numeric_limits<double>::quiet_NaN()
                       : row == 13 ? std::numeric_limits<double>::infinity()
                                   : double(row);
              };
            }),
       kRun,
       "jets.h5: dataset 't_allpar_new': 2 feature value(s) are NaN or infinite; the first is in "
       "row 11 (counting from 0); drop or fill those rows before training on the file"},

      // Paths
      {P,
       "experiment-missing",
       "The experiment file does not exist",
       {},
       {"run", "nothere.yaml", "--quiet", "--out", "runs"},
       "nothere.yaml: no such file (check the name; a relative path starts at the current folder)"},
      {P,
       "experiment-is-folder",
       "A folder where the experiment file belongs",
       [](const CaseFolder& folder) { folder.makeFolder("study.yaml"); },
       {"run", "study.yaml", "--quiet", "--out", "runs"},
       "study.yaml: is a folder; give the path of an experiment file (.yaml)"},
      {P, "experiment-unreadable", "An experiment file without read permission",
       [](const CaseFolder& folder) {
         folder.write("bad.yaml", experiment(kSynthetic));
         folder.setPermissions("bad.yaml", QFile::WriteOwner);
       },
       kRun,
       "bad.yaml: cannot open the file: Permission denied (check its permissions: it must be "
       "readable)",
       0, true},
      {P, "data-missing", "The data file does not exist", yaml(experiment(kCsv)), kRun,
       "bad.yaml:4:9: dataset.path: data file not found: jets.csv (relative paths start at the "
       "experiment file's folder)"},
      {P, "data-is-folder", "A folder where the data file belongs",
       [](const CaseFolder& folder) {
         folder.write("bad.yaml", experiment(kCsv));
         folder.makeFolder("jets.csv");
       },
       kRun, "jets.csv: is a folder; dataset.path must name a data file"},
      {P, "data-unreadable", "A data file without read permission",
       [](const CaseFolder& folder) {
         folder.write("bad.yaml", experiment(kCsv));
         folder.write("jets.csv", "f1,f2,class\n1,2,a\n3,4,b\n");
         folder.setPermissions("jets.csv", QFile::WriteOwner);
       },
       kRun, "jets.csv: cannot be read (check its permissions)", 0, true},
      {P, "output-unwritable", "An output folder without write permission",
       [](const CaseFolder& folder) {
         folder.write("bad.yaml", experiment(kSynthetic));
         folder.makeFolder("runs");
         folder.setPermissions("runs", QFile::ReadOwner | QFile::ExeOwner);
       },
       kRun,
       "runs/bad-DATE: cannot create the run folder: Permission denied; no permission to write "
       "there: choose a folder you can write to",
       0, true},
      {P,
       "output-under-a-file",
       "An output folder inside a plain file",
       [](const CaseFolder& folder) {
         folder.write("bad.yaml", experiment(kSynthetic));
         folder.write("results", "not a folder\n");
       },
       {"run", "bad.yaml", "--quiet", "--out", "results/runs"},
       "results/runs: cannot create the output folder: Not a directory; part of the path is a "
       "file, not a folder: choose another folder"},
      {P,
       "resume-missing-folder",
       "Resuming a run folder that does not exist",
       [](const CaseFolder&) {},
       {"resume", "runs/never-written", "--quiet"},
       "runs/never-written: no such folder (resume needs a run folder, the folder that "
       "holds experiment.yaml and summary.json)"},
      {P,
       "resume-not-a-run-folder",
       "Resuming a folder that is not a run folder",
       [](const CaseFolder& folder) { folder.makeFolder("results"); },
       {"resume", "results", "--quiet"},
       "results: not a Sweeplab run folder (it has no experiment.yaml)"},

      // Checkpoints handed to `evaluate`: checked against the model before any number is used
      {K, "checkpoint-of-another-model", "A jsc-tiny checkpoint evaluated as jsc-tiny-x10",
       checkpointFor("jsc-tiny-x10"), kEvaluate,
       "tiny.pt: '2.weight' has shape [5, 16] in the file but [40, 16] in jsc-tiny-x10 (a "
       "checkpoint of another model?)"},
      {K, "checkpoint-not-an-archive", "A file that is not a LibTorch checkpoint",
       [](const CaseFolder& folder) {
         folder.write("bad.yaml", experiment(kSynthetic));
         folder.write("tiny.pt", "weights: [0.1, 0.2]\n");
       },
       kEvaluate,
       "tiny.pt: not a LibTorch checkpoint (PytorchStreamReader failed reading zip archive: not "
       "a ZIP archive)"},
      {K, "checkpoint-too-large", "A file far larger than the model's parameters can fill",
       [](const CaseFolder& folder) {
         folder.write("bad.yaml", experiment(kSynthetic));
         folder.write("tiny.pt", QByteArray(2 << 20, '\0'));
       },
       kEvaluate,
       "tiny.pt: 2097152 bytes is more than a checkpoint of jsc-tiny can be (at most 1049784); "
       "refusing to load it"},
      {K, "checkpoint-missing", "The checkpoint file does not exist", yaml(experiment(kSynthetic)),
       kEvaluate, "tiny.pt: checkpoint not found"},
      {K,
       "checkpoint-outside-a-run-folder",
       "A checkpoint outside a run folder, without --experiment",
       checkpointFor("jsc-tiny"),
       {"evaluate", "tiny.pt"},
       "tiny.pt: not in a trial folder of a run folder (RUNDIR/TRIAL/best.pt), so its model and "
       "dataset are unknown; name them with --experiment FILE [--trial N]"},

      // Full disk, simulated with a limit on the size of any one file
      {D, "disk-full-at-checkpoint", "The disk fills before the first checkpoint is written",
       yaml(experiment(kSynthetic)), kRun,
       "runs/bad-DATE/000/last.pt: cannot write: File too large; the file would pass the file-size "
       "limit of this process (ulimit -f) or the largest file this file system holds: raise the "
       "limit, free space or write to another folder",
       4096, false, true},
      {D, "disk-full-mid-sweep", "The disk fills while summary.json grows during a sweep",
       yaml(experiment(kSynthetic,
                       "  learning_rate: 1e-3\nsweep:\n  training.batch_size: [16, 24, 32, 40, 48, "
                       "56, 64, 72, 80, 88, 96, 104]\n")),
       kRun,
       "runs/bad-DATE/summary.json: cannot write: File too large; the file would pass the "
       "file-size limit of this process (ulimit -f) or the largest file this file system holds: "
       "raise the limit, free space or write to another folder",
       12000, false, true},
  };
  return table;
}

}  // namespace sweeplab::test
