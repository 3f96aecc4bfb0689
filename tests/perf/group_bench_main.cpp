// sweeplab-group-bench: grouped CPU training (engine/src/train/trial_group.h) against one trial
// at a time, one trial per core, side by side in one run, on three JSC studies: the
// learning-rate study (5 trials), 100 seed repeats of jsc-tiny for 10 epochs, and the epochs
// study. Both sides train the same trials on the same prepared data with the same number of
// worker threads (one LibTorch intra-op thread each, as the runner gives models this small); only
// the loop differs. Prints a Markdown table with the wall times, their ratio and the bar.
#include <ATen/Parallel.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "sweeplab/dataset.h"
#include "sweeplab/errors.h"
#include "sweeplab/trial.h"
#include "train/device_data.h"
#include "train/trainer.h"
#include "train/trial_group.h"
#include "train/trial_grouping.h"

namespace {

using namespace sweeplab;

struct Study {
  std::string key;  // what --study names
  std::string name;
  ExperimentSpec spec;
  double bar = 1;  // the grouped run must be at least this many times faster
};

ExperimentSpec jscTiny(long long samples) {
  ExperimentSpec spec;
  spec.device = "cpu";
  spec.dataset.samples = samples;
  spec.model.name = "jsc-tiny";
  spec.training.batch_size = 128;
  return spec;
}

// The shapes of experiments/learning_rate.yaml and epochs.yaml, and a 100-seed repeat study.
std::vector<Study> studies(long long samples, int repeats, const std::string& which) {
  std::vector<Study> all;
  Study lr{"learning-rate", "learning-rate (5 trials, 20 epochs)", jscTiny(samples), 2.0};
  lr.spec.training.max_epochs = 20;
  lr.spec.sweep = {{"training.learning_rate", {"1e-1", "1e-2", "1e-3", "1e-4", "1e-5"}}};
  Study seeds{"seeds", std::to_string(repeats) + " seeds of jsc-tiny (10 epochs)", jscTiny(samples),
              3.0};
  seeds.spec.training.max_epochs = 10;
  seeds.spec.training.learning_rate = 1e-3;
  seeds.spec.repeats = repeats;
  Study epochs{"epochs", "epochs (10, 20, 50, 100)", jscTiny(samples), 1.5};
  epochs.spec.training.learning_rate = 1e-3;
  epochs.spec.sweep = {{"training.max_epochs", {"10", "20", "50", "100"}}};
  for (Study* study : {&lr, &seeds, &epochs})
    if (which == "all" || which == study->key) all.push_back(*study);
  return all;
}

struct Outcome {
  double seconds = 0;
  std::vector<TrialSummary> summaries;  // in trial order
  std::string shape;                    // how the work was split
};

TrialContext contextFor(const TrialSpec& trial, const DeviceData& data,
                        const std::atomic<bool>& noStop) {
  TrialContext context;
  context.trial = &trial;
  context.data = &data;
  context.device_name = "CPU";
  context.stop_sweep = &noStop;
  context.stop_trial = &noStop;
  return context;
}

// `work` items taken in order by `workers` threads, each with one intra-op thread.
template <typename Item>
double runOnWorkers(const std::vector<Item>& work, int workers,
                    const std::function<void(const Item&)>& train) {
  std::atomic<size_t> next{0};
  const auto start = std::chrono::steady_clock::now();
  std::vector<std::thread> pool;
  for (int w = 0; w < workers; ++w)
    pool.emplace_back([&] {
      at::set_num_threads(1);
      for (size_t i = next++; i < work.size(); i = next++) train(work[i]);
    });
  for (std::thread& thread : pool) thread.join();
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

Outcome oneTrialAtATime(const std::vector<TrialSpec>& trials, const DeviceData& data, int workers) {
  Outcome outcome;
  outcome.summaries.resize(trials.size());
  const std::atomic<bool> noStop{false};
  std::vector<size_t> order(trials.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = i;
  outcome.seconds = runOnWorkers<size_t>(order, workers, [&](const size_t& i) {
    outcome.summaries[i] = runTrial(contextFor(trials[i], data, noStop));
  });
  outcome.shape =
      std::to_string(trials.size()) + " trials on " + std::to_string(workers) + " workers";
  return outcome;
}

Outcome grouped(const std::vector<TrialSpec>& trials, const DeviceData& data, int workers) {
  Outcome outcome;
  outcome.summaries.resize(trials.size());
  GroupingLimits limits;
  limits.workers = workers;
  limits.train_rows = data.train.rows();
  limits.inputs = static_cast<int>(data.train.features.size(1));
  limits.classes = data.classes;
  std::vector<std::vector<int>> groups = formTrialGroups(trials, limits);
  // The most work first, as a runner would schedule them.
  const auto work = [&](const std::vector<int>& group) {
    long long epochs = 0;
    for (int i : group) epochs += trials[i].spec.training.max_epochs;
    return epochs;
  };
  std::stable_sort(groups.begin(), groups.end(),
                   [&](const auto& a, const auto& b) { return work(a) > work(b); });
  const std::atomic<bool> noStop{false};
  outcome.seconds = runOnWorkers<std::vector<int>>(groups, workers, [&](const auto& group) {
    std::vector<TrialContext> contexts;
    for (int i : group) contexts.push_back(contextFor(trials[i], data, noStop));
    const std::vector<TrialSummary> summaries = runTrialGroup(contexts);
    for (size_t k = 0; k < group.size(); ++k) outcome.summaries[group[k]] = summaries[k];
  });
  outcome.shape = std::to_string(groups.size()) + " groups (";
  for (size_t g = 0; g < groups.size(); ++g)
    outcome.shape += (g ? "+" : "") + std::to_string(groups[g].size());
  outcome.shape += ")";
  return outcome;
}

double meanTestAccuracy(const Outcome& outcome) {
  double sum = 0;
  for (const TrialSummary& trial : outcome.summaries) sum += trial.test_acc;
  return sum / std::max<size_t>(1, outcome.summaries.size());
}

std::string loadAverage() {
  std::ifstream file("/proc/loadavg");
  std::string one, five, fifteen;
  file >> one >> five >> fifteen;
  return one + " " + five + " " + fifteen;
}

const char kUsage[] =
    "usage: sweeplab-group-bench [--study learning-rate|seeds|epochs|all] [--samples N]\n"
    "                            [--repeats N] [--rounds N] [--workers N]\n"
    "                            [--only alone|grouped]\n"
    "  Trains each study one trial at a time with one trial per worker, then grouped, and\n"
    "  prints both wall times and their ratio. Defaults: all studies, the full-size built-in\n"
    "  data (830000 samples), 100 seeds, one round, one worker per core. With --rounds N the\n"
    "  sides alternate N times and each keeps its fastest round. --only trains one side (to\n"
    "  profile it).\n";

}  // namespace

int main(int argc, char** argv) {
  try {
    std::string which = "all";
    std::string only;  // "alone" or "grouped": one side only, for profiling
    long long samples = 830000;
    int repeats = 100;
    int rounds = 1;
    int workers = std::max(1u, std::thread::hardware_concurrency());
    for (int i = 1; i < argc; ++i) {
      const std::string arg = argv[i];
      if (arg == "--help" || i + 1 >= argc) {
        std::cout << kUsage;
        return arg == "--help" ? 0 : 2;
      }
      const std::string value = argv[++i];
      if (arg == "--study")
        which = value;
      else if (arg == "--samples")
        samples = std::stoll(value);
      else if (arg == "--repeats")
        repeats = std::max(1, std::stoi(value));
      else if (arg == "--rounds")
        rounds = std::max(1, std::stoi(value));
      else if (arg == "--only")
        only = value;
      else if (arg == "--workers")
        workers = std::max(1, std::stoi(value));
      else
        throw InputError("unknown option " + arg);
    }
    std::cout << "load average before: " << loadAverage() << "\n\n"
              << "| study | one at a time | grouped | speed-up | bar | mean test acc (alone / "
                 "grouped) |\n|---|---:|---:|---:|---:|---|\n";
    bool allMet = true;
    for (const Study& study : studies(samples, repeats, which)) {
      const std::vector<TrialSpec> trials = expandTrials(study.spec);
      const auto dataset = prepareDataset(study.spec.dataset);
      const DeviceData data = makeDeviceData(dataset, at::kCPU);
      // The sides alternate round by round and each keeps its fastest round, so that load from
      // elsewhere during one round does not decide the ratio.
      Outcome alone{1, {}, "skipped"}, group{1, {}, "skipped"};
      for (int round = 0; round < rounds; ++round) {
        if (only != "grouped") {
          Outcome next = oneTrialAtATime(trials, data, workers);
          if (round == 0 || next.seconds < alone.seconds) alone = std::move(next);
        }
        if (only != "alone") {
          Outcome next = grouped(trials, data, workers);
          if (round == 0 || next.seconds < group.seconds) group = std::move(next);
        }
      }
      const double ratio = alone.seconds / group.seconds;
      allMet = allMet && ratio >= study.bar;
      std::ostringstream row;
      row.precision(3);
      row << "| " << study.name << " | " << alone.seconds << " s (" << alone.shape << ") | "
          << group.seconds << " s (" << group.shape << ") | " << ratio << "x | " << study.bar
          << "x " << (ratio >= study.bar ? "met" : "missed") << " | " << meanTestAccuracy(alone)
          << " / " << meanTestAccuracy(group) << " |";
      std::cout << row.str() << std::endl;
    }
    std::cout << "\nload average after: " << loadAverage() << "\n";
    return allMet ? 0 : 1;
  } catch (const std::exception& error) {
    std::cerr << "sweeplab-group-bench: " << error.what() << "\n";
    return 2;
  }
}
