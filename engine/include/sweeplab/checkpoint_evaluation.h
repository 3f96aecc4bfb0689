// Evaluating a saved checkpoint on its dataset (`sweeplab-cli evaluate`). A checkpoint may come
// from another run, another machine or a download, so it is loaded with the checks of an
// untrusted file (size, archive format, every tensor's name, shape, type and finite values)
// before any of its numbers is used.
#pragma once

#include <string>

#include "sweeplab/dataset.h"
#include "sweeplab/metrics.h"
#include "sweeplab/trial.h"

namespace sweeplab {

// The trial a checkpoint file belongs to, found from where it lies: a file in a trial folder of
// a run folder (RUNDIR/003-batch_size-256/best.pt) names its experiment, trial and results.
struct CheckpointOwner {
  std::string run_dir;
  TrialSpec trial;
  TrialSummary recorded;            // the trial as summary.json records it
  std::string dataset_fingerprint;  // of the data the run trained on
};

// Throws InputError when the file's folder is not a trial folder of a run folder.
CheckpointOwner findCheckpointOwner(const std::string& checkpointPath);

struct CheckpointEvaluation {
  std::string split;  // test, val or train
  long long rows = 0;
  double loss = kNoValue;
  double acc = kNoValue;            // macro-averaged, as the summaries' accuracies
  double acc_micro = kNoValue;      // share of correct predictions
  long long parameters = 0;         // trainable parameters of the model
  std::string device;               // "CPU" or the CUDA device's name
  std::string dataset;              // the dataset's description
  std::string dataset_fingerprint;  // of the data evaluated on (compare with the run's)
};

struct EvaluationOptions {
  std::string split = "test";
  std::string device;  // auto, cpu, cuda or cuda:N; empty: the trial's own setting
  std::string cache_dir = defaultCacheDir();
};

// The splits evaluateCheckpoint accepts, for messages and help texts.
inline constexpr const char* kEvaluationSplits = "test, val or train";

// Builds `trial`'s model, loads the checkpoint at `path` into it with every check and evaluates
// it on the chosen split of the trial's dataset, prepared exactly as its run prepared it (same
// rows, split seed and standardisation). Throws InputError naming the file and the mismatch.
CheckpointEvaluation evaluateCheckpoint(const TrialSpec& trial, const std::string& path,
                                        const EvaluationOptions& options = {});

}  // namespace sweeplab
