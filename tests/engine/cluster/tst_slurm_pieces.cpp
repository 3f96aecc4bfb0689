// The pieces of a Slurm submission that need no cluster: how trials are packed into array
// tasks, the job script's options, and reading what squeue and sacct print.
#include <QtTest>

#include "sweeplab/cluster/job_script.h"
#include "sweeplab/cluster/slurm_queue.h"
#include "sweeplab/cluster/slurm_settings.h"
#include "sweeplab/cluster/slurm_tools.h"
#include "sweeplab/errors.h"

using namespace sweeplab;

class TstSlurmPieces : public QObject {
  Q_OBJECT

 private Q_SLOTS:
  void smallStudiesGetOneTrialPerTask() {
    QCOMPARE(trialsPerTask({}, 4), 1);
    QCOMPARE(trialsPerTask({}, 100), 1);
  }

  void aThousandTrialsAreAHundredTasks() {
    const int perTask = trialsPerTask({}, 1000);
    QCOMPARE(perTask, 10);
    std::vector<int> trials(1000);
    for (int i = 0; i < 1000; ++i) trials[i] = i;
    QCOMPARE(packTrials(trials, perTask).size(), size_t(100));
  }

  void theSettingWinsAndTheLastPackTakesTheRest() {
    SlurmSettings settings;
    settings.trials_per_task = 3;
    QCOMPARE(trialsPerTask(settings, 1000), 3);
    const auto packs = packTrials({0, 2, 5, 6, 7, 9, 11}, 3);
    QCOMPARE(packs.size(), size_t(3));
    QCOMPARE(packs[0], (std::vector<int>{0, 2, 5}));
    QCOMPARE(packs[2], (std::vector<int>{11}));
  }

  void theJobScriptSaysEverythingThatWasAsked() {
    JobScriptInput input;
    input.job_name = "sweeplab-quick_demo";
    input.run_dir = "/shared/runs/quick demo";
    input.cli_program = "/usr/bin/sweeplab-cli";
    input.log_pattern = "/shared/runs/x/slurm/job-1-task-%a.out";
    input.packs = {{0, 1}, {2}, {3}};
    input.settings.partition = "gpu";
    input.settings.account = "lab42";
    input.settings.time = "0-01:00:00";
    input.settings.cpus_per_task = 2;
    input.settings.array_parallelism = 2;
    input.settings.sbatch_args = {"--constraint=a100"};
    const QString script = QString::fromStdString(slurmJobScript(input));
    QVERIFY(script.startsWith("#!/bin/bash\n"));
    for (const char* line :
         {"#SBATCH --array=0-2%2\n", "#SBATCH --requeue\n", "#SBATCH --partition=gpu\n",
          "#SBATCH --account=lab42\n", "#SBATCH --time=0-01:00:00\n", "#SBATCH --cpus-per-task=2\n",
          "#SBATCH --constraint=a100\n",
          "#SBATCH --output=/shared/runs/x/slurm/job-1-task-%a.out\n",
          "packs=(\"1,2\" \"3\" \"4\")\n"})
      QVERIFY2(script.contains(line), line);
    QVERIFY(!script.contains("--qos"));  // options not asked for are left to the cluster
    QVERIFY(!script.contains("--gpus-per-task"));
    QVERIFY(
        script.contains("exec /usr/bin/sweeplab-cli run-task '/shared/runs/quick demo' "
                        "--trials \"${packs[$SLURM_ARRAY_TASK_ID]}\""));
  }

  void squeueListsRunningTasksAndPendingRanges() {
    const std::string text =
        "77_0|RUNNING|None|node7\n"
        "77_1|RUNNING|None|node8\n"
        "77_[2-4%2]|PENDING|JobArrayTaskLimit|\n"
        "78_0|RUNNING|None|node9\n";
    const auto tasks = parseSqueueArray(text, "77");
    QCOMPARE(tasks.size(), size_t(5));
    QCOMPARE(QString::fromStdString(tasks.at(0).state), QString("RUNNING"));
    QCOMPARE(QString::fromStdString(tasks.at(1).node), QString("node8"));
    QVERIFY(tasks.at(0).reason.empty());  // squeue's "None" is no reason
    QCOMPARE(QString::fromStdString(tasks.at(4).state), QString("PENDING"));
    QCOMPARE(QString::fromStdString(tasks.at(3).reason), QString("JobArrayTaskLimit"));
  }

  void sacctSkipsStepsAndKeepsTheStateWord() {
    const std::string text =
        "90_0|COMPLETED|n1|None\n"
        "90_0.batch|COMPLETED|n1|\n"
        "90_1|CANCELLED by 0|n1|None\n"
        "90_[2,4]|PENDING|None assigned|Priority\n";
    const auto tasks = parseSacctArray(text, "90");
    QCOMPARE(tasks.size(), size_t(4));
    QCOMPARE(QString::fromStdString(tasks.at(1).state), QString("CANCELLED"));
    QCOMPARE(QString::fromStdString(tasks.at(4).reason), QString("Priority"));
    QVERIFY(tasks.count(3) == 0);
  }

  void wordsAreQuotedForARemoteShell() {
    QCOMPARE(QString::fromStdString(shellQuote("--partition=debug")), QString("--partition=debug"));
    QCOMPARE(QString::fromStdString(shellQuote("it's here")), QString("'it'\\''s here'"));
    QCOMPARE(QString::fromStdString(shellQuote("")), QString("''"));
  }

  void aMissingToolSaysWhatToDo() {
    try {
      runSlurmTool("", "sbatch-that-is-not-installed", {"--version"});
      QFAIL("a missing tool must be an error");
    } catch (const InputError& error) {
      QVERIFY(QString(error.what()).contains("not found on PATH"));
      QVERIFY(QString(error.what()).contains("command prefix"));
    }
  }

  void aPrefixRunsTheQuotedCommandThroughIt() {
    // `sh -c` stands in for ssh: both hand one command line to a shell.
    const ToolResult result = runSlurmTool("sh -c", "echo", {"a b", "it's"});
    QCOMPARE(result.exit_code, 0);
    QCOMPARE(QString::fromStdString(result.out), QString("a b it's\n"));
  }
};

QTEST_GUILESS_MAIN(TstSlurmPieces)
#include "tst_slurm_pieces.moc"
