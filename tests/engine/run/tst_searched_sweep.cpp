// Searched and pruned studies in the runner: random search trains the trials expandTrials lists;
// a tpe study lists placeholders before it trains, suggests each trial from the results before
// it (reproducible with one trial at a time, and steered away from random draws after its
// start-up trials), and a resumed tpe study suggests what the uninterrupted one did; ASHA prunes
// trials with a hopeless learning rate and trains the good ones to the end.
#include <QTemporaryDir>
#include <QtTest>

#include "sweeplab/experiment_io.h"
#include "sweeplab/resume.h"
#include "sweeplab/run_folder.h"
#include "sweeplab/sweep_runner.h"

using namespace sweeplab;

namespace {

const std::string kData =
    "dataset:\n  source: synthetic-jsc\n  samples: 1500\n"
    "model:\n  name: mlp\n  hidden: [8]\n"
    "training:\n  batch_size: 256\n  max_epochs: 2\n  log_every_n_steps: 50\n"
    "parallel_trials: 1\n";

ExperimentSpec study(const std::string& search, const std::string& sweep,
                     const std::string& extra = "") {
  return loadExperimentText("name: searched\n" + kData + search + "sweep:\n" + sweep + extra,
                            "searched.yaml");
}

const std::string kSpace =
    "  training.learning_rate: {log_uniform: [1e-4, 1e-1]}\n"
    "  model.hidden: {choice: [[8], [16]]}\n";

RunSummary runIn(const QString& dir, const ExperimentSpec& spec) {
  RunOptions options;
  options.out_dir = dir.toStdString();
  options.cache_dir.clear();
  return SweepRunner(spec, options).run();
}

std::vector<std::vector<std::pair<std::string, std::string>>> sweptOf(const RunSummary& run) {
  std::vector<std::vector<std::pair<std::string, std::string>>> swept;
  for (const TrialSummary& trial : run.trials) swept.push_back(trial.swept);
  return swept;
}

// Asks its runner to stop when trial `last` has ended.
struct StopAfter : RunObserver {
  StopAfter(SweepRunner* r, int l) : runner(r), last(l) {}
  void trialFinished(int trial, const TrialSummary&) override {
    if (trial == last) runner->requestStop();
  }
  SweepRunner* runner;
  int last;
};

}  // namespace

class TstSearchedSweep : public QObject {
  Q_OBJECT
 private Q_SLOTS:
  void randomTrainsTheListedTrials() {
    QTemporaryDir dir;
    const ExperimentSpec spec =
        study("search:\n  method: random\n  trials: 3\n  seed: 4\n", kSpace);
    const RunSummary run = runIn(dir.path(), spec);
    const std::vector<TrialSpec> listed = expandTrials(spec);
    QCOMPARE(run.trials.size(), listed.size());
    for (size_t i = 0; i < listed.size(); ++i) {
      QCOMPARE(run.trials[i].swept, listed[i].swept);
      QCOMPARE(run.trials[i].folder, listed[i].folderName());
      QCOMPARE(run.trials[i].status, TrialStatus::Finished);
    }
  }

  void tpeIsReproducibleAndLearns() {
    // 12 trials: the first ten are the random sampler's own, the last two TPE's.
    const std::string search = "search:\n  method: tpe\n  trials: 12\n  seed: 7\n";
    QTemporaryDir a, b, r;
    const RunSummary first = runIn(a.path(), study(search, kSpace));
    const RunSummary second = runIn(b.path(), study(search, kSpace));
    QCOMPARE(sweptOf(first), sweptOf(second));
    for (const TrialSummary& trial : first.trials) {
      QCOMPARE(trial.status, TrialStatus::Finished);
      QVERIFY(!trial.swept.empty());
      QVERIFY(trial.label.find("not suggested") == std::string::npos);
    }
    const std::vector<TrialSpec> random =
        expandTrials(study("search:\n  method: random\n  trials: 12\n  seed: 7\n", kSpace));
    for (int i = 0; i < 10; ++i) QCOMPARE(first.trials[i].swept, random[i].swept);
    QVERIFY(first.trials[10].swept != random[10].swept ||
            first.trials[11].swept != random[11].swept);
    // run.json lists the trials before they are suggested; their records carry the values.
    const RunSummary header =
        readRunRecord(first.trials.empty() ? "" : a.path().toStdString() + "/" + runDirName(a));
    QCOMPARE(header.trials.at(3).label, std::string("trial 4 (not suggested yet)"));
    QCOMPARE(header.trials.at(3).folder, std::string("003"));
  }

  void resumedTpeSuggestsTheSame() {
    const std::string search = "search:\n  method: tpe\n  trials: 12\n  seed: 3\n";
    QTemporaryDir whole, part;
    const RunSummary uninterrupted = runIn(whole.path(), study(search, kSpace));
    // The same study stopped once 11 trials have ended: its last one is recorded as not started.
    const ExperimentSpec spec = study(search, kSpace);
    RunOptions options;
    options.out_dir = part.path().toStdString();
    options.cache_dir.clear();
    StopAfter stopper(nullptr, 10);
    SweepRunner observed(spec, options, &stopper);
    stopper.runner = &observed;
    observed.run();
    RunOptions resume;
    resume.cache_dir.clear();
    resume.resume = std::make_shared<ResumePlan>(planResume(observed.runDirectory()));
    QCOMPARE(resume.resume->rerun, std::vector<int>{11});
    const RunSummary resumed = SweepRunner(resume.resume->spec, resume).run();
    QCOMPARE(sweptOf(resumed), sweptOf(uninterrupted));
  }

  void ashaPrunesTheHopelessTrials() {
    // One useful learning rate, then three hopeless ones; ASHA's rungs lie at epochs 1 and 4.
    QTemporaryDir dir;
    const ExperimentSpec spec =
        study("", "  training.learning_rate: [0.05, 2e-6, 3e-6, 4e-6]\n",
              "pruning:\n  method: asha\n  metric: val_loss\n  min_epochs: 1\n"
              "  reduction_factor: 4\n");
    ExperimentSpec longer = spec;
    longer.training.max_epochs = 3;
    const RunSummary run = runIn(dir.path(), longer);
    int pruned = 0;
    for (const TrialSummary& trial : run.trials) {
      if (std::stod(trial.swept.at(0).second) < 1e-5) {
        QCOMPARE(trial.status, TrialStatus::Pruned);
        QVERIFY2(trial.message.rfind("pruned at epoch 1", 0) == 0, trial.message.c_str());
        QCOMPARE(trial.epochs_completed, 1);
        ++pruned;
      } else {
        QCOMPARE(trial.status, TrialStatus::Finished);
        QCOMPARE(trial.epochs_completed, 3);
      }
    }
    QCOMPARE(pruned, 3);
    const RunSummary derived =
        readRunSummary(run.trials.empty() ? "" : dir.path().toStdString() + "/" + runDirName(dir));
    QCOMPARE(derived.trials.at(1).status, TrialStatus::Pruned);
  }

 private:
  static std::string runDirName(const QTemporaryDir& dir) {
    return QDir(dir.path()).entryList(QDir::Dirs | QDir::NoDotAndDotDot).at(0).toStdString();
  }
};

QTEST_GUILESS_MAIN(TstSearchedSweep)
#include "tst_searched_sweep.moc"
