// `key=value` overrides (--set, form fields, sweep values) set exactly one key, accept YAML value
// text, refuse bad keys and values with a helpful message, and leave the spec alone on error.
#include <QtTest>

#include "sweeplab/errors.h"
#include "sweeplab/experiment_io.h"
#include "sweeplab/experiment_keys.h"
#include "sweeplab/trial.h"

using namespace sweeplab;

class tst_apply_override : public QObject {
  Q_OBJECT

 private Q_SLOTS:
  void setsValues();
  void acceptsYamlValueText();
  void modelShorthandPicksCatalogModel();
  void rejectsBadInput_data();
  void rejectsBadInput();
  void failedOverrideLeavesSpecUnchanged();
  void getValueRoundTripsEveryKey();
  void getValueOfUnknownKeyThrows();
  void sweepOverrideSetsOrReplacesAnAxis();
};

// `--set 'sweep.training.batch_size=[64, 128]'`, as the run command's help shows it.
void tst_apply_override::sweepOverrideSetsOrReplacesAnAxis() {
  ExperimentSpec spec;
  applyOverride(spec, "sweep.training.batch_size", "[64, 128]");
  QCOMPARE(spec.sweep.size(), size_t(1));
  QCOMPARE(spec.sweep[0].key, std::string("training.batch_size"));
  QCOMPARE(spec.sweep[0].values, (std::vector<std::string>{"64", "128"}));
  applyOverride(spec, "sweep.training.batch_size", "32,256");  // replaces, not adds
  QCOMPARE(spec.sweep.size(), size_t(1));
  QCOMPARE(spec.sweep[0].values, (std::vector<std::string>{"32", "256"}));
  applyOverride(spec, "sweep.training.learning_rate", "[1e-3]");
  QCOMPARE(spec.sweep.size(), size_t(2));
  QCOMPARE(expandTrials(spec).size(), size_t(2));

  const ExperimentSpec before = spec;
  for (const auto& [key, value] :
       std::vector<std::pair<std::string, std::string>>{{"sweep.training.batch_size", "[64, abc]"},
                                                        {"sweep.training.batch_size", "[]"},
                                                        {"sweep.training.batchsize", "[64]"}}) {
    try {
      applyOverride(spec, key, value, "--set");
      QFAIL(qPrintable(QString::fromStdString(key + "=" + value + " was accepted")));
    } catch (const SpecError& error) {
      QVERIFY2(std::string(error.what()).find("--set") != std::string::npos, error.what());
    }
    QVERIFY(spec == before);
  }
}

void tst_apply_override::setsValues() {
  ExperimentSpec spec;
  applyOverride(spec, "training.learning_rate", "1e-3");
  QCOMPARE(spec.training.learning_rate, 1e-3);
  applyOverride(spec, "training.batch_size", "256");
  QCOMPARE(spec.training.batch_size, 256);
  applyOverride(spec, "training.optimizer", "sgd");
  QCOMPARE(spec.training.optimizer, Optimizer::Sgd);
  applyOverride(spec, "training.early_stopping.enabled", "true");
  QVERIFY(spec.training.early_stopping.enabled);
  applyOverride(spec, "dataset.source", "csv");
  applyOverride(spec, "dataset.path", "data/jets: all.csv");  // plain text, colon and all
  QCOMPARE(spec.dataset.path, std::string("data/jets: all.csv"));
  applyOverride(spec, "device", "cuda:1");
  QCOMPARE(spec.device, std::string("cuda:1"));
  ExperimentSpec expected;
  expected.training.learning_rate = 1e-3;
  expected.training.batch_size = 256;
  expected.training.optimizer = Optimizer::Sgd;
  expected.training.early_stopping.enabled = true;
  expected.dataset.source = DatasetSource::Csv;
  expected.dataset.path = "data/jets: all.csv";
  expected.device = "cuda:1";
  QVERIFY(spec == expected);
  validateExperiment(spec);
}

void tst_apply_override::acceptsYamlValueText() {
  ExperimentSpec spec;
  applyOverride(spec, "model.name", "mlp");
  applyOverride(spec, "model.hidden", "[64, 32]");
  QCOMPARE(spec.model.hidden, (std::vector<int>{64, 32}));
  applyOverride(spec, "model.hidden", "16");
  QCOMPARE(spec.model.hidden, (std::vector<int>{16}));
  applyOverride(spec, "training.scheduler.t_max", "12");
  QCOMPARE(spec.training.scheduler.t_max, std::optional<int>(12));
  applyOverride(spec, "training.scheduler.t_max", "null");
  QVERIFY(!spec.training.scheduler.t_max.has_value());
  applyOverride(spec, "dataset.feature_columns", "[j_zlogz, \"j_mass_mmdt\"]");
  QCOMPARE(spec.dataset.feature_columns, (std::vector<std::string>{"j_zlogz", "j_mass_mmdt"}));
  applyOverride(spec, "name", "\"quoted name\"");
  QCOMPARE(spec.name, std::string("quoted name"));
}

