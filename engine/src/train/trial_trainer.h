// One trial around its training steps: MASE's `ch train` epochs (learning-rate schedule,
// validation, early stopping, best checkpoint, progress and metric points), then `ch test` on the
// chosen checkpoint. The steps themselves belong to a TrainingLoop. A trial alone runs all of it
// with run(); a loop that trains several trials at once drives the epoch phases itself.
#pragma once

#include <chrono>
#include <string>
#include <vector>

#include "sweeplab/model_catalog.h"
#include "train/checkpoint.h"
#include "train/early_stopping.h"
#include "train/trainer.h"
#include "train/training_loop_choice.h"

namespace sweeplab {

class Trainer final : public TrainingSink {
 public:
  // Seeds and builds the model (on the context's device); trains nothing yet.
  explicit Trainer(const TrialContext& context);

  // What a single-trial loop is built from (chooseTrainingLoop).
  LoopSetup loopSetup() const;
  // Every epoch with `loop`, then the test and the checkpoints.
  TrialSummary run(TrainingLoop& loop);

  // The epoch phases, for loops that train several trials at once. beginEpoch() gives the
  // epoch's learning rate; between it and endEpoch() the loop reports the steps to this sink.
  bool trainsAnotherEpoch() const;
  double beginEpoch();
  void endEpoch(EpochEnd end);
  TrialSummary finish();

  const TrialContext& context() const { return ctx_; }
  torch::nn::Sequential& model() { return model_; }

  // TrainingSink
  bool stopRequested() const override;
  bool logsNextStep() const override;
  bool stepDone(int64_t rows, const StepResult& result) override;
  // Whether stepDone reads the next step's loss: every step on the CPU, where a read is free, only
  // at a log step on a GPU. A loop of many trials hands out each one's loss only then.
  bool readsNextLoss() const;
  EpochTotals& totals() override { return totals_; }

 private:
  double elapsed() const;
  double epochsDone() const;
  MetricPoint point(const char* name, double value) const;
  void fillSummaryHeader();
  void markDiverged(double loss);
  void markStopped();
  void logStep(const at::Tensor& logits, const at::Tensor& labels, double loss);
  void validateEpoch();
  void trackDeadClasses(const std::vector<double>& recalls);
  void test();
  void saveCheckpoints();
  void reportProgress();
  void emit(std::vector<MetricPoint> points);

  const TrialContext& ctx_;
  const TrainingSpec& training_;
  const DeviceData& data_;
  const ModelInfo info_;
  const std::chrono::steady_clock::time_point start_;
  torch::nn::Sequential model_{nullptr};
  EpochTotals totals_;
  ModelState best_;
  TrialSummary summary_;
  EarlyStopping earlyStopping_;
  bool earlyStopped_ = false;
  std::vector<int>
      lowRecallEpochs_;  // per class: validation epochs in a row with (almost) no recall
  int epoch_ = 0;        // epochs begun
  int64_t stepsPerEpoch_ = 1;
  long long step_ = 0;
  long long samples_ = 0;
  // The current epoch's learning rate, rows trained and points not yet emitted.
  double epochLr_ = 0;
  int64_t epochRows_ = 0;
  std::vector<MetricPoint> epochPoints_;
};

}  // namespace sweeplab
