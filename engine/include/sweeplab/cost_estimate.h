// What a study will cost before it runs: its trials, their optimizer steps and the wall time on
// this machine. Steps follow exactly from the prepared dataset's training rows, the batch size
// and the epochs; the time per step comes from timing a few hundred real training steps of each
// distinct model and batch size with the engine's own training loop (the group loop for trials
// the runner trains in groups), on the CPU, with the threads and the number of trials side by
// side the runner would use. Timings are kept in a small JSON cache keyed by the machine and the
// versions, so a second estimate trains nothing.
#pragma once

#include <atomic>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "sweeplab/dataset.h"
#include "sweeplab/experiment_spec.h"

namespace sweeplab {

// Seconds one training shape costs on this machine.
struct ShapeTiming {
  double seconds_per_step = 0;   // one optimizer step in steady state, its logging included
  double seconds_per_epoch = 0;  // each epoch besides its steps: the shuffle and the validation
  double seconds_per_test = 0;   // the test of the chosen checkpoint at a trial's end
};

// What is timed: trials of one model, batch size and optimizer train at the same pace.
struct TimingShape {
  ModelSpec model;
  int batch_size = 128;
  Optimizer optimizer = Optimizer::Adam;
  int threads = 1;       // intra-op threads of each trial
  int side_by_side = 1;  // trials training at the same time, each on its own threads
  // Through the group loop (runTrialGroup): seconds_per_step is then one member's share of a
  // group step, timed with two members, and side_by_side counts groups.
  bool grouped = false;
};

// A trial's wall time when it trains alone and when `workers` trials train side by side.
struct TrialDuration {
  double alone = 0;
  double crowded = 0;
};

// When each trial starts and ends (seconds from the start) and the whole wall time.
struct Schedule {
  std::vector<double> start, end;
  double wall_seconds = 0;
};

// Trials taken in order by `workers` workers, as the runner takes them: a worker that is free
// starts the next trial. While c trials run, each advances at the pace of its duration with c
// side by side: `alone` at 1, `crowded` at `workers`, linear in between.
Schedule scheduleTrials(const std::vector<TrialDuration>& trials, int workers);

// What one worker takes at a time: a trial alone, or a trial group whose members end one by one
// while the group goes on. member_done[i]: the share of the batch's work done when member i ends
// (1 for the last to end; {1} for a trial alone).
struct WorkerBatch {
  TrialDuration duration;
  std::vector<double> member_done;
};

struct BatchSchedule {
  std::vector<double> start, end;               // of each batch
  std::vector<std::vector<double>> member_end;  // when each member of each batch ends
  double wall_seconds = 0;
};

// Batches taken in order by `workers` workers, at the paces scheduleTrials gives trials; a batch
// of single trials gives exactly scheduleTrials' times.
BatchSchedule scheduleBatches(const std::vector<WorkerBatch>& batches, int workers);

// One trial of a group as the group loop trains it, at its pace alone and with the other
// workers' groups side by side (seconds_per_step: this member's share of a group step).
struct GroupMember {
  long long steps_per_epoch = 0;
  int epochs = 0;
  ShapeTiming alone, crowded;
  double file_seconds = 0;  // its metrics files, rewritten as each of its epochs ends
};

// The group loop's work: every epoch, each member still training steps through it in lock step,
// then its validation and its files; a member leaves when its epochs end (tested then), in the
// group's order among those ending at the same epoch. So the group's duration is the sum
// of its members' work, and a short member ends early. One member: a trial alone.
WorkerBatch groupWork(const std::vector<GroupMember>& members);

struct TrialCost {
  int index = 0;
  std::string label;
  std::string model;  // "jsc-tiny", "mlp[64,32]"
  int batch_size = 0;
  long long steps_per_epoch = 0;
  int epochs = 0;      // max_epochs: early stopping may end the trial sooner
  int min_epochs = 0;  // the fewest it can train: pruned at its first check (else = epochs)
  long long steps = 0;
  long long min_steps = 0;
  double seconds = 0;  // its wall time in the study's schedule, nothing pruned
  int group = 0;       // its group's first trial number (from 1), as the runner records it; 0: none
};

struct CostEstimate {
  std::string study;
  std::vector<TrialCost> trials;
  long long steps = 0;      // nothing pruned
  long long min_steps = 0;  // every trial that can be pruned pruned at its first check
  double wall_seconds = 0;  // the study on this machine, data loading included, nothing pruned
  double min_wall_seconds = 0;
  double data_seconds = 0;  // loading the prepared dataset
  // The share of a core each trial would get now (1: the machine is free for the study). The
  // timings are the pace on a free core; the wall times above are stretched by 1 / cpu_share.
  double cpu_share = 1;
  double quiet_wall_seconds = 0;  // the study on a machine with nothing else running
  int workers = 1;                // trials (or trial groups) side by side
  int groups = 0;                 // groups of several trials the runner would form
  int grouped_trials = 0;         // trials trained through the group loop, alone or in a group
  std::string batching_note;      // why the runner would group nothing, when it would not
  int threads_per_trial = 1;
  int cores = 1;
  long long train_rows = 0;
  std::string dataset;          // the prepared dataset's description
  std::string machine;          // "AMD EPYC, 2 cores"
  bool pruning = false;         // min_* can be below the rest
  bool early_stopping = false;  // some trial may stop sooner: the figures are upper bounds
  bool drawn_for_tpe = false;   // tpe suggests as results come: random draws stand for them
  std::string device_note;      // non-empty when the study trains elsewhere than it was timed
  int shapes_timed = 0;         // training shapes timed now
  int shapes_cached = 0;        // read from the timing cache
  std::string cache_file;       // empty: no cache
};

struct CostOptions {
  std::string cache_dir = defaultCacheDir();  // timings (cost-timings.json) and prepared data;
                                              // empty: neither is cached
  bool reuse_cached = true;         // false: time every shape again (and refresh the cache)
  double timing_seconds = 0.3;      // at least this long (and 300 steps) of steps per timing
  bool measure_load = true;         // false: assume nothing else runs (cpu_share 1; tests)
  double load_probe_seconds = 0.2;  // how long the workers' share of the cores is sampled
  bool count_files = true;          // false: leave out the trials' metrics files (tests)
  // Progress ("timing jsc-tiny at batch 32"); called on the estimating thread.
  std::function<void(const std::string&)> status;
  // Set by another thread: the estimate gives up at the next timing (throws EstimateCancelled).
  const std::atomic<bool>* cancel = nullptr;
  // Replaces the real timing (tests script it); called once for each shape the cache lacks.
  std::function<ShapeTiming(const TimingShape&)> timer;
};

struct EstimateCancelled : std::exception {
  const char* what() const noexcept override { return "the estimate was cancelled"; }
};

// Estimates studies; keeps the last prepared dataset so that estimates of the same data (a form
// being edited) do not load it again. Use from one thread at a time.
class CostEstimator {
 public:
  explicit CostEstimator(CostOptions options = {});
  ~CostEstimator();
  CostEstimator(const CostEstimator&) = delete;
  CostEstimator& operator=(const CostEstimator&) = delete;

  // Throws SpecError for a spec that does not validate, InputError for data that cannot load.
  CostEstimate estimate(const ExperimentSpec& spec);
  CostOptions& options() { return options_; }

 private:
  struct Data;
  CostOptions options_;
  std::unique_ptr<Data> data_;
};

// Steps of one epoch over `rows` training rows, as the trainer counts them: every full batch,
// and the last partial one unless it holds a single row (batch norm cannot train on one).
long long stepsPerEpoch(long long rows, int batchSize);

// "42 s", "3 min", "1 h 05 min": an estimate's precision, no more.
std::string formatEstimatedDuration(double seconds);

}  // namespace sweeplab