void tst_apply_override::modelShorthandPicksCatalogModel() {
  ExperimentSpec spec;
  spec.model.name = "mlp";
  spec.model.hidden = {64};
  spec.model.activation = "tanh";
  applyOverride(spec, "model", "jsc-s");
  QCOMPARE(spec.model.name, std::string("jsc-s"));
  QVERIFY(spec.model.hidden.empty());
  QCOMPARE(spec.model.activation, std::string("relu"));
  validateExperiment(spec);
}

void tst_apply_override::rejectsBadInput_data() {
  QTest::addColumn<QString>("key");
  QTest::addColumn<QString>("value");
  QTest::addColumn<QString>("problem");
  QTest::newRow("unknown key") << "training.batchsize"
                               << "64"
                               << "did you mean 'training.batch_size'?";
  QTest::newRow("section, not a key") << "training"
                                      << "1"
                                      << "unknown key";
  QTest::newRow("wrong type") << "training.batch_size"
                              << "abc"
                              << "expected a positive integer, got 'abc'";
  QTest::newRow("zero batch") << "training.batch_size"
                              << "0"
                              << "got '0'";
  QTest::newRow("negative lr") << "training.learning_rate"
                               << "-0.1"
                               << "a positive number";
  QTest::newRow("fraction") << "dataset.val_fraction"
                            << "1"
                            << "a number in (0, 1)";
  QTest::newRow("choice typo") << "training.optimizer"
                               << "sdg"
                               << "did you mean 'sgd'?";
  QTest::newRow("mlp via shorthand") << "model"
                                     << "mlp"
                                     << "one of jsc-toy";
  QTest::newRow("hostile model") << "model"
                                 << "../../x"
                                 << "got '../../x'";
  QTest::newRow("broken YAML") << "model.hidden"
                               << "[64, 32"
                               << "not a valid YAML value";
  QTest::newRow("list for a number") << "training.batch_size"
                                     << "[1, 2]"
                                     << "got '[1, 2]'";
  QTest::newRow("bad device") << "device"
                              << "tpu"
                              << "auto, cpu, cuda or cuda:N";
}

void tst_apply_override::rejectsBadInput() {
  QFETCH(QString, key);
  QFETCH(QString, value);
  QFETCH(QString, problem);
  ExperimentSpec spec;
  try {
    applyOverride(spec, key.toStdString(), value.toStdString());
    QFAIL("no SpecError");
  } catch (const SpecError& error) {
    QVERIFY2(QString::fromStdString(error.problem()).contains(problem), error.what());
    QCOMPARE(QString::fromStdString(error.key()), key);
    QCOMPARE(error.file(), std::string("--set"));
    QCOMPARE(error.line(), 0);
  }
}

void tst_apply_override::failedOverrideLeavesSpecUnchanged() {
  ExperimentSpec spec;
  spec.model.name = "mlp";
  spec.model.hidden = {8, 8};
  const ExperimentSpec before = spec;
  QVERIFY_THROWS_EXCEPTION(SpecError, applyOverride(spec, "model.hidden", "[64, 0]"));
  QVERIFY_THROWS_EXCEPTION(SpecError, applyOverride(spec, "training.batch_size", "-1", "form"));
  QVERIFY(spec == before);
}

void tst_apply_override::getValueRoundTripsEveryKey() {
  ExperimentSpec spec;
  spec.name = "\"starts with a quote";
  spec.dataset.source = DatasetSource::Csv;
  spec.dataset.path = "a: b.csv";
  spec.dataset.feature_columns = {"x y", "null"};
  spec.model.name = "mlp";
  spec.model.hidden = {3, 4};
  spec.training.learning_rate = 0.1 + 0.2;
  spec.training.scheduler.t_max = 9;
  spec.cluster.time = "1-00:00:00";
  spec.cluster.gpus_per_task = 2;
  spec.cluster.sbatch_args = {"--exclusive", "--comment=a, b"};
  spec.cluster.command_prefix = "ssh login: two";
  for (const KeyInfo& info : experimentKeys()) {
    if (info.shorthand) continue;  // "model" means a whole catalog model, not this mlp
    ExperimentSpec copy = spec;
    const std::string text = getValue(spec, info.key);
    applyOverride(copy, info.key, text);
    QVERIFY2(copy == spec, qPrintable(QString::fromStdString(info.key + " = " + text)));
  }
  QCOMPARE(getValue(spec, "training.learning_rate"), std::string("0.30000000000000004"));
  QCOMPARE(getValue(spec, "model.hidden"), std::string("[3, 4]"));
  QCOMPARE(getValue(ExperimentSpec{}, "training.scheduler.t_max"), std::string("null"));
  QCOMPARE(getValue(ExperimentSpec{}, "training.learning_rate"), std::string("1e-05"));
}

void tst_apply_override::getValueOfUnknownKeyThrows() {
  QVERIFY_THROWS_EXCEPTION(SpecError, getValue(ExperimentSpec{}, "training.nope"));
}

QTEST_APPLESS_MAIN(tst_apply_override)
#include "tst_apply_override.moc"
