// The comparison guard names what else differs between trials shown together, and stays quiet
// when the swept keys alone differ.
#include <QtTest>

#include "sweeplab/comparison.h"
#include "sweeplab/experiment_io.h"
#include "sweeplab/trial.h"

using namespace sweeplab;

namespace {

std::vector<ComparedTrial> comparedTrials(const ExperimentSpec& spec) {
  std::vector<ComparedTrial> out;
  for (const TrialSpec& trial : expandTrials(spec)) out.push_back({trial.spec, "cpu", "1.0", ""});
  return out;
}

std::vector<std::string> sweptKeys(const ExperimentSpec& spec) {
  std::vector<std::string> keys;
  for (const SweepAxis& axis : spec.sweep) keys.push_back(axis.key);
  return keys;
}

ExperimentSpec study(const char* file) {
  return loadExperimentFile(std::string(SWEEPLAB_SOURCE_DIR) + "/experiments/" + file);
}

}  // namespace

class tst_comparison : public QObject {
  Q_OBJECT

 private Q_SLOTS:
  // A batch-size sweep with repeats: only the swept key and the seeds differ - no note.
  void sweptKeyAndSeedsAloneGiveNoNote() {
    ExperimentSpec spec = study("batch_size.yaml");
    spec.repeats = 2;
    const auto differences = comparisonDifferences(comparedTrials(spec), sweptKeys(spec));
    QVERIFY2(differences.empty(), describeDifferences(differences).c_str());
  }

  // The epoch study: its cosine schedule follows max_epochs, so the learning rate at a given
  // epoch differs between trials too, and the note says so.
  void epochSweepNamesTheScheduleLength() {
    const ExperimentSpec spec = study("epochs.yaml");
    QCOMPARE(spec.training.scheduler.kind, SchedulerKind::Cosine);
    const auto differences = comparisonDifferences(comparedTrials(spec), sweptKeys(spec));
    QCOMPARE(differences.size(), size_t(1));
    QVERIFY(QString::fromStdString(differences[0].what).contains("schedule length"));
    QCOMPARE(differences[0].values.size(), spec.sweep[0].values.size());

    // With a fixed t_max the schedules are the same: nothing to say.
    ExperimentSpec fixed = spec;
    fixed.training.scheduler.t_max = 10;
    QVERIFY(comparisonDifferences(comparedTrials(fixed), sweptKeys(fixed)).empty());
  }

  // Trials of two experiments overlaid: another dataset size, split seed, device and version
  // are all listed; a model chosen by name explains its layer list.
  void overlayListsEveryOtherDifference() {
    ExperimentSpec tiny = study("tiny_vs_x10.yaml");
    tiny.sweep.clear();
    ExperimentSpec large = tiny;
    large.model.name = "jsc-tiny-x10";
    large.dataset.samples = tiny.dataset.samples + 1000;
    large.dataset.split_seed = tiny.dataset.split_seed + 1;
    const std::vector<ComparedTrial> trials = {{tiny, "cpu", "0.9.0", "abc"},
                                               {large, "cuda:0", "1.0.0", "def"}};
    const auto differences = comparisonDifferences(trials, {"model"});
    std::vector<std::string> what;
    for (const TrialDifference& d : differences) what.push_back(d.what);
    const std::vector<std::string> expected = {"dataset.samples", "dataset.split_seed", "device",
                                               "Sweeplab version", "dataset content"};
    QCOMPARE(what, expected);
    const std::string note = describeDifferences(differences);
    QVERIFY2(note.find("device (cpu, cuda:0)") != std::string::npos, note.c_str());

    // Without the model among the expected keys, the model is a difference as well.
    const auto unexpected = comparisonDifferences(trials, {});
    QVERIFY(std::any_of(unexpected.begin(), unexpected.end(),
                        [](const TrialDifference& d) { return d.what == "model.name"; }));
  }

  void unknownContextIsNotADifference() {
    ExperimentSpec spec = study("tiny_vs_x10.yaml");
    const std::vector<ComparedTrial> trials = {{spec, "", "", ""}, {spec, "cpu", "1.0", "abc"}};
    QVERIFY(comparisonDifferences(trials, {}).empty());
  }
};

QTEST_GUILESS_MAIN(tst_comparison)
#include "tst_comparison.moc"
