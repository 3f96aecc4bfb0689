// sweeplab-bench: per-epoch training time of one catalog model through the public engine API,
// printed as one JSON object that run_benchmarks.sh sets beside the PyTorch reference's.
#include <algorithm>
#include <cstdlib>
#include <exception>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#include "epoch_clock.h"
#include "json_text.h"
#include "split_dump.h"
#include "sweeplab/errors.h"
#include "sweeplab/runtime_info.h"
#include "sweeplab/sweep_runner.h"

namespace {

struct BenchOptions {
  std::string model = "jsc-tiny";
  int batch = 256;
  int epochs = 3;              // timed epochs; one warm-up epoch runs before them
  long long samples = 830000;  // rows generated before the splits, as in the JSC studies
  int parallel = 1;  // trials trained side by side (seeds 0..N-1), each on cores / N threads
  bool cache = true;
  std::string device = "cpu";
  std::string dump_dir;    // set: write the prepared splits there and train nothing
  bool cpu_kernel = true;  // false: CPU steps through autograd (SWEEPLAB_CPU_KERNEL=0)
};

const char kUsage[] =
    "usage: sweeplab-bench [--model NAME] [--batch N] [--epochs N] [--samples N] [--parallel N]\n"
    "                      [--device cpu|cuda|cuda:N] [--no-cache] [--dump-splits DIR]\n"
    "                      [--cpu-kernel on|off]\n"
    "  Trains NAME (jsc-tiny, jsc-tiny-x10, jsc-s, ...) on synthetic-jsc for one warm-up epoch\n"
    "  and N timed ones (on the CPU unless --device says otherwise), with Adam at lr 1e-3, and\n"
    "  prints the epoch times as JSON.\n"
    "  --parallel N trains N seeds side by side, as a sweep with parallel_trials: N does.\n"
    "  --cpu-kernel off trains CPU steps through autograd instead of the MLP kernel, as\n"
    "  SWEEPLAB_CPU_KERNEL=0 does (to time one against the other).\n"
    "  --dump-splits DIR writes the prepared train/val/test rows of --samples N into DIR\n"
    "  (raw float32/int64 arrays and splits.json) for the PyTorch accuracy check, and exits.\n";

BenchOptions parseArguments(int argc, char** argv) {
  BenchOptions options;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    auto value = [&]() -> std::string {
      if (i + 1 >= argc) throw sweeplab::InputError(arg + " needs a value");
      return argv[++i];
    };
    auto number = [&](long long low) {
      const std::string text = value();
      try {
        size_t used = 0;
        const long long parsed = std::stoll(text, &used);
        if (used == text.size() && parsed >= low) return parsed;
      } catch (const std::exception&) {
      }
      throw sweeplab::InputError(arg + ": '" + text +
                                 "' is not a whole number >= " + std::to_string(low));
    };
    if (arg == "--model") {
      options.model = value();
    } else if (arg == "--batch") {
      options.batch = static_cast<int>(number(2));
    } else if (arg == "--epochs") {
      options.epochs = static_cast<int>(number(1));
    } else if (arg == "--samples") {
      options.samples = number(100);
    } else if (arg == "--parallel") {
      options.parallel = static_cast<int>(number(1));
    } else if (arg == "--device") {
      options.device = value();
    } else if (arg == "--dump-splits") {
      options.dump_dir = value();
    } else if (arg == "--cpu-kernel") {
      const std::string text = value();
      if (text != "on" && text != "off")
        throw sweeplab::InputError("--cpu-kernel: '" + text + "' is not on or off");
      options.cpu_kernel = text == "on";
    } else if (arg == "--no-cache") {
      options.cache = false;
    } else if (arg == "--help" || arg == "-h") {
      std::cout << kUsage;
      std::exit(0);
    } else {
      throw sweeplab::InputError("unknown argument '" + arg + "'\n" + kUsage);
    }
  }
  return options;
}

sweeplab::ExperimentSpec benchmarkSpec(const BenchOptions& options) {
  sweeplab::ExperimentSpec spec;
  spec.name = "benchmark";
  spec.dataset.source = sweeplab::DatasetSource::SyntheticJsc;
  spec.dataset.samples = options.samples;
  spec.model.name = options.model;
  spec.training.batch_size = options.batch;
  spec.training.max_epochs = options.epochs + 1;
  spec.training.learning_rate = 1e-3;
  spec.device = options.device;
  spec.repeats = options.parallel;
  spec.parallel_trials = options.parallel;
  return spec;
}

double median(std::vector<double> values) {
  if (values.empty()) return 0;
  std::sort(values.begin(), values.end());
  const size_t mid = values.size() / 2;
  return values.size() % 2 ? values[mid] : (values[mid - 1] + values[mid]) / 2;
}

