// Saving an edited study keeps what a person wrote: an unedited file comes back byte for byte,
// unchanged keys keep their lines and comments, a changed key is written afresh without its
// comment, new keys are the ones that differ from their defaults, and every rewrite loads back
// as the spec it was written from.
#include <QtTest>

#include <fstream>
#include <random>
#include <sstream>

#include "sweeplab/experiment_io.h"
#include "sweeplab/experiment_keys.h"

using namespace sweeplab;

namespace {

QString experimentsDir() {
  return QStringLiteral(SWEEPLAB_SOURCE_DIR "/experiments");
}

std::string readText(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

QStringList linesOf(const std::string& text) {
  return QString::fromStdString(text).split('\n');
}

// The spec a rewrite reads back as, compared with the spec it was written from.
void checkLoadsBack(const ExperimentSpec& spec, const std::string& text) {
  ExperimentSpec loaded = loadExperimentText(text, "rewritten");
  loaded.source_file = spec.source_file;
  if (!(loaded == spec)) QFAIL(qPrintable("does not load back:\n" + QString::fromStdString(text)));
}

struct Study {
  std::string path, text;
  ExperimentSpec spec;
};

Study study(const char* name) {
  Study s;
  s.path = (experimentsDir() + "/" + name).toStdString();
  s.text = readText(s.path);
  s.spec = loadExperimentFile(s.path);
  return s;
}

}  // namespace

class tst_experiment_rewrite : public QObject {
  Q_OBJECT

 private Q_SLOTS:
  void readyStudiesComeBackAsTheyWere_data() {
    QTest::addColumn<QString>("name");
    for (const QString& file : QDir(experimentsDir()).entryList({"*.yaml"}, QDir::Files))
      QTest::newRow(qPrintable(file)) << file;
  }

  void readyStudiesComeBackAsTheyWere() {
    QFETCH(QString, name);
    const Study s = study(name.toUtf8().constData());
    QCOMPARE(QString::fromStdString(rewriteExperimentYaml(s.spec, s.text)),
             QString::fromStdString(s.text));
  }

  // Renamed, with a description of its own and a new learning rate: the header comment and
  // the schema line stay, the changed keys are written afresh, the rest as it was.
  void renamedStudyKeepsHeaderAndUnchangedLines() {
    Study s = study("batch_size.yaml");
    s.spec.name = "my_batch_study";
    s.spec.description = "Batch sizes at a higher learning rate.";
    s.spec.training.learning_rate = 1e-3;
    const std::string text = rewriteExperimentYaml(s.spec, s.text);
    const QStringList lines = linesOf(text);
    const QStringList before = linesOf(s.text);
    QCOMPARE(lines.at(0),
             QString("# yaml-language-server: $schema=sweeplab-experiment.schema.json"));
    QCOMPARE(lines.mid(1, 2), before.mid(1, 2));  // the header comment
    QVERIFY(lines.contains("name: my_batch_study"));
    QVERIFY(lines.contains("description: Batch sizes at a higher learning rate."));
    QVERIFY(text.find("jsc-tiny learns in 20 epochs") == std::string::npos);
    QVERIFY(lines.contains("  learning_rate: 0.001"));
    QVERIFY(lines.contains("  max_epochs: 20"));
    QVERIFY(
        lines.contains("  # For the real data, use the hls4ml HDF5 file (relative paths start "
                       "at this file's folder):"));
    QVERIFY(lines.contains("model: jsc-tiny"));
    QVERIFY(lines.contains("  training.batch_size: [32, 64, 128, 256, 512]"));
    QVERIFY(lines.contains("parallel_trials: 0"));
    QVERIFY(text.find("# One trial per core") != std::string::npos);
    checkLoadsBack(s.spec, text);
  }

