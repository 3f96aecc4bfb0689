// Metric points and trial summaries: what the engine reports while training and at the end.
#pragma once

#include <limits>
#include <string>
#include <utility>
#include <vector>

namespace sweeplab {

// MASE's metric names, so logs read the same as the reference tool's.
namespace metric {
inline constexpr const char* kTrainAccStep = "train_acc_step";
inline constexpr const char* kTrainLossStep = "train_loss_step";
inline constexpr const char* kTrainAccEpoch = "train_acc_epoch";
inline constexpr const char* kTrainLossEpoch = "train_loss_epoch";
inline constexpr const char* kValAccEpoch = "val_acc_epoch";
inline constexpr const char* kValLossEpoch = "val_loss_epoch";
inline constexpr const char* kLearningRate = "lr";
}  // namespace metric

struct MetricPoint {
  std::string name;
  long long step = 0;       // optimizer steps done
  double epoch = 0;         // fractional epochs done
  long long samples = 0;    // training samples seen
  double wall_seconds = 0;  // since the trial started
  double value = 0;
};

// Pruned: stopped at an epoch end by the study's pruner (a result, like Finished: never rerun).
// Added last so that stored numbers, if any, keep their meaning.
enum class TrialStatus {
  Queued,
  Running,
  Finished,
  Stopped,
  Diverged,
  Failed,
  Interrupted,
  Pruned
};
const char* toString(TrialStatus status);
TrialStatus trialStatusFromString(const std::string& text);  // throws InputError

inline constexpr double kNoValue = std::numeric_limits<double>::quiet_NaN();

// A class counts as dead when its validation recall stays below kDeadClassRecall for
// kDeadClassEpochs epochs in a row at the end of a trial; a shorter trial is too young to tell. Not
// exactly 0: a dying output unit can still fire on a handful of extreme jets (0.1 % recall seen).
inline constexpr int kDeadClassEpochs = 3;
inline constexpr double kDeadClassRecall = 0.01;

// The process that trains a trial, as its trial record names it: a reader tells a trial that is
// training from one whose process is gone, and on a cluster which Slurm task holds it. The
// Slurm fields are empty outside a Slurm job.
struct TrialWriter {
  std::string host;
  long long pid = 0;  // 0: not recorded
  std::string slurm_job_id, slurm_array_job_id, slurm_array_task_id, slurm_restart_count;
};

struct TrialSummary {
  int index = 0;
  std::string label;  // "batch_size=256"
  std::vector<std::pair<std::string, std::string>> swept;
  int repeat = 0;
  int seed = 0;
  std::string model;
  TrialStatus status = TrialStatus::Queued;
  std::string message;  // why it failed, diverged, stopped or was pruned

  // Accuracies are macro-averaged over classes (mean per-class recall), as MASE's torchmetrics
  // MulticlassAccuracy computes them; *_acc_micro is the plain share of correct predictions.
  double train_acc = kNoValue, train_loss = kNoValue;  // last completed epoch
  double val_acc = kNoValue, val_loss = kNoValue;      // last completed epoch
  double best_val_acc = kNoValue, best_val_loss = kNoValue;
  int best_epoch = -1;  // epoch (1-based) of the lowest validation loss
  double test_acc = kNoValue, test_loss = kNoValue, test_acc_micro = kNoValue;
  std::string tested_checkpoint;  // "best" or "last"
  // The tested checkpoint on the test split, per class in the dataset's class order: recall
  // (NaN for a class with no test rows) and the confusion matrix, row = true class,
  // column = predicted class, row-major. Macro accuracy alone hides a class that is never
  // predicted; these show it. Empty in summaries written before they were recorded.
  std::vector<double> test_class_recall;
  std::vector<long long> test_confusion;
  // The dead-class diagnostic: classes (indices) whose validation recall stayed below
  // kDeadClassRecall in the last kDeadClassEpochs epochs. Never changes training.
  std::vector<int> dead_classes;

  long long trainable_parameters = 0;
  long long train_rows = 0, val_rows = 0, test_rows = 0;
  std::string device;
  double wall_seconds = 0;
  int epochs_completed = 0;
  long long steps = 0;
  std::string folder;  // trial folder, relative to the run folder
  // Trials trained together as one computation (batching: auto) share the trial number
  // (index + 1) of their group's first trial here; 0 for a trial that trained on its own.
  int group = 0;
  // ISO 8601 UTC; empty before the trial started or ended, and in summaries written before
  // they were recorded.
  std::string started_at, finished_at;
  TrialWriter writer;
};

struct TrialSpec;

// What a trial's summary knows before it trains (index, label, swept values, repeat, seed,
// model, folder), with the given status. The trainer, the sweep runner and the run store all
// start a trial's summary from it, so the three never disagree on these fields.
TrialSummary trialSummaryHeader(const TrialSpec& trial, TrialStatus status);

struct RunSummary {
  std::string experiment_name;
  std::string experiment_file;  // the copy inside the run folder
  std::string started_at;       // ISO 8601, UTC
  std::string device;
  std::string dataset;  // PreparedDataset::description
  std::string dataset_fingerprint;
  std::string sweeplab_version;
  std::string libtorch_version;
  // The machine and the data, for reports. Empty or 0 in summaries written before they were
  // recorded; readers show them as unknown.
  std::string cpu_model;
  int cpu_threads = 0;               // hardware threads the machine offers
  int parallel_trials = 0;           // trials trained side by side
  int threads_per_trial = 0;         // intra-op threads each trial got (at most)
  std::string dataset_source;        // PreparedDataset::source
  std::string dataset_content_hash;  // PreparedDataset::content_hash
  long long train_rows = 0, val_rows = 0, test_rows = 0;
  std::vector<std::string> class_names;  // the dataset's classes, in label order
  // The process that owns the run folder (created it, or resumed it last), so that a reader can
  // tell a sweep still going from one whose process died. Each trial names its own writer
  // (TrialSummary::writer). finished_at is derived: the last trial's end once every trial has
  // ended, stopped or not; empty while trials are queued, running or interrupted.
  std::string writer_host;
  long long writer_pid = 0;
  std::string finished_at;
  std::string source_file;  // the experiment file the run was started from, when known
  std::vector<TrialSummary> trials;
};

}  // namespace sweeplab