// The warm-up epoch (allocator, caches, first-touch of the permuted copy) is left out.
std::vector<double> timedEpochs(const std::vector<double>& all) {
  return all.size() > 1 ? std::vector<double>(all.begin() + 1, all.end()) : all;
}

std::string jsonList(const std::vector<double>& values) {
  std::ostringstream out;
  out << "[";
  for (size_t i = 0; i < values.size(); ++i) out << (i ? ", " : "") << values[i];
  return out.str() + "]";
}

// Epoch times of every trial, the warm-up epoch of each left out.
struct EpochTimes {
  std::vector<double> train;
  std::vector<double> with_validation;
};

EpochTimes pooledEpochTimes(const sweeplab::EpochClock& clock,
                            const std::vector<sweeplab::TrialSummary>& trials) {
  EpochTimes times;
  for (const sweeplab::TrialSummary& trial : trials) {
    const std::vector<double> train = timedEpochs(clock.trainSeconds(trial.index));
    const std::vector<double> full = timedEpochs(clock.epochSeconds(trial.index));
    times.train.insert(times.train.end(), train.begin(), train.end());
    times.with_validation.insert(times.with_validation.end(), full.begin(), full.end());
  }
  return times;
}

std::string reportJson(const BenchOptions& options, const sweeplab::RunSummary& summary,
                       const EpochTimes& times) {
  const sweeplab::TrialSummary& trial = summary.trials.at(0);
  const long long steps = trial.steps / std::max(1, trial.epochs_completed);
  const double trainMedian = median(times.train);
  std::ostringstream json;
  json.precision(6);
  json << "{\"tool\": \"sweeplab\", \"model\": " << jsonQuoted(options.model)
       << ", \"parameters\": " << trial.trainable_parameters << ", \"batch\": " << options.batch
       << ", \"rows\": " << trial.train_rows << ", \"steps_per_epoch\": " << steps
       << ", \"trials_side_by_side\": " << options.parallel
       << ", \"cpu_kernel\": " << (options.cpu_kernel ? "true" : "false")
       << ", \"epoch_seconds\": " << jsonList(times.train)
       << ", \"median_epoch_seconds\": " << trainMedian
       << ", \"ms_per_step\": " << 1000 * trainMedian / std::max(1LL, steps)
       << ", \"epochs_per_second_all_trials\": " << options.parallel / trainMedian
       << ", \"with_validation_seconds\": " << jsonList(times.with_validation)
       << ", \"median_with_validation_seconds\": " << median(times.with_validation)
       << ", \"final_train_acc\": " << trial.train_acc
       << ", \"libtorch_version\": " << jsonQuoted(summary.libtorch_version)
       << ", \"blas\": " << jsonQuoted(sweeplab::blasLibrary())
       << ", \"reference_blas\": " << (sweeplab::usingReferenceBlas() ? "true" : "false")
       << ", \"device\": " << jsonQuoted(summary.device)
       << ", \"dataset\": " << jsonQuoted(summary.dataset) << "}";
  return json.str();
}

// Same data preparation as a sweep (cache included), so the rows match a run of the same spec.
int dumpOnly(const BenchOptions& options, const sweeplab::RunOptions& run) {
  sweeplab::DatasetLoadOptions load;
  load.cache_dir = run.cache_dir;
  const auto dataset = sweeplab::prepareDataset(benchmarkSpec(options).dataset, load);
  sweeplab::dumpSplits(*dataset, options.dump_dir);
  std::cout << "{\"dumped\": " << jsonQuoted(options.dump_dir)
            << ", \"dataset\": " << jsonQuoted(dataset->description)
            << ", \"fingerprint\": " << jsonQuoted(dataset->fingerprint) << "}" << std::endl;
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  try {
    const BenchOptions options = parseArguments(argc, argv);
    sweeplab::RunOptions run;
    run.write_files = false;
    if (!options.cache) run.cache_dir.clear();
    if (!options.dump_dir.empty()) return dumpOnly(options, run);
    // Read by each trial as it starts; nothing else runs yet, so setting it here is safe.
    if (!options.cpu_kernel) setenv("SWEEPLAB_CPU_KERNEL", "0", 1);
    sweeplab::EpochClock clock;
    sweeplab::SweepRunner runner(benchmarkSpec(options), run, &clock);
    const sweeplab::RunSummary summary = runner.run();
    for (const sweeplab::TrialSummary& trial : summary.trials) {
      if (trial.status != sweeplab::TrialStatus::Finished) {
        std::cerr << "sweeplab-bench: trial " << trial.index << " ended "
                  << sweeplab::toString(trial.status) << ": " << trial.message << "\n";
        return 1;
      }
    }
    std::cout << reportJson(options, summary, pooledEpochTimes(clock, summary.trials)) << std::endl;
    return 0;
  } catch (const std::exception& error) {
    std::cerr << "sweeplab-bench: " << error.what() << "\n";
    return 2;
  }
}