  // A key's comment is about its value: a new value drops it.
  void changedValueDropsItsComment() {
    Study s = study("quick_demo.yaml");
    s.spec.parallel_trials = 2;
    const std::string text = rewriteExperimentYaml(s.spec, s.text);
    QVERIFY(text.find("# One trial per core") == std::string::npos);
    QVERIFY(linesOf(text).contains("parallel_trials: 2"));
    checkLoadsBack(s.spec, text);
  }

  // Not every default spelled out: the keys of the file and the ones that differ from their
  // defaults, in their sections.
  void onlyKeysThatSaySomething() {
    Study s = study("learning_rate.yaml");
    s.spec.training.weight_decay = 1e-4;
    s.spec.training.scheduler.kind = SchedulerKind::Step;
    s.spec.sweep.push_back({"training.batch_size", {"64", "256"}});
    const std::string text = rewriteExperimentYaml(s.spec, s.text);
    const QStringList lines = linesOf(text);
    QVERIFY(lines.contains("  weight_decay: 0.0001"));
    QVERIFY(lines.contains("  scheduler:"));
    QVERIFY(lines.contains("    type: step"));
    QVERIFY(lines.contains("  training.learning_rate: [1e-1, 1e-2, 1e-3, 1e-4, 1e-5]"));
    QVERIFY(lines.contains("  training.batch_size: [64, 256]"));
    for (const char* absent : {"split_seed:", "optimizer:", "momentum:", "eta_min:", "patience:",
                               "test_checkpoint:", "device:", "repeats:", "samples:"})
      QVERIFY2(text.find(absent) == std::string::npos, absent);
    // The new training key sits with the others, after the file's.
    QVERIFY(lines.indexOf("  weight_decay: 0.0001") > lines.indexOf("  max_epochs: 20"));
    QVERIFY(lines.indexOf("  weight_decay: 0.0001") < lines.indexOf("sweep:"));
    checkLoadsBack(s.spec, text);
  }

  void modelStaysOneLineUntilItNeedsASection() {
    Study s = study("epochs.yaml");
    s.spec.model.name = "jsc-tiny-x10";
    std::string text = rewriteExperimentYaml(s.spec, s.text);
    QVERIFY(linesOf(text).contains("model: jsc-tiny-x10"));
    checkLoadsBack(s.spec, text);
    s.spec.model.name = "mlp";
    s.spec.model.hidden = {32, 16};
    text = rewriteExperimentYaml(s.spec, s.text);
    QVERIFY(linesOf(text).contains("model:"));
    QVERIFY(linesOf(text).contains("  name: mlp"));
    QVERIFY(linesOf(text).contains("  hidden: [32, 16]"));
    checkLoadsBack(s.spec, text);
  }

  // A study written by hand, with four-space indents, end-of-line comments and flow maps.
  void handWrittenFileStaysValid() {
    const std::string text =
        "# my study\n"
        "name: hand   # short\n"
        "training:\n"
        "    max_epochs: 5   # quick\n"
        "    learning_rate: 1.0e-3\n"
        "    # the end of training\n"
        "model: {name: mlp, hidden: [8]}\n"
        "sweep: {training.seed: [1, 2]}\n"
        "# the end\n";
    ExperimentSpec spec = loadExperimentText(text, "hand.yaml");
    // Its keys come in the table's order (model before training), each as written.
    const std::string unedited = rewriteExperimentYaml(spec, text);
    QVERIFY(linesOf(unedited).contains("    max_epochs: 5   # quick"));
    checkLoadsBack(spec, unedited);
    spec.training.batch_size = 64;
    spec.model.hidden = {8, 4};
    const std::string edited = rewriteExperimentYaml(spec, text);
    const QStringList lines = linesOf(edited);
    QVERIFY(lines.contains("name: hand   # short"));
    QVERIFY(lines.contains("    batch_size: 64"));
    QVERIFY(lines.contains("    learning_rate: 1.0e-3"));
    QVERIFY(lines.contains("    # the end of training"));
    QVERIFY(lines.contains("# the end"));
    checkLoadsBack(spec, edited);
  }

