// A sweep becomes the right trials, in a predictable order, with readable labels, the right
// seeds and folder names that are always safe on disk.
#include <QtTest>

#include <set>

#include "sweeplab/errors.h"
#include "sweeplab/experiment_io.h"
#include "sweeplab/trial.h"

using namespace sweeplab;

namespace {

bool folderSafe(const std::string& name) {
  if (name.empty() || name.find("..") != std::string::npos) return false;
  for (char c : name)
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '.' && c != '_' && c != '-')
      return false;
  return true;
}

}  // namespace

class tst_trial_expansion : public QObject {
  Q_OBJECT

 private Q_SLOTS:
  void noSweepIsOneTrial();
  void singleAxis();
  void gridOrderFirstAxisSlowest();
  void repeatsUseConsecutiveSeeds();
  void sweptValuesReachTheTrialSpec();
  void sweepingCatalogModels();
  void sweepingMlpWidths();
  void countsMultiply_data();
  void countsMultiply();
  void folderNamesAreSafe_data();
  void folderNamesAreSafe();
  void hostileSweptModelIsRejected();
  void invalidCombinationIsReported();
  void shortKeys();
  void gridSizeIsLimited();
};

void tst_trial_expansion::noSweepIsOneTrial() {
  const auto trials = expandTrials(ExperimentSpec{});
  QCOMPARE(trials.size(), size_t(1));
  QCOMPARE(trials[0].label(), std::string("trial"));
  QCOMPARE(trials[0].folderName(), std::string("000"));
  QVERIFY(trials[0].spec == ExperimentSpec{});
}

void tst_trial_expansion::singleAxis() {
  ExperimentSpec spec;
  spec.sweep.push_back({"training.batch_size", {"32", "64", "128", "256", "512"}});
  const auto trials = expandTrials(spec);
  QCOMPARE(trials.size(), size_t(5));
  QCOMPARE(trials[3].index, 3);
  QCOMPARE(trials[3].label(), std::string("batch_size=256"));
  QCOMPARE(trials[3].folderName(), std::string("003-batch_size-256"));
  QCOMPARE(trials[3].spec.training.batch_size, 256);
  QVERIFY(trials[3].spec.sweep.empty());
  QCOMPARE(trials[3].spec.training.seed, 0);
}

void tst_trial_expansion::gridOrderFirstAxisSlowest() {
  ExperimentSpec spec;
  spec.training.learning_rate = 1e-3;
  spec.sweep.push_back({"training.learning_rate", {"0.001", "1e-4"}});
  spec.sweep.push_back({"model", {"jsc-tiny", "jsc-s", "jsc-toy"}});
  const auto trials = expandTrials(spec);
  QStringList labels;
  for (const auto& trial : trials) labels << QString::fromStdString(trial.label());
  QCOMPARE(labels,
           (QStringList{"learning_rate=0.001, model=jsc-tiny", "learning_rate=0.001, model=jsc-s",
                        "learning_rate=0.001, model=jsc-toy", "learning_rate=1e-4, model=jsc-tiny",
                        "learning_rate=1e-4, model=jsc-s", "learning_rate=1e-4, model=jsc-toy"}));
  QCOMPARE(trials[4].folderName(), std::string("004-learning_rate-1e-4_model-jsc-s"));
  QCOMPARE(trials[4].spec.training.learning_rate, 1e-4);
  QCOMPARE(trials[4].spec.model.name, std::string("jsc-s"));
}

void tst_trial_expansion::repeatsUseConsecutiveSeeds() {
  ExperimentSpec spec;
  spec.training.seed = 10;
  spec.repeats = 3;
  spec.sweep.push_back({"training.batch_size", {"64", "128"}});
  const auto trials = expandTrials(spec);
  QCOMPARE(trials.size(), size_t(6));
  QCOMPARE(trials[0].label(), std::string("batch_size=64 seed=10"));
  QCOMPARE(trials[2].label(), std::string("batch_size=64 seed=12"));
  QCOMPARE(trials[3].label(), std::string("batch_size=128 seed=10"));
  for (size_t i = 0; i < trials.size(); ++i) {
    QCOMPARE(trials[i].index, int(i));
    QCOMPARE(trials[i].repeat, int(i % 3));
    QCOMPARE(trials[i].spec.training.seed, 10 + int(i % 3));
  }
  QCOMPARE(trials[5].folderName(), std::string("005-batch_size-128_seed-12"));

  ExperimentSpec repeatsOnly;
  repeatsOnly.repeats = 2;
  QCOMPARE(expandTrials(repeatsOnly)[1].label(), std::string("seed=1"));
}

