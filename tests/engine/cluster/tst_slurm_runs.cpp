// A study sent to a real Slurm (tests/support/slurm_fixture.h) trains as an array job into its
// run folder and gives exactly the numbers of a local run; status follows it through pending,
// running and finished; a refused job leaves nothing behind.
#include <QDir>
#include <QTemporaryDir>
#include <QtTest>

#include <memory>
#include <set>

#include "cluster_test_support.h"
#include "slurm_fixture.h"

using namespace sweeplab;
using namespace sweeplab::test_support;

class TstSlurmRuns : public QObject {
  Q_OBJECT

 private Q_SLOTS:
  void initTestCase() {
    cluster_ = std::make_unique<SlurmCluster>();
    SWEEPLAB_REQUIRE_SLURM_CLUSTER(*cluster_);
    QVERIFY(out_.isValid());
    localRun_ = runLocally(out_);
    QVERIFY(!localRun_.empty());
  }

  void theQuickDemoAsAnArrayEqualsALocalRun() {
    // Submitted held, so that status is seen saying "pending" whatever the machine's pace (a
    // quick demo task can end before a poll on a busy machine), then released.
    const Ran submit =
        cli({QStringLiteral("submit"), example("quick_demo.yaml"), QStringLiteral("--slurm"),
             QStringLiteral("--array-parallelism"), QStringLiteral("2"), QStringLiteral("--out"),
             out_.filePath(QStringLiteral("cluster")), QStringLiteral("--sbatch-arg"),
             QStringLiteral("--hold"), QStringLiteral("--quiet")});
    QVERIFY2(submit.exitCode == 0, qPrintable(submit.err));
    QVERIFY2(submit.out.contains(QStringLiteral("4 trials in 4 array tasks")),
             qPrintable(submit.out));
    const QString runDir = submittedFolder(submit);
    QVERIFY(QFile::exists(runDir + QStringLiteral("/slurm/job-1.sh")));
    QVERIFY(QFile::exists(runDir + QStringLiteral("/run.json")));

    const Ran held = cli({QStringLiteral("status"), runDir});
    for (int trial = 1; trial <= 4; ++trial)
      QVERIFY2(trialState(held.out, trial) == QStringLiteral("pending"), qPrintable(held.out));
    const Ran release =
        runProgram(QStringLiteral("scontrol"), {QStringLiteral("release"), submittedJob(submit)});
    QVERIFY2(release.exitCode == 0, qPrintable(release.err));

    const bool ended = waitFor(
        [&] {
          const Ran status = cli({QStringLiteral("status"), runDir});
          return status.exitCode == 0 && everyTrialEnded(runDir.toStdString());
        },
        180'000);
    QVERIFY2(ended, "the array did not finish in 3 minutes");
    const Ran last = cli({QStringLiteral("status"), runDir});
    QVERIFY2(last.out.contains(QStringLiteral("4 trials: 4 finished")), qPrintable(last.out));
    // (A quick demo trial can end between two polls; tst_slurm_recovery sees status say
    // "running" on trials of a few seconds.)
    compareWithLocalRun(runDir.toStdString(), localRun_);
  }

  void aRefusedJobLeavesNoRunFolder() {
    const QString outDir = out_.filePath(QStringLiteral("refused"));
    const Ran submit =
        cli({QStringLiteral("submit"), example("quick_demo.yaml"), QStringLiteral("--slurm"),
             QStringLiteral("--partition"), QStringLiteral("no_such_partition"),
             QStringLiteral("--out"), outDir, QStringLiteral("--quiet")});
    QCOMPARE(submit.exitCode, 2);
    // sbatch's own words, as the scheduler wrote them.
    QVERIFY2(submit.err.contains(QStringLiteral("invalid partition"), Qt::CaseInsensitive),
             qPrintable(submit.err));
    QVERIFY(QDir(outDir).entryList(QDir::Dirs | QDir::NoDotAndDotDot).isEmpty());
  }

  // submit starts from the file's cluster: section, and an option given replaces its field.
  void theFilesClusterSectionIsSubmittedUnlessTheCommandLineSaysOtherwise() {
    QFile demo(example("quick_demo.yaml"));
    QVERIFY(demo.open(QIODevice::ReadOnly));
    const QString study = out_.filePath(QStringLiteral("cluster_section.yaml"));
    QFile file(study);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(demo.readAll() + "\ncluster:\n  partition: no_such_partition\n  time: 10\n");
    file.close();
    const Ran validate = cli({QStringLiteral("validate"), study});
    QVERIFY2(
        validate.out.contains(
            QStringLiteral("cluster: partition=no_such_partition, time=\"10\"")) ||
            validate.out.contains(QStringLiteral("cluster: partition=no_such_partition, time=10")),
        qPrintable(validate.out));

    const QString outDir = out_.filePath(QStringLiteral("from_file"));
    const QStringList submit{QStringLiteral("submit"), study,  QStringLiteral("--slurm"),
                             QStringLiteral("--out"),  outDir, QStringLiteral("--quiet")};
    const Ran fromFile = cli(submit);
    QCOMPARE(fromFile.exitCode, 2);
    QVERIFY2(fromFile.err.contains(QStringLiteral("invalid partition"), Qt::CaseInsensitive),
             qPrintable(fromFile.err));
    QVERIFY(QDir(outDir).entryList(QDir::Dirs | QDir::NoDotAndDotDot).isEmpty());

    // The command line wins: a partition that exists, and a time limit sbatch cannot take.
    const Ran overridden =
        cli(submit + QStringList{QStringLiteral("--partition"), QStringLiteral("debug"),
                                 QStringLiteral("--time"), QStringLiteral("not-a-time")});
    QCOMPARE(overridden.exitCode, 2);
    QVERIFY2(!overridden.err.contains(QStringLiteral("partition"), Qt::CaseInsensitive),
             qPrintable(overridden.err));
    QVERIFY2(overridden.err.contains(QStringLiteral("time"), Qt::CaseInsensitive),
             qPrintable(overridden.err));
  }

  void cleanupTestCase() { cluster_.reset(); }

 private:
  std::unique_ptr<SlurmCluster> cluster_;
  QTemporaryDir out_;
  std::string localRun_;
};

QTEST_GUILESS_MAIN(TstSlurmRuns)
#include "tst_slurm_runs.moc"
