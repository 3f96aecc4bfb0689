// The cost preview's estimator, headless: steps counted exactly as the trainer counts them, the
// runner's schedule on scripted durations (trial groups included), the timing cache used the
// second time, the range with pruning, a tpe study from random draws, a grouped study against
// the same one trial by trial, and real timings that make sense.
#include <QTemporaryDir>
#include <QtTest>

#include <filesystem>
#include <map>

#include "sweeplab/cost_estimate.h"
#include "sweeplab/experiment_io.h"

using namespace sweeplab;

namespace {

ExperimentSpec study(const std::string& extra, int parallel = 1) {
  return loadExperimentText(
      "name: cost\n"
      "dataset:\n  source: synthetic-jsc\n  samples: 3000\n"
      "training:\n  max_epochs: 9\n"
      "parallel_trials: " +
          std::to_string(parallel) + "\n" + extra,
      "cost.yaml");
}

// A pace proportional to the batch: a scripted machine, no training.
ShapeTiming scriptedTiming(const TimingShape& shape) {
  ShapeTiming timing;
  timing.seconds_per_step = 1e-4 * shape.batch_size * (shape.side_by_side > 1 ? 1.5 : 1.0);
  timing.seconds_per_epoch = 0.01;
  timing.seconds_per_test = 0.02;
  return timing;
}

CostOptions scriptedOptions(const QTemporaryDir& cache, int* calls) {
  CostOptions options;
  options.cache_dir = cache.path().toStdString();
  options.measure_load = false;
  options.count_files = false;
  options.timer = [calls](const TimingShape& shape) {
    ++*calls;
    return scriptedTiming(shape);
  };
  return options;
}

// The group loop at 60 % of the single-trial loop's pace per member, as measured for jsc-tiny.
ShapeTiming groupedScriptedTiming(const TimingShape& shape) {
  ShapeTiming timing = scriptedTiming(shape);
  if (shape.grouped) timing.seconds_per_step *= 0.6;
  return timing;
}

double trialSeconds(long long stepsPerEpoch, int epochs, int batch, bool crowded = false) {
  const ShapeTiming timing =
      scriptedTiming({ModelSpec{}, batch, Optimizer::Adam, 1, crowded ? 2 : 1});
  return epochs * (stepsPerEpoch * timing.seconds_per_step + timing.seconds_per_epoch) +
         timing.seconds_per_test;
}

}  // namespace

class tst_cost_estimate : public QObject {
  Q_OBJECT

 private Q_SLOTS:
  void stepsPerEpochCountsTheTrainersSteps() {
    QCOMPARE(stepsPerEpoch(597600, 32), 18675LL);
    QCOMPARE(stepsPerEpoch(597600, 64), 9338LL);  // a partial last batch is a step
    QCOMPARE(stepsPerEpoch(10, 3), 3LL);          // ... unless it holds one row (batch norm)
    QCOMPARE(stepsPerEpoch(11, 3), 4LL);
    QCOMPARE(stepsPerEpoch(0, 3), 0LL);
  }

  void scheduleTakesTrialsInOrder() {
    // Two workers, paces that do not depend on company: plain list scheduling in order.
    const Schedule schedule = scheduleTrials({{4, 4}, {3, 3}, {2, 2}, {1, 1}}, 2);
    QCOMPARE(schedule.wall_seconds, 5.0);
    QCOMPARE(schedule.start, (std::vector<double>{0, 0, 3, 4}));
    QCOMPARE(schedule.end, (std::vector<double>{4, 3, 5, 5}));
    QCOMPARE(scheduleTrials({{4, 4}, {3, 3}, {2, 2}, {1, 1}}, 1).wall_seconds, 10.0);
    QCOMPARE(scheduleTrials({}, 2).wall_seconds, 0.0);
  }

  void aTrialLeftAloneSpeedsUp() {
    // Side by side each takes twice as long as alone. B ends at 2, when A is half done; A's
    // other half then runs alone: 0.5 x 2 s.
    const Schedule schedule = scheduleTrials({{2, 4}, {1, 2}}, 2);
    QCOMPARE(schedule.end[1], 2.0);
    QCOMPARE(schedule.end[0], 3.0);
    QCOMPARE(schedule.wall_seconds, 3.0);
    // Three workers, two trials: the pace of two side by side lies halfway.
    QCOMPARE(scheduleTrials({{2, 6}, {2, 6}}, 3).wall_seconds, 4.0);
  }

