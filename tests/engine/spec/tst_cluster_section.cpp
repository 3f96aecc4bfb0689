// The experiment file's optional cluster: section: read, written back (with its comments),
// set with --set, checked with the place and what is allowed, and kept out of what makes
// trials differ.
#include <QRegularExpression>
#include <QtTest>

#include "sweeplab/comparison.h"
#include "sweeplab/errors.h"
#include "sweeplab/experiment_io.h"
#include "sweeplab/experiment_keys.h"

using namespace sweeplab;

namespace {

const char* const kStudy =
    "name: cluster_study\n"
    "model: jsc-tiny\n"
    "sweep:\n"
    "  training.batch_size: [64, 256]\n"
    "\n"
    "# Where submit --slurm sends it\n"
    "cluster:\n"
    "  partition: gpu  # the A100 nodes\n"
    "  account: physics\n"
    "  qos: short\n"
    "  time: 0-02:00:00\n"
    "  mem: 8G\n"
    "  cpus_per_task: 4\n"
    "  gpus_per_task: 1\n"
    "  array_parallelism: 8\n"
    "  trials_per_task: 2\n"
    "  sbatch_args: [--exclusive, --constraint=a100]\n"
    "  command_prefix: ssh login.cluster.example\n";

}  // namespace

class tst_cluster_section : public QObject {
  Q_OBJECT

 private Q_SLOTS:
  void readsEveryKey() {
    const SlurmSettings c = loadExperimentText(kStudy, "study.yaml").cluster;
    QCOMPARE(c.partition, std::string("gpu"));
    QCOMPARE(c.account, std::string("physics"));
    QCOMPARE(c.qos, std::string("short"));
    QCOMPARE(c.time, std::string("0-02:00:00"));
    QCOMPARE(c.mem, std::string("8G"));
    QCOMPARE(c.cpus_per_task, 4);
    QCOMPARE(c.gpus_per_task, 1);
    QCOMPARE(c.array_parallelism, 8);
    QCOMPARE(c.trials_per_task, 2);
    QCOMPARE(c.sbatch_args, (std::vector<std::string>{"--exclusive", "--constraint=a100"}));
    QCOMPARE(c.command_prefix, std::string("ssh login.cluster.example"));
  }

  void acceptsSlurmTimeForms_data() {
    QTest::addColumn<QString>("time");
    QTest::addColumn<bool>("valid");
    for (const char* good :
         {"30", "30:00", "02:00:00", "100:00:00", "1-12", "1-12:30", "0-02:00:00", "14-00:00:00"})
      QTest::newRow(good) << good << true;
    for (const char* bad : {"2h", "1:2:3:4", "1-2-3", "-5", "1-", ":30", "1.5", "1-123:00"})
      QTest::newRow(bad) << bad << false;
  }
  void acceptsSlurmTimeForms() {
    QFETCH(QString, time);
    QFETCH(bool, valid);
    const std::string text = "cluster:\n  time: \"" + time.toStdString() + "\"\n";
    bool loaded = true;
    try {
      loadExperimentText(text, "t.yaml");
    } catch (const SpecError&) {
      loaded = false;
    }
    QCOMPARE(loaded, valid);
    // The schema's pattern says the same as the check.
    const QRegularExpression pattern(
        QString::fromStdString(findExperimentKey("cluster.time")->pattern));
    QCOMPARE(pattern.match(time).hasMatch(), valid);
  }

  void roundTripsThroughSaveAndRewrite() {
    const ExperimentSpec loaded = loadExperimentText(kStudy, "study.yaml");
    ExperimentSpec saved = loadExperimentText(saveExperimentYaml(loaded), "study.yaml");
    QVERIFY(saved == loaded);
    // An unedited file comes back as it was, comments and all.
    QCOMPARE(rewriteExperimentYaml(loaded, kStudy), std::string(kStudy));
    // An edit elsewhere keeps the section's lines; a changed key is written afresh.
    ExperimentSpec edited = loaded;
    edited.training.max_epochs = 5;
    edited.cluster.time = "30:00";
    const std::string text = rewriteExperimentYaml(edited, kStudy);
    QVERIFY2(text.find("# Where submit --slurm sends it\ncluster:\n  partition: gpu  # the A100 "
                       "nodes\n") != std::string::npos,
             text.c_str());
    QVERIFY2(text.find("  time: 30:00\n") != std::string::npos ||
                 text.find("  time: \"30:00\"\n") != std::string::npos,
             text.c_str());
    QVERIFY(loadExperimentText(text, "study.yaml") == edited);
  }

