// Experiment files read and write without loss: the shipped studies and many random experiments
// survive save + load unchanged, defaults are MASE's, and the written file is easy to read.
#include <QtTest>

#include <random>

#include "sweeplab/errors.h"
#include "sweeplab/experiment_io.h"
#include "sweeplab/experiment_keys.h"
#include "sweeplab/trial.h"

using namespace sweeplab;

namespace {

QString experimentsDir() {
  return QStringLiteral(SWEEPLAB_SOURCE_DIR "/experiments");
}

// A valid experiment with every field drawn at random, including awkward strings and doubles
// that need all 17 digits.
ExperimentSpec randomSpec(std::mt19937& rng) {
  auto uniform = [&](double lo, double hi) {
    return std::uniform_real_distribution<>(lo, hi)(rng);
  };
  auto integer = [&](int lo, int hi) { return std::uniform_int_distribution<>(lo, hi)(rng); };
  auto pick = [&](const std::vector<std::string>& items) {
    return items[integer(0, int(items.size()) - 1)];
  };
  const std::vector<std::string> texts = {
      "jsc study", "a: b # c", "\"quoted\"", "line\nbreak", "null",       "123", "ünïcode λ",
      " padded ",  "'single'", "tab\there",  "- dash",      "[brackets]", "true"};
  ExperimentSpec spec;
  spec.name = pick(texts);
  spec.description = integer(0, 1) ? pick(texts) : "";
  spec.dataset.source = static_cast<DatasetSource>(integer(0, 2));
  if (spec.dataset.source != DatasetSource::SyntheticJsc) spec.dataset.path = pick(texts);
  if (spec.dataset.source == DatasetSource::Csv) {
    spec.dataset.label_column = integer(0, 1) ? pick(texts) : "";
    for (int i = integer(0, 3); i > 0; --i) spec.dataset.feature_columns.push_back(pick(texts));
  }
  spec.dataset.samples = integer(100, 1000000);
  spec.dataset.test_fraction = uniform(0.01, 0.5);
  spec.dataset.val_fraction = uniform(0.01, 0.5);
  spec.dataset.split_seed = integer(0, 1 << 30);
  if (integer(0, 1)) {
    spec.model.name = "mlp";
    for (int i = integer(1, 4); i > 0; --i) spec.model.hidden.push_back(integer(1, 512));
    spec.model.batch_norm = integer(0, 1);
    spec.model.activation = pick({"relu", "tanh", "gelu", "leaky_relu"});
    spec.model.dropout = integer(0, 1) ? uniform(0, 0.9) : 0.0;
  } else {
    spec.model.name = pick({"jsc-toy", "jsc-tiny", "jsc-s", "jsc-tiny-x10"});
  }
  TrainingSpec& t = spec.training;
  t.batch_size = integer(1, 4096);
  t.max_epochs = integer(1, 500);
  t.learning_rate = std::pow(10.0, uniform(-6, 0));
  t.optimizer = static_cast<Optimizer>(integer(0, 2));
  t.weight_decay = integer(0, 1) ? uniform(0, 0.1) : 0.0;
  t.momentum = uniform(0, 0.99);
  t.scheduler.kind = static_cast<SchedulerKind>(integer(0, 2));
  t.scheduler.eta_min = t.learning_rate * uniform(0, 1);
  if (integer(0, 1)) t.scheduler.t_max = integer(1, 300);
  t.scheduler.step_size = integer(1, 50);
  t.scheduler.gamma = uniform(0.01, 1);
  t.seed = integer(0, 100000);
  t.log_every_n_steps = integer(1, 1000);
  t.early_stopping.enabled = integer(0, 1);
  t.early_stopping.monitor = pick({"val_loss", "val_acc"});
  t.early_stopping.patience = integer(1, 20);
  t.early_stopping.min_delta = uniform(0, 0.01);
  t.test_checkpoint = static_cast<TestCheckpoint>(integer(0, 1));
  if (integer(0, 1)) spec.sweep.push_back({"training.batch_size", {"32", "64", "1024"}});
  if (integer(0, 1)) spec.sweep.push_back({"training.max_epochs", {"1", "7"}});
  if (integer(0, 1)) spec.sweep.push_back({"training.weight_decay", {"0", "1e-4", "0.01"}});
  if (spec.model.name != "mlp" && integer(0, 1))
    spec.sweep.push_back({"model", {"jsc-tiny", "jsc-tiny-x10"}});
  if (spec.model.name == "mlp" && integer(0, 1))
    spec.sweep.push_back({"model.hidden", {"[64, 32]", "16"}});
  spec.repeats = integer(1, 5);
  spec.device = pick({"auto", "cpu", "cuda", "cuda:1"});
  spec.parallel_trials = integer(0, 8);
  if (integer(0, 1)) {
    spec.cluster.partition = pick(texts);
    spec.cluster.time = pick({"", "30", "02:00:00", "1-12:00:00"});
    spec.cluster.cpus_per_task = integer(0, 64);
    for (int i = integer(0, 2); i > 0; --i) spec.cluster.sbatch_args.push_back(pick(texts));
    spec.cluster.command_prefix = integer(0, 1) ? pick(texts) : "";
  }
  return spec;
}

}  // namespace