void tst_trial_expansion::sweptValuesReachTheTrialSpec() {
  ExperimentSpec spec;
  spec.training.learning_rate = 1e-3;
  spec.sweep.push_back({"training.scheduler.type", {"cosine", "step"}});
  spec.sweep.push_back({"training.scheduler.t_max", {"null", "5"}});
  const auto trials = expandTrials(spec);
  QCOMPARE(trials.size(), size_t(4));
  QCOMPARE(trials[2].spec.training.scheduler.kind, SchedulerKind::Step);
  QVERIFY(!trials[2].spec.training.scheduler.t_max.has_value());
  QCOMPARE(trials[3].spec.training.scheduler.t_max, std::optional<int>(5));
  QCOMPARE(trials[3].label(), std::string("scheduler.type=step, scheduler.t_max=5"));
}

void tst_trial_expansion::sweepingCatalogModels() {
  const ExperimentSpec spec =
      loadExperimentFile(SWEEPLAB_SOURCE_DIR "/experiments/tiny_vs_x10.yaml");
  const auto trials = expandTrials(spec);
  QCOMPARE(trials.size(), size_t(2));
  QCOMPARE(trials[0].spec.model.name, std::string("jsc-tiny"));
  QCOMPARE(trials[1].spec.model.name, std::string("jsc-tiny-x10"));
  QCOMPARE(trials[1].label(), std::string("model=jsc-tiny-x10"));
  QCOMPARE(trials[1].folderName(), std::string("001-model-jsc-tiny-x10"));
  QCOMPARE(trials[0].spec.training.max_epochs, trials[1].spec.training.max_epochs);
}

void tst_trial_expansion::sweepingMlpWidths() {
  const ExperimentSpec spec = loadExperimentText(
      "model: {name: mlp, hidden: [8]}\nsweep:\n  model.hidden: [[64, 32], 16]\n", "mlp.yaml");
  const auto trials = expandTrials(spec);
  QCOMPARE(trials.size(), size_t(2));
  QCOMPARE(trials[0].spec.model.hidden, (std::vector<int>{64, 32}));
  QCOMPARE(trials[1].spec.model.hidden, (std::vector<int>{16}));
  QCOMPARE(trials[0].label(), std::string("hidden=[64, 32]"));
  QCOMPARE(trials[0].folderName(), std::string("000-hidden-64_32"));
}

void tst_trial_expansion::countsMultiply_data() {
  QTest::addColumn<int>("axisA");
  QTest::addColumn<int>("axisB");
  QTest::addColumn<int>("repeats");
  QTest::newRow("1x1x1") << 1 << 0 << 1;
  QTest::newRow("5") << 5 << 0 << 1;
  QTest::newRow("4x3") << 4 << 3 << 1;
  QTest::newRow("2x2x3") << 2 << 2 << 3;
  QTest::newRow("7x1x2") << 7 << 1 << 2;
}

void tst_trial_expansion::countsMultiply() {
  QFETCH(int, axisA);
  QFETCH(int, axisB);
  QFETCH(int, repeats);
  ExperimentSpec spec;
  spec.repeats = repeats;
  SweepAxis a{"training.batch_size", {}}, b{"training.max_epochs", {}};
  for (int i = 1; i <= axisA; ++i) a.values.push_back(std::to_string(16 * i));
  for (int i = 1; i <= axisB; ++i) b.values.push_back(std::to_string(i));
  spec.sweep.push_back(a);
  if (axisB > 0) spec.sweep.push_back(b);
  const auto trials = expandTrials(spec);
  QCOMPARE(int(trials.size()), axisA * std::max(axisB, 1) * repeats);
  std::set<std::string> folders;
  for (const auto& trial : trials) folders.insert(trial.folderName());
  QCOMPARE(folders.size(), trials.size());
}