  void leftOutWhileItSaysNothing() {
    ExperimentSpec spec;
    QVERIFY(saveExperimentYaml(spec).find("cluster") == std::string::npos);
    spec.cluster.partition = "gpu";
    const std::string saved = saveExperimentYaml(spec);
    QVERIFY(saved.find("\ncluster:\n  partition: gpu\n") != std::string::npos);
    QVERIFY(loadExperimentText(saved, "x") == spec);
    // A section of defaults reads as no section.
    QVERIFY(loadExperimentText("cluster:\n  cpus_per_task: 0\n", "x") == ExperimentSpec{});
  }

  void setFromTheCommandLine() {
    ExperimentSpec spec = loadExperimentText(kStudy, "study.yaml");
    applyOverride(spec, "cluster.partition", "debug");
    QCOMPARE(spec.cluster.partition, std::string("debug"));
    applyOverride(spec, "cluster.time", "01:30:00");
    QCOMPARE(spec.cluster.time, std::string("01:30:00"));
    applyOverride(spec, "cluster.sbatch_args", "[--nice=10]");
    QCOMPARE(spec.cluster.sbatch_args, std::vector<std::string>{"--nice=10"});
    QVERIFY_THROWS_EXCEPTION(SpecError, applyOverride(spec, "cluster.cpus_per_task", "-1"));
    QVERIFY_THROWS_EXCEPTION(SpecError, applyOverride(spec, "cluster.time", "90 minutes"));
    QVERIFY_THROWS_EXCEPTION(SpecError, applyOverride(spec, "cluster.partion", "gpu"));
    QCOMPARE(spec.cluster.time, std::string("01:30:00"));  // a refused value changes nothing
  }

  void errorsSayWhereAndWhatIsAllowed_data() {
    QTest::addColumn<QString>("yaml");
    QTest::addColumn<int>("line");
    QTest::addColumn<int>("column");
    QTest::addColumn<QString>("key");
    QTest::addColumn<QString>("problem");
    QTest::newRow("bad time") << "name: x\ncluster:\n  time: 2 hours\n"
                              << 3 << 9 << "cluster.time"
                              << "expected a Slurm time limit: D-HH:MM:SS, HH:MM:SS, MM:SS or "
                                 "minutes (e.g. 0-02:00:00 or 120), got '2 hours'";
    QTest::newRow("negative count") << "cluster:\n  array_parallelism: -4\n"
                                    << 2 << 22 << "cluster.array_parallelism"
                                    << "expected a non-negative integer, got '-4'";
    QTest::newRow("unknown key") << "cluster:\n  acount: physics\n"
                                 << 2 << 3 << "cluster.acount"
                                 << "did you mean 'account'?";
    QTest::newRow("sbatch_args not a list")
        << "cluster:\n  sbatch_args: --exclusive --nice\n"
        << 2 << 16 << "cluster.sbatch_args"
        << "expected a list of sbatch options, e.g. [--exclusive, --constraint=a100]";
    QTest::newRow("section not a map") << "cluster: gpu\n"
                                       << 1 << 10 << "cluster"
                                       << "expected a map of keys (partition, account";
    QTest::newRow("cluster key swept") << "sweep:\n  cluster.partition: [a, b]\n"
                                       << 2 << 3 << "cluster.partition"
                                       << "cannot be swept";
  }
  void errorsSayWhereAndWhatIsAllowed() {
    QFETCH(QString, yaml);
    QFETCH(int, line);
    QFETCH(int, column);
    QFETCH(QString, key);
    QFETCH(QString, problem);
    try {
      loadExperimentText(yaml.toStdString(), "bad.yaml");
      QFAIL("loaded");
    } catch (const SpecError& error) {
      QCOMPARE(error.line(), line);
      QCOMPARE(error.column(), column);
      QCOMPARE(QString::fromStdString(error.key()), key);
      QVERIFY2(QString::fromUtf8(error.what()).contains(problem), error.what());
    }
  }

  // Trials of studies that differ only in where they ran trained alike: the section is not a
  // difference the comparison note reports.
  void isNoDifferenceBetweenTrials() {
    const KeyInfo* partition = findExperimentKey("cluster.partition");
    QVERIFY(partition && !partition->sweepable);
    ExperimentSpec a;
    ExperimentSpec b = a;
    b.cluster.partition = "gpu";
    b.cluster.cpus_per_task = 8;
    QVERIFY(a != b);  // a spec is what its file says
    std::vector<ComparedTrial> trials(2);
    trials[0].spec = a;
    trials[1].spec = b;
    QVERIFY(comparisonDifferences(trials, {}).empty());
  }
};

QTEST_APPLESS_MAIN(tst_cluster_section)
#include "tst_cluster_section.moc"