class tst_experiment_io : public QObject {
  Q_OBJECT

 private Q_SLOTS:
  void defaultsAreMaseChTrain();
  void shippedExperimentsRoundTrip_data();
  void shippedExperimentsRoundTrip();
  void shippedExperimentsDescribeTheirStudy();
  void randomExperimentsRoundTrip();
  void numbersAreWrittenShortAndExact();
  void savedFileListsEveryKeyInOrder();
  void shortFormsAreAccepted();
  void equalityIgnoresSourceFile();
  void saveFileIsAtomicAndLoadable();
  void saveFileReportsUnwritablePath();
  void enumNamesRoundTrip();
};

void tst_experiment_io::defaultsAreMaseChTrain() {
  const ExperimentSpec spec = loadExperimentText("name: defaults\n", "defaults.yaml");
  QCOMPARE(spec.training.batch_size, 128);
  QCOMPARE(spec.training.learning_rate, 1e-5);
  QCOMPARE(spec.training.max_epochs, 20);
  QCOMPARE(spec.training.optimizer, Optimizer::Adam);
  QCOMPARE(spec.training.weight_decay, 0.0);
  QCOMPARE(spec.training.scheduler.kind, SchedulerKind::Cosine);
  QCOMPARE(spec.training.scheduler.eta_min, 1e-6);
  QVERIFY(!spec.training.scheduler.t_max.has_value());  // follows max_epochs
  QCOMPARE(spec.training.seed, 0);
  QCOMPARE(spec.training.log_every_n_steps, 50);
  QCOMPARE(spec.training.test_checkpoint, TestCheckpoint::Best);
  QCOMPARE(spec.model.name, std::string("jsc-tiny"));
  QCOMPARE(spec.dataset.test_fraction, 0.2);
  QCOMPARE(spec.dataset.split_seed, 42);
  QCOMPARE(spec.source_file, std::string("defaults.yaml"));
  ExperimentSpec expected;
  expected.name = "defaults";
  QVERIFY(spec == expected);
}

void tst_experiment_io::shippedExperimentsRoundTrip_data() {
  QTest::addColumn<QString>("path");
  const QStringList files = QDir(experimentsDir()).entryList({"*.yaml"}, QDir::Files);
  QVERIFY(files.size() >= 5);
  for (const QString& file : files)
    QTest::newRow(qPrintable(file)) << experimentsDir() + "/" + file;
}

void tst_experiment_io::shippedExperimentsRoundTrip() {
  QFETCH(QString, path);
  const ExperimentSpec loaded = loadExperimentFile(path.toStdString());
  QCOMPARE(loaded.source_file, path.toStdString());
  const std::string saved = saveExperimentYaml(loaded);
  const ExperimentSpec reloaded = loadExperimentText(saved, "saved.yaml");
  QVERIFY2(reloaded == loaded, saved.c_str());
  QCOMPARE(saveExperimentYaml(reloaded), saved);
}