  void aGroupSumsItsMembersWork() {
    // 10 steps an epoch at 0.1 s per member step, 0.5 s of validation an epoch, 1 s of test:
    // 1.5 s per member epoch alone (2.5 s crowded, at 0.2 s a step).
    const ShapeTiming alone{0.1, 0.5, 1.0}, crowded{0.2, 0.5, 1.0};
    const WorkerBatch group = groupWork({{10, 4, alone, crowded, 0}, {10, 2, alone, crowded, 0}});
    // 4 x 1.5 + 1 and 2 x 1.5 + 1; crowded 4 x 2.5 + 1 and 2 x 2.5 + 1.
    QCOMPARE(group.duration.alone, 11.0);
    QCOMPARE(group.duration.crowded, 17.0);
    // The short member leaves after two epochs of both and its test: 7 of 11.
    QCOMPARE(group.member_done, (std::vector<double>{1.0, 7.0 / 11.0}));
    // The long member's 4 s of files: half written when the short one leaves (9 of 15).
    const WorkerBatch files = groupWork({{10, 4, alone, crowded, 4}, {10, 2, alone, crowded, 0}});
    QCOMPARE(files.duration.alone, 15.0);
    QCOMPARE(files.member_done, (std::vector<double>{1.0, 9.0 / 15.0}));
    // A group of one is a trial alone, its files included.
    const WorkerBatch one = groupWork({{10, 4, alone, crowded, 0.25}});
    QCOMPARE(one.duration.alone, 7.25);
    QCOMPARE(one.member_done, (std::vector<double>{1.0}));
    // Members ending at the same epoch leave in the group's order, each after its test.
    const WorkerBatch even = groupWork({{10, 2, alone, crowded, 0}, {10, 2, alone, crowded, 0}});
    QCOMPARE(even.member_done, (std::vector<double>{7.0 / 8.0, 1.0}));
  }

  void aGroupsMembersEndInTheSchedule() {
    const ShapeTiming alone{0.1, 0.5, 1.0}, crowded{0.2, 0.5, 1.0};
    const WorkerBatch group = groupWork({{10, 4, alone, crowded, 0}, {10, 2, alone, crowded, 0}});
    const BatchSchedule one = scheduleBatches({group}, 1);
    QCOMPARE(one.member_end[0], (std::vector<double>{11.0, 7.0}));
    QCOMPARE(one.wall_seconds, 11.0);
    // Beside a trial of 2 s alone, 4 s crowded: both crowded until the trial ends at 4 s, when
    // the group has done 4/17 of its work; the rest alone, 13/17 x 11 s. The short member
    // leaves once 7/11 are done: at 4 + (13/17 - 4/11) x 11 = 143/17 s.
    const BatchSchedule two = scheduleBatches({group, {{2, 4}, {1.0}}}, 2);
    QCOMPARE(two.end[1], 4.0);
    QCOMPARE(two.member_end[1], (std::vector<double>{4.0}));
    QCOMPARE(two.member_end[0][1], 143.0 / 17.0);
    QCOMPARE(two.wall_seconds, 4.0 + 13.0 / 17.0 * 11.0);
    QCOMPARE(two.end[0], two.wall_seconds);
  }

  void aGroupedStudyCostsLessThanOneByOne() {
    QTemporaryDir cache;
    int calls = 0;
    CostOptions options = scriptedOptions(cache, &calls);
    options.timer = [&calls](const TimingShape& shape) {
      ++calls;
      return groupedScriptedTiming(shape);
    };
    const std::string seeds = "sweep:\n  training.seed: [1, 2, 3, 4]\n";
    const CostEstimate grouped = CostEstimator(options).estimate(study(seeds));
    QCOMPARE(grouped.groups, 1);
    QCOMPARE(grouped.grouped_trials, 4);
    QVERIFY(grouped.batching_note.empty());
    for (const TrialCost& trial : grouped.trials) QCOMPARE(trial.group, 1);
    const CostEstimate oneByOne = CostEstimator(options).estimate(study(seeds + "batching: off\n"));
    QCOMPARE(oneByOne.groups, 0);
    QCOMPARE(oneByOne.grouped_trials, 0);
    QCOMPARE(oneByOne.batching_note, std::string("batching: off"));
    QCOMPARE(calls, 2);  // the group loop's pace and the single-trial loop's: two cache keys

    // One by one exactly as before groups: four trials in a row at the single loop's pace.
    const long long perEpoch = grouped.trials[0].steps_per_epoch;
    const double single = trialSeconds(perEpoch, 9, 128);
    QCOMPARE(oneByOne.wall_seconds - oneByOne.data_seconds, 4 * single);
    // Grouped: the four members' steps at the group loop's pace, their validations and tests.
    const ShapeTiming member =
        groupedScriptedTiming({ModelSpec{}, 128, Optimizer::Adam, 1, 1, true});
    const double memberSeconds =
        9 * (perEpoch * member.seconds_per_step + member.seconds_per_epoch) +
        member.seconds_per_test;
    QCOMPARE(grouped.wall_seconds - grouped.data_seconds, 4 * memberSeconds);
    QVERIFY(grouped.wall_seconds < oneByOne.wall_seconds);
    // All train to the last epoch; each ends after its own test, in the group's order.
    QCOMPARE(grouped.trials[0].seconds, 4 * memberSeconds - 3 * member.seconds_per_test);
    QCOMPARE(grouped.trials[3].seconds, 4 * memberSeconds);
  }