void tst_trial_expansion::folderNamesAreSafe_data() {
  QTest::addColumn<QString>("value");
  QTest::newRow("parent folders") << "../../x";
  QTest::newRow("absolute path") << "/etc/passwd";
  QTest::newRow("dots only") << "..";
  QTest::newRow("backslashes") << "..\\..\\x";
  QTest::newRow("spaces and quotes") << "a 'b' \"c\"";
  QTest::newRow("unicode") << "λ-jets";
  QTest::newRow("very long") << QString(500, 'x');
}

void tst_trial_expansion::folderNamesAreSafe() {
  QFETCH(QString, value);
  TrialSpec trial;
  trial.index = 12;
  trial.swept = {{"model.name", value.toStdString()}, {"training.batch_size", "64"}};
  const std::string name = trial.folderName();
  QVERIFY2(folderSafe(name), name.c_str());
  QVERIFY(name.rfind("012-model", 0) == 0);
  QVERIFY(name.size() <= 100);
}

void tst_trial_expansion::hostileSweptModelIsRejected() {
  ExperimentSpec spec;
  spec.sweep.push_back({"model", {"jsc-tiny", "../../x"}});
  try {
    expandTrials(spec);
    QFAIL("no SpecError");
  } catch (const SpecError& error) {
    QCOMPARE(error.key(), std::string("model"));
    QVERIFY(std::string(error.what()).find("'../../x'") != std::string::npos);
  }
}

void tst_trial_expansion::invalidCombinationIsReported() {
  // Each value is fine alone; lr 1e-7 only clashes with eta_min 1e-6 of the cosine schedule.
  ExperimentSpec spec;
  spec.training.learning_rate = 1e-3;
  spec.sweep.push_back({"training.scheduler.type", {"step", "cosine"}});
  spec.sweep.push_back({"training.learning_rate", {"1e-3", "1e-7"}});
  try {
    expandTrials(spec);
    QFAIL("no SpecError");
  } catch (const SpecError& error) {
    QCOMPARE(error.key(), std::string("training.scheduler.eta_min"));
    QVERIFY2(error.problem().find("scheduler.type=cosine, learning_rate=1e-7") != std::string::npos,
             error.what());
  }
}

void tst_trial_expansion::shortKeys() {
  QCOMPARE(shortKey("training.batch_size"), std::string("batch_size"));
  QCOMPARE(shortKey("training.scheduler.gamma"), std::string("scheduler.gamma"));
  QCOMPARE(shortKey("model"), std::string("model"));
  QCOMPARE(shortKey("model.name"), std::string("model"));
  QCOMPARE(shortKey("model.hidden"), std::string("hidden"));
  QCOMPARE(shortKey("repeats"), std::string("repeats"));
}

// A typo such as a 1,000-value list times 1,000 repeats must be refused when the file loads,
// not found out by running out of memory; the limit itself is allowed.
void tst_trial_expansion::gridSizeIsLimited() {
  const auto sweepText = [](int values, int repeats) {
    std::string list;
    for (int i = 1; i <= values; ++i) list += (i > 1 ? ", " : "") + std::to_string(i);
    return "repeats: " + std::to_string(repeats) + "\nsweep:\n  training.max_epochs: [" + list +
           "]\n";
  };
  const ExperimentSpec atLimit = loadExperimentText(sweepText(100, 1000), "limit.yaml");
  QCOMPARE(atLimit.sweep.front().values.size(), std::size_t(100));
  try {
    loadExperimentText(sweepText(101, 1000), "over.yaml");
    QFAIL("no SpecError");
  } catch (const SpecError& error) {
    QCOMPARE(error.key(), std::string("training.max_epochs"));
    QVERIFY2(error.problem().find("more than 100000 trials") != std::string::npos, error.what());
  }
}

QTEST_APPLESS_MAIN(tst_trial_expansion)
#include "tst_trial_expansion.moc"
