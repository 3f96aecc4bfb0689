// Every kind of mistake in an experiment file is reported as a SpecError that points at the
// line, column and key to fix, and says what would be accepted.
#include <QtTest>

#include "sweeplab/errors.h"
#include "sweeplab/experiment_io.h"

using namespace sweeplab;

class tst_experiment_errors : public QObject {
  Q_OBJECT

 private Q_SLOTS:
  void reportsPlaceKeyAndProblem_data();
  void reportsPlaceKeyAndProblem();
  void messageNamesFileLineColumnAndKey();
  void validFileLoads();
  void missingFileIsAnInputError();
};

void tst_experiment_errors::reportsPlaceKeyAndProblem_data() {
  QTest::addColumn<QString>("yaml");
  QTest::addColumn<int>("line");
  QTest::addColumn<int>("column");
  QTest::addColumn<QString>("key");
  QTest::addColumn<QString>("problem");

  QTest::newRow("wrong type") << "training:\n  batch_size: abc\n"
                              << 2 << 15 << "training.batch_size"
                              << "expected a positive integer, got 'abc'";
  QTest::newRow("float batch size") << "training:\n  batch_size: 12.5\n"
                                    << 2 << 15 << "training.batch_size"
                                    << "got '12.5'";
  QTest::newRow("negative batch size") << "training:\n  batch_size: -5\n"
                                       << 2 << 15 << "training.batch_size"
                                       << "expected a positive integer, got '-5'";
  QTest::newRow("zero batch size") << "training:\n  batch_size: 0\n"
                                   << 2 << 15 << "training.batch_size"
                                   << "expected a positive integer, got '0'";
  QTest::newRow("batch size missing") << "training:\n  batch_size:\n"
                                      << 2 << 3 << "training.batch_size"
                                      << "got nothing";
  QTest::newRow("huge integer") << "training:\n  max_epochs: 99999999999\n"
                                << 2 << 15 << "training.max_epochs"
                                << "too large";
  QTest::newRow("negative learning rate") << "training:\n  learning_rate: -1e-3\n"
                                          << 2 << 18 << "training.learning_rate"
                                          << "expected a positive number, got '-1e-3'";
  QTest::newRow("zero learning rate") << "training:\n  learning_rate: 0\n"
                                      << 2 << 18 << "training.learning_rate"
                                      << "a positive number";
  QTest::newRow("infinite learning rate") << "training:\n  learning_rate: .inf\n"
                                          << 2 << 18 << "training.learning_rate"
                                          << "got '.inf'";
  QTest::newRow("test fraction above 1") << "dataset:\n  test_fraction: 1.5\n"
                                         << 2 << 18 << "dataset.test_fraction"
                                         << "expected a number in (0, 1), got '1.5'";
  QTest::newRow("val fraction 0") << "dataset:\n  val_fraction: 0\n"
                                  << 2 << 17 << "dataset.val_fraction"
                                  << "a number in (0, 1)";
  QTest::newRow("fractions leave no training data")
      << "dataset:\n  test_fraction: 0.9\n  val_fraction: 0.95\n"
      << 3 << 17 << "dataset.val_fraction"
      << "left for training";
  QTest::newRow("too few samples") << "dataset:\n  samples: 50\n"
                                   << 2 << 12 << "dataset.samples"
                                   << "an integer from 100 to 100000000, got '50'";
  QTest::newRow("negative weight decay") << "training:\n  weight_decay: -0.1\n"
                                         << 2 << 17 << "training.weight_decay"
                                         << "a non-negative number";
  QTest::newRow("negative eta_min") << "training:\n  scheduler:\n    eta_min: -1\n"
                                    << 3 << 14 << "training.scheduler.eta_min"
                                    << "non-negative";
  QTest::newRow("zero t_max") << "training:\n  scheduler:\n    t_max: 0\n"
                              << 3 << 12 << "training.scheduler.t_max"
                              << "a positive integer, or null";
  QTest::newRow("zero log interval") << "training:\n  log_every_n_steps: 0\n"
                                     << 2 << 22 << "training.log_every_n_steps"
                                     << "positive integer";
  QTest::newRow("zero patience") << "training:\n  early_stopping:\n    patience: 0\n"
                                 << 3 << 15 << "training.early_stopping.patience"
                                 << "positive integer";
  QTest::newRow("zero repeats") << "repeats: 0\n"
                                << 1 << 10 << "repeats"
                                << "got '0'";
  QTest::newRow("negative parallel trials") << "parallel_trials: -1\n"
                                            << 1 << 18 << "parallel_trials"
                                            << "got '-1'";
  QTest::newRow("dropout of 1") << "model:\n  name: mlp\n  hidden: [8]\n  dropout: 1\n"
                                << 4 << 12 << "model.dropout"
                                << "a number in [0, 1)";
  QTest::newRow("boolean expected") << "model:\n  name: mlp\n  hidden: [8]\n  batch_norm: maybe\n"
                                    << 4 << 15 << "model.batch_norm"
                                    << "true or false";
  QTest::newRow("hidden not a list of integers") << "model:\n  name: mlp\n  hidden: [64, x]\n"
                                                 << 3 << 11 << "model.hidden"
                                                 << "a list of positive integers";
  QTest::newRow("unknown optimizer") << "training:\n  optimizer: adamx\n"
                                     << 2 << 14 << "training.optimizer"
                                     << "one of adam, adamw, sgd";
  QTest::newRow("unknown scheduler scalar") << "training:\n  scheduler: cosin\n"
                                            << 2 << 14 << "training.scheduler"
                                            << "did you mean 'cosine'?";
  QTest::newRow("unknown model") << "model: jsc-big\n"
                                 << 1 << 8 << "model"
                                 << "one of jsc-toy, jsc-tiny, jsc-s, jsc-tiny-x10";
  QTest::newRow("bare mlp") << "model: mlp\n"
                            << 1 << 8 << "model"
                            << "needs its layers";
  QTest::newRow("model type other than mlp") << "model:\n  type: cnn\n"
                                             << 2 << 9 << "model.type"
                                             << "expected mlp";
  QTest::newRow("model name and type") << "model:\n  name: mlp\n  type: mlp\n  hidden: [8]\n"
                                       << 3 << 3 << "model.type"
                                       << "already given at line 2";
  QTest::newRow("bad device") << "device: gpu\n"
                              << 1 << 9 << "device"
                              << "cuda:N";
  QTest::newRow("empty name") << "name: \"\"\n"
                              << 1 << 7 << "name"
                              << "non-empty";

  QTest::newRow("unknown key") << "training:\n  batchsize: 64\n"
                               << 2 << 3 << "training.batchsize"
                               << "did you mean 'batch_size'?";
  QTest::newRow("unknown section") << "trainig:\n  batch_size: 64\n"
                                   << 1 << 1 << "trainig"
                                   << "did you mean 'training'?";
  QTest::newRow("dotted key in file") << "training.batch_size: 64\n"
                                      << 1 << 1 << "training.batch_size"
                                      << "nest it under 'training:'";
  QTest::newRow("duplicate key") << "training:\n  batch_size: 64\n  batch_size: 32\n"
                                 << 3 << 3 << "training.batch_size"
                                 << "already given at line 2";
  QTest::newRow("section not a map") << "training: [1, 2]\n"
                                     << 1 << 11 << "training"
                                     << "expected a map of keys";

  QTest::newRow("syntax error: unclosed list") << "training:\n  batch_size: [64, 128\n"
                                               << 3 << 1 << ""
                                               << "YAML syntax error";
  QTest::newRow("syntax error: bad indentation") << "training:\n  batch_size: 64\n max_epochs: 3\n"
                                                 << 3 << 2 << ""
                                                 << "YAML syntax error";
  QTest::newRow("top level not a map") << "- a\n- b\n"
                                       << 1 << 1 << ""
                                       << "expected a map";
  QTest::newRow("empty file") << "" << 0 << 0 << ""
                              << "empty";

  QTest::newRow("csv without path") << "dataset:\n  source: csv\n"
                                    << 2 << 11 << "dataset.path"
                                    << "give its path";
  QTest::newRow("hdf5 without path") << "dataset:\n  source: jsc-hdf5\n"
                                     << 2 << 11 << "dataset.path"
                                     << "give its path";
  QTest::newRow("path with synthetic data") << "dataset:\n  path: jets.csv\n"
                                            << 2 << 9 << "dataset.path"
                                            << "only csv and jsc-hdf5";
  QTest::newRow("catalog model with hidden") << "model:\n  name: jsc-tiny\n  hidden: [64]\n"
                                             << 3 << 11 << "model.hidden"
                                             << "only used when model.name is mlp";
  QTest::newRow("mlp without hidden") << "model:\n  name: mlp\n"
                                      << 2 << 9 << "model.hidden"
                                      << "at least one hidden layer";
  QTest::newRow("eta_min above learning rate") << "training:\n  learning_rate: 1e-7\n"
                                               << 2 << 18 << "training.scheduler.eta_min"
                                               << "raise the learning rate";

  QTest::newRow("sweep not a map") << "sweep: [1, 2]\n"
                                   << 1 << 8 << "sweep"
                                   << "expected a map";
  QTest::newRow("empty sweep list") << "sweep:\n  training.batch_size: []\n"
                                    << 2 << 3 << "training.batch_size"
                                    << "non-empty list";
  QTest::newRow("sweep value not a list") << "sweep:\n  training.batch_size: 64\n"
                                          << 2 << 24 << "training.batch_size"
                                          << "expected a list";
  QTest::newRow("bad sweep value, flow") << "sweep:\n  training.batch_size: [32, 0]\n"
                                         << 2 << 29 << "training.batch_size"
                                         << "expected a positive integer, got '0'";
  // A tagged empty item used to be written back as "[16, ]" and then read as [16].
  QTest::newRow("empty item in a swept list")
      << "model:\n  name: mlp\n  hidden: [8]\nsweep:\n  model.hidden: [[4], [16, !8]]\n"
      << 5 << 23 << "model.hidden"
      << "got '[16, \"\"]'";
  QTest::newRow("bad sweep value, block")
      << "sweep:\n  training.batch_size:\n    - 32\n    - 64\n    - abc\n"
      << 5 << 7 << "training.batch_size"
      << "got 'abc'";
  QTest::newRow("bad first sweep value") << "sweep:\n  training.learning_rate: [-1, 1e-3]\n"
                                         << 2 << 28 << "training.learning_rate"
                                         << "a positive number";
  QTest::newRow("sweep value breaks another key")
      << "sweep:\n  training.learning_rate: [1e-3, 1e-7]\n"
      << 2 << 34 << "training.learning_rate"
      << "with this value, training.scheduler.eta_min";
  QTest::newRow("unknown sweep key") << "sweep:\n  training.batchsize: [1]\n"
                                     << 2 << 3 << "training.batchsize"
                                     << "did you mean 'training.batch_size'?";
  QTest::newRow("sweep key that cannot be swept") << "sweep:\n  dataset.samples: [1000, 2000]\n"
                                                  << 2 << 3 << "dataset.samples"
                                                  << "cannot be swept";
  QTest::newRow("duplicate sweep key") << "sweep:\n  model: [jsc-tiny]\n  model.name: [jsc-s]\n"
                                       << 3 << 3 << "model.name"
                                       << "swept twice (first at line 2)";
  QTest::newRow("hostile model name in sweep") << "sweep:\n  model: [jsc-tiny, ../../x]\n"
                                               << 2 << 21 << "model"
                                               << "got '../../x'";
  QTest::newRow("hidden swept on a catalog model") << "sweep:\n  model.hidden: [[8], [16]]\n"
                                                   << 2 << 18 << "model.hidden"
                                                   << "only used when model.name is mlp";
}