  void membersOfAnEpochStudyLeaveTheirGroup() {
    QTemporaryDir cache;
    int calls = 0;
    CostOptions options = scriptedOptions(cache, &calls);
    options.timer = [](const TimingShape& shape) { return groupedScriptedTiming(shape); };
    const CostEstimate estimate =
        CostEstimator(options).estimate(study("sweep:\n  training.max_epochs: [2, 9]\n"));
    QCOMPARE(estimate.groups, 1);
    const ShapeTiming member =
        groupedScriptedTiming({ModelSpec{}, 128, Optimizer::Adam, 1, 1, true});
    const double epoch =
        estimate.trials[0].steps_per_epoch * member.seconds_per_step + member.seconds_per_epoch;
    // The short trial: two epochs of both members, then its test; the long one: all of it.
    QCOMPARE(estimate.trials[0].seconds, 2 * 2 * epoch + member.seconds_per_test);
    QCOMPARE(estimate.trials[1].seconds, (2 + 9) * epoch + 2 * member.seconds_per_test);
    QCOMPARE(estimate.wall_seconds - estimate.data_seconds, estimate.trials[1].seconds);
  }

  void stepsAndTimeOfAGrid() {
    QTemporaryDir cache;
    int calls = 0;
    CostEstimator estimator(scriptedOptions(cache, &calls));
    const CostEstimate estimate =
        estimator.estimate(study("sweep:\n  training.batch_size: [32, 100, 512]\n"));
    QCOMPARE(int(estimate.trials.size()), 3);
    QVERIFY(estimate.train_rows > 1000);
    long long steps = 0;
    double seconds = 0;
    for (const TrialCost& trial : estimate.trials) {
      QCOMPARE(trial.steps_per_epoch, stepsPerEpoch(estimate.train_rows, trial.batch_size));
      QCOMPARE(trial.steps, trial.steps_per_epoch * 9);
      QCOMPARE(trial.min_steps, trial.steps);  // no pruning
      QCOMPARE(trial.seconds, trialSeconds(trial.steps_per_epoch, 9, trial.batch_size));
      steps += trial.steps;
      seconds += trial.seconds;
    }
    QCOMPARE(estimate.steps, steps);
    QCOMPARE(estimate.workers, 1);
    QCOMPARE(estimate.wall_seconds, estimate.data_seconds + seconds);
    QVERIFY(!estimate.pruning);
    QVERIFY(!estimate.early_stopping);
    QCOMPARE(calls, 3);
    QCOMPARE(estimate.shapes_timed, 3);
  }

  void theSecondEstimateTimesNothing() {
    QTemporaryDir cache;
    int calls = 0;
    const ExperimentSpec spec = study("sweep:\n  training.batch_size: [64, 128]\n", 2);
    const CostEstimate first = CostEstimator(scriptedOptions(cache, &calls)).estimate(spec);
    QCOMPARE(calls, 4);  // two batch sizes, alone and two side by side
    QVERIFY(std::filesystem::exists(first.cache_file));

    const CostEstimate second = CostEstimator(scriptedOptions(cache, &calls)).estimate(spec);
    QCOMPARE(calls, 4);
    QCOMPARE(second.shapes_timed, 0);
    QCOMPARE(second.shapes_cached, 4);
    QCOMPARE(second.wall_seconds - second.data_seconds, first.wall_seconds - first.data_seconds);
    // Both trials side by side all along, at the crowded pace.
    const double slower = std::max(trialSeconds(first.trials[0].steps_per_epoch, 9, 64, true),
                                   trialSeconds(first.trials[1].steps_per_epoch, 9, 128, true));
    QCOMPARE(first.wall_seconds - first.data_seconds, slower);

    CostOptions again = scriptedOptions(cache, &calls);
    again.reuse_cached = false;
    CostEstimator(again).estimate(spec);
    QCOMPARE(calls, 8);
  }