void tst_experiment_io::shippedExperimentsDescribeTheirStudy() {
  auto load = [](const char* name) {
    return loadExperimentFile((experimentsDir() + "/" + name).toStdString());
  };
  const ExperimentSpec batch = load("batch_size.yaml");
  QCOMPARE(batch.sweep.size(), size_t(1));
  QCOMPARE(batch.sweep[0].key, std::string("training.batch_size"));
  QCOMPARE(batch.sweep[0].values, (std::vector<std::string>{"32", "64", "128", "256", "512"}));
  QCOMPARE(batch.training.learning_rate, 1e-5);

  const ExperimentSpec epochs = load("epochs.yaml");
  QCOMPARE(epochs.sweep[0].values, (std::vector<std::string>{"10", "20", "50", "100"}));
  QCOMPARE(epochs.training.learning_rate, 1e-3);

  const ExperimentSpec lr = load("learning_rate.yaml");
  QCOMPARE(lr.sweep[0].key, std::string("training.learning_rate"));
  QCOMPARE(lr.sweep[0].values.size(), size_t(5));

  const ExperimentSpec compare = load("tiny_vs_x10.yaml");
  QCOMPARE(compare.sweep[0].key, std::string("model"));
  QCOMPARE(compare.sweep[0].values, (std::vector<std::string>{"jsc-tiny", "jsc-tiny-x10"}));
  QCOMPARE(compare.training.batch_size, 256);

  const ExperimentSpec demo = load("quick_demo.yaml");
  // The demo must stay quick: a budget of rows x epochs x trials that trains in seconds on two
  // cores (4 million row-epochs of jsc-tiny took about 4 s).
  const double rowEpochs = static_cast<double>(demo.dataset.samples) * demo.training.max_epochs *
                           expandTrials(demo).size();
  QVERIFY(rowEpochs <= 5e6);
}

void tst_experiment_io::randomExperimentsRoundTrip() {
  std::mt19937 rng(20240611);
  for (int i = 0; i < 300; ++i) {
    const ExperimentSpec spec = randomSpec(rng);
    const std::string saved = saveExperimentYaml(spec);
    ExperimentSpec reloaded;
    try {
      reloaded = loadExperimentText(saved, "random.yaml");
    } catch (const SpecError& error) {
      QFAIL(qPrintable(QString::fromStdString(std::string(error.what()) + "\n" + saved)));
    }
    QVERIFY2(reloaded == spec, saved.c_str());
  }
}

void tst_experiment_io::numbersAreWrittenShortAndExact() {
  ExperimentSpec spec;
  spec.training.learning_rate = 1e-3;
  spec.training.weight_decay = 1e-5;
  spec.dataset.samples = 830000;
  spec.training.scheduler.gamma = 0.1;
  spec.training.momentum = 0.1 + 0.2;  // needs 17 digits to survive
  const std::string saved = saveExperimentYaml(spec);
  QVERIFY2(saved.find("learning_rate: 0.001\n") != std::string::npos, saved.c_str());
  QVERIFY(saved.find("weight_decay: 1e-05\n") != std::string::npos);
  QVERIFY(saved.find("samples: 830000\n") != std::string::npos);
  QVERIFY(saved.find("gamma: 0.1\n") != std::string::npos);
  QVERIFY(saved.find("eta_min: 1e-06\n") != std::string::npos);
  QVERIFY(saved.find("momentum: 0.30000000000000004\n") != std::string::npos);
  QCOMPARE(loadExperimentText(saved, "x").training.momentum, 0.1 + 0.2);
}

void tst_experiment_io::savedFileListsEveryKeyInOrder() {
  ExperimentSpec spec;
  spec.sweep.push_back({"training.batch_size", {"32", "64"}});
  spec.cluster.partition = "gpu";  // the cluster section is written once it says something
  const std::string saved = saveExperimentYaml(spec);
  size_t previous = 0;
  for (const KeyInfo& info : experimentKeys()) {
    if (info.shorthand) continue;
    const std::string leaf = info.key.substr(info.key.rfind('.') + 1) + ": ";
    const size_t at = saved.find(leaf, previous);
    QVERIFY2(at != std::string::npos, qPrintable(QString::fromStdString(info.key + "\n" + saved)));
    previous = at;
  }
  QVERIFY(saved.find("sweep:\n  training.batch_size: [32, 64]\n") != std::string::npos);
  QVERIFY(saved.find("training:\n  batch_size: 128\n") != std::string::npos);
  QVERIFY(saved.find("  scheduler:\n    type: cosine\n") != std::string::npos);
  QVERIFY(saved.find("t_max: null\n") != std::string::npos);
}