  void withoutASourceOnlyNonDefaultsAreWritten() {
    ExperimentSpec spec;
    spec.name = "fresh";
    spec.training.max_epochs = 7;
    spec.sweep = {{"training.learning_rate", {"1e-3", "1e-2"}}};
    const std::string text = rewriteExperimentYaml(spec, "");
    QCOMPARE(QString::fromStdString(text),
             QString("name: fresh\n\ntraining:\n  max_epochs: 7\n\nsweep:\n"
                     "  training.learning_rate: [1e-3, 1e-2]\n"));
    checkLoadsBack(spec, text);
  }

  // Random edits of every ready study always load back as the edited spec.
  static bool sweepsModelFields(const ExperimentSpec& spec) {
    for (const SweepAxis& axis : spec.sweep)
      if (axis.key.rfind("model.", 0) == 0 && axis.key != "model.name") return true;
    return false;
  }

  void randomEditsLoadBack() {
    std::mt19937 rng(17);
    const std::vector<std::pair<std::string, std::vector<std::string>>> edits = {
        {"name", {"other", "\"a: b\"", "x # y"}},
        {"description", {"", "short", "\"two\\nlines\""}},
        {"dataset.samples", {"5000", "830000"}},
        {"model", {"jsc-tiny", "jsc-tiny-x10", "jsc-s"}},
        {"training.batch_size", {"64", "128", "512"}},
        {"training.max_epochs", {"3", "20"}},
        {"training.learning_rate", {"1e-5", "0.001", "0.3"}},
        {"training.optimizer", {"adam", "sgd"}},
        {"training.seed", {"0", "4"}},
        {"training.scheduler.type", {"cosine", "constant", "step"}},
        {"training.early_stopping.enabled", {"true", "false"}},
        {"parallel_trials", {"0", "1", "3"}},
        {"repeats", {"1", "2"}}};
    for (const QString& file : QDir(experimentsDir()).entryList({"*.yaml"}, QDir::Files)) {
      const Study s = study(file.toUtf8().constData());
      for (int round = 0; round < 40; ++round) {
        ExperimentSpec spec = s.spec;
        for (int n = std::uniform_int_distribution<>(1, 4)(rng); n > 0; --n) {
          const auto& [key, values] = edits[rng() % edits.size()];
          const std::string& value = values[rng() % values.size()];
          // A catalog model would contradict a study that draws an mlp's widths.
          if (key == "model" && sweepsModelFields(spec)) continue;
          applyOverride(spec, key, value, "test");
        }
        if (rng() % 3 == 0) spec.sweep.push_back({"training.seed", {"1", "2"}});
        checkLoadsBack(spec, rewriteExperimentYaml(spec, s.text));
      }
    }
  }

  // Saved into another folder, the schema reference and a relative data path still name the
  // same files.
  void savedElsewhereStillFindsSchemaAndData() {
    QTemporaryDir dir;
    Study s = study("batch_size.yaml");
    s.spec.dataset.source = DatasetSource::Csv;
    s.spec.dataset.path = "data/jets.csv";
    const std::string saved = dir.filePath("mine.yaml").toStdString();
    saveEditedExperimentFile(s.spec, saved);
    const std::string text = readText(saved);
    const QString schema =
        QDir(experimentsDir()).canonicalPath() + "/sweeplab-experiment.schema.json";
    QCOMPARE(linesOf(text).at(0), "# yaml-language-server: $schema=" + schema);
    const ExperimentSpec loaded = loadExperimentFile(saved);
    QCOMPARE(QString::fromStdString(loaded.dataset.path),
             QDir(experimentsDir()).absoluteFilePath("data/jets.csv"));
    QVERIFY(text.find("# Batch-size study of jsc-tiny") != std::string::npos);
  }
};

QTEST_MAIN(tst_experiment_rewrite)
#include "tst_experiment_rewrite.moc"