  void ashaGivesARangeFromFirstRungToNonePruned() {
    QTemporaryDir cache;
    int calls = 0;
    const CostEstimate estimate = CostEstimator(scriptedOptions(cache, &calls))
                                      .estimate(study("pruning:\n  method: asha\n  min_epochs: 2\n"
                                                      "sweep:\n  training.seed: [1, 2, 3, 4]\n"));
    QVERIFY(estimate.pruning);
    const long long perEpoch = estimate.trials[0].steps_per_epoch;
    // The first trial to reach a rung always goes on; every other one is pruned at epoch 2.
    QCOMPARE(estimate.trials[0].min_epochs, 9);
    for (int i = 1; i < 4; ++i) QCOMPARE(estimate.trials[i].min_epochs, 2);
    QCOMPARE(estimate.steps, 4 * 9 * perEpoch);
    QCOMPARE(estimate.min_steps, (9 + 3 * 2) * perEpoch);
    const double full = trialSeconds(perEpoch, 9, 128), pruned = trialSeconds(perEpoch, 2, 128);
    QCOMPARE(estimate.min_wall_seconds - estimate.data_seconds, full + 3 * pruned);
    QCOMPARE(estimate.wall_seconds - estimate.data_seconds, 4 * full);
  }

  void medianPrunesNothingBeforeItsStartUpTrials() {
    QTemporaryDir cache;
    int calls = 0;
    const CostEstimate estimate =
        CostEstimator(scriptedOptions(cache, &calls))
            .estimate(study("pruning:\n  method: median\n  warmup_trials: 2\n"
                            "sweep:\n  training.seed: [1, 2, 3, 4]\n"));
    QCOMPARE(estimate.trials[0].min_epochs, 9);
    QCOMPARE(estimate.trials[1].min_epochs, 9);
    QCOMPARE(estimate.trials[2].min_epochs, 1);
    QCOMPARE(estimate.trials[3].min_epochs, 1);
  }

  void tpeIsEstimatedFromRandomDraws() {
    QTemporaryDir cache;
    int calls = 0;
    const CostEstimate estimate =
        CostEstimator(scriptedOptions(cache, &calls))
            .estimate(study("search:\n  method: tpe\n  trials: 12\n"
                            "sweep:\n  training.batch_size: {int_log_uniform: [16, 1024]}\n"
                            "training.early_stopping: true\n"));
    QVERIFY(estimate.drawn_for_tpe);
    QVERIFY(estimate.early_stopping);
    QCOMPARE(int(estimate.trials.size()), 12);
    // Many drawn batch sizes: a few are timed, the rest interpolated between them.
    QVERIFY(calls <= 5);
    for (const TrialCost& trial : estimate.trials) {
      QVERIFY(trial.batch_size >= 16 && trial.batch_size <= 1024);
      // The scripted pace is linear in the batch, so interpolation gives it exactly.
      QVERIFY(
          qFuzzyCompare(trial.seconds, trialSeconds(trial.steps_per_epoch, 9, trial.batch_size)));
    }
  }

  void realTimingsMakeSense() {
    QTemporaryDir cache;
    CostOptions options;
    options.cache_dir = cache.path().toStdString();
    options.timing_seconds = 0.02;
    options.measure_load = false;
    CostEstimator estimator(options);
    const CostEstimate estimate =
        estimator.estimate(study("sweep:\n  model: [jsc-tiny, jsc-tiny-x10]\n"));
    QCOMPARE(estimate.shapes_timed, 2);
    QVERIFY(estimate.trials[0].seconds > 0);
    // Ten times the parameters cost more per step.
    QVERIFY(estimate.trials[1].seconds > estimate.trials[0].seconds);
    QVERIFY(estimate.wall_seconds < 60);
  }

  void realGroupTimingsMakeSense() {
    QTemporaryDir cache;
    CostOptions options;
    options.cache_dir = cache.path().toStdString();
    options.timing_seconds = 0.02;
    options.measure_load = false;
    const std::string seeds = "sweep:\n  training.seed: [1, 2]\n";
    const CostEstimate grouped = CostEstimator(options).estimate(study(seeds));
    QCOMPARE(grouped.groups, 1);
    QCOMPARE(grouped.shapes_timed, 1);  // timed through the group loop
    QVERIFY(grouped.trials[0].seconds > 0);
    QVERIFY(grouped.trials[1].seconds >= grouped.trials[0].seconds);
    QVERIFY(grouped.wall_seconds < 60);
  }
};

QTEST_GUILESS_MAIN(tst_cost_estimate)
#include "tst_cost_estimate.moc"