void tst_experiment_io::shortFormsAreAccepted() {
  const ExperimentSpec a = loadExperimentText(
      "model: jsc-s\ntraining:\n  scheduler: step\n  early_stopping:\n    patience: 3\n", "a");
  QCOMPARE(a.model.name, std::string("jsc-s"));
  QCOMPARE(a.training.scheduler.kind, SchedulerKind::Step);
  QVERIFY(a.training.early_stopping.enabled);  // a block without `enabled` turns it on
  QCOMPARE(a.training.early_stopping.patience, 3);

  const ExperimentSpec b = loadExperimentText(
      "model:\n  type: mlp\n  hidden: [64, 32]\ntraining:\n  early_stopping:\n    enabled: false\n"
      "    patience: 3\n",
      "b");
  QCOMPARE(b.model.name, std::string("mlp"));
  QCOMPARE(b.model.hidden, (std::vector<int>{64, 32}));
  QVERIFY(!b.training.early_stopping.enabled);

  const ExperimentSpec c =
      loadExperimentText("training:\n  scheduler:\n    t_max: 7\nsweep:\n", "c");
  QCOMPARE(c.training.scheduler.t_max, std::optional<int>(7));
  QVERIFY(c.sweep.empty());
}

void tst_experiment_io::equalityIgnoresSourceFile() {
  ExperimentSpec a, b;
  b.source_file = "elsewhere.yaml";
  QVERIFY(a == b);
  b.training.scheduler.t_max = 20;  // explicit 20 is not the same as "follow max_epochs"
  QVERIFY(a != b);
  b = a;
  b.sweep.push_back({"model", {"jsc-s"}});
  QVERIFY(a != b);
}

void tst_experiment_io::saveFileIsAtomicAndLoadable() {
  QTemporaryDir dir;
  QVERIFY(dir.isValid());
  const std::string path = (dir.path() + "/study.yaml").toStdString();
  ExperimentSpec spec;
  spec.name = "first";
  saveExperimentFile(spec, path);
  spec.name = "second";
  saveExperimentFile(spec, path);
  QCOMPARE(loadExperimentFile(path).name, std::string("second"));
  QCOMPARE(QDir(dir.path()).entryList(QDir::Files), QStringList{"study.yaml"});  // no temp left
}

void tst_experiment_io::saveFileReportsUnwritablePath() {
  QVERIFY_THROWS_EXCEPTION(InputError,
                           saveExperimentFile(ExperimentSpec{}, "/nonexistent/folder/x.yaml"));
}

void tst_experiment_io::enumNamesRoundTrip() {
  for (auto source : {DatasetSource::SyntheticJsc, DatasetSource::JscHdf5, DatasetSource::Csv})
    QCOMPARE(parseDatasetSource(toString(source)), std::optional<DatasetSource>(source));
  for (auto optimizer : {Optimizer::Adam, Optimizer::AdamW, Optimizer::Sgd})
    QCOMPARE(parseOptimizer(toString(optimizer)), std::optional<Optimizer>(optimizer));
  for (auto kind : {SchedulerKind::Cosine, SchedulerKind::Constant, SchedulerKind::Step})
    QCOMPARE(parseSchedulerKind(toString(kind)), std::optional<SchedulerKind>(kind));
  for (auto checkpoint : {TestCheckpoint::Best, TestCheckpoint::Last})
    QCOMPARE(parseTestCheckpoint(toString(checkpoint)), std::optional<TestCheckpoint>(checkpoint));
  QCOMPARE(std::string(toString(DatasetSource::JscHdf5)), std::string("jsc-hdf5"));
  QVERIFY(!parseOptimizer("Adam").has_value());
}

QTEST_APPLESS_MAIN(tst_experiment_io)
#include "tst_experiment_io.moc"