void tst_experiment_errors::reportsPlaceKeyAndProblem() {
  QFETCH(QString, yaml);
  QFETCH(int, line);
  QFETCH(int, column);
  QFETCH(QString, key);
  QFETCH(QString, problem);
  try {
    loadExperimentText(yaml.toStdString(), "study.yaml");
    QFAIL("no SpecError");
  } catch (const SpecError& error) {
    const QString message = QString::fromStdString(error.what());
    QVERIFY2(QString::fromStdString(error.problem()).contains(problem), qPrintable(message));
    QCOMPARE(QString::fromStdString(error.key()), key);
    QCOMPARE(error.line(), line);
    QCOMPARE(error.column(), column);
    QCOMPARE(QString::fromStdString(error.file()), QStringLiteral("study.yaml"));
  }
}

void tst_experiment_errors::messageNamesFileLineColumnAndKey() {
  try {
    loadExperimentText("training:\n  batch_size: abc\n", "runs/study.yaml");
    QFAIL("no SpecError");
  } catch (const SpecError& error) {
    QCOMPARE(QString::fromStdString(error.what()),
             QStringLiteral("runs/study.yaml:2:15: training.batch_size: expected a positive "
                            "integer, got 'abc'"));
  }
}

void tst_experiment_errors::validFileLoads() {
  const ExperimentSpec spec = loadExperimentText(
      "training:\n  batch_size: 64\nsweep:\n  training.max_epochs: [1, 2]\n", "ok.yaml");
  QCOMPARE(spec.training.batch_size, 64);
  QCOMPARE(spec.sweep.size(), size_t(1));
}

void tst_experiment_errors::missingFileIsAnInputError() {
  QVERIFY_THROWS_EXCEPTION(InputError, loadExperimentFile("/nonexistent/folder/study.yaml"));
}

QTEST_APPLESS_MAIN(tst_experiment_errors)
#include "tst_experiment_errors.moc"
