#include "train/trial_trainer.h"

#include <ATen/ATen.h>
#include <torch/utils.h>

#include <cmath>
#include <mutex>

#include "sweeplab/interop_exports.h"
#include "train/learning_rate_schedule.h"
#include "train/split_evaluation.h"
#include "train/state_dict_export.h"
#include "train/torch_model.h"

namespace sweeplab {
namespace {

// Weight initialisation draws from LibTorch's global generator; trials built concurrently
// would interleave their draws, so seeding and building happen under one lock.
std::mutex& modelInitMutex() {
  static std::mutex mutex;
  return mutex;
}

}  // namespace

Trainer::Trainer(const TrialContext& context)
    : ctx_(context),
      training_(context.trial->spec.training),
      data_(*context.data),
      info_(describeModel(context.trial->spec.model, static_cast<int>(data_.train.features.size(1)),
                          data_.classes)),
      start_(std::chrono::steady_clock::now()),
      totals_{at::zeros({}, data_.train.features.options()),
              ConfusionMatrix(data_.classes, context.device)},
      earlyStopping_(training_.early_stopping) {
  {
    std::lock_guard<std::mutex> lock(modelInitMutex());
    torch::manual_seed(training_.seed);
    model_ = buildTorchModel(info_);
  }
  if (ctx_.prepare_model) ctx_.prepare_model(model_);
  model_->to(ctx_.device);
  stepsPerEpoch_ = (data_.train.rows() + training_.batch_size - 1) / training_.batch_size;
  fillSummaryHeader();
}

LoopSetup Trainer::loopSetup() const {
  LoopSetup setup;
  setup.model = model_;
  setup.train = &data_.train;
  setup.training = &training_;
  setup.device = ctx_.device;
  setup.trial_index = ctx_.trial->index;
  setup.resident_loop = ctx_.resident_loop;
  return setup;
}

TrialSummary Trainer::run(TrainingLoop& loop) {
  while (trainsAnotherEpoch()) {
    const double lr = beginEpoch();
    endEpoch(loop.runEpoch(lr, *this));
  }
  return finish();
}

bool Trainer::trainsAnotherEpoch() const {
  return !earlyStopped_ && epoch_ < training_.max_epochs && summary_.status == TrialStatus::Running;
}

double Trainer::beginEpoch() {
  epochLr_ = learningRateAtEpoch(training_, epoch_);
  epochRows_ = 0;
  epochPoints_.clear();
  model_->train();
  totals_.loss_sum.zero_();
  totals_.confusion.reset();
  return epochLr_;
}

void Trainer::endEpoch(EpochEnd end) {
  ++epoch_;
  if (end == EpochEnd::Stopped) markStopped();
  if (summary_.status != TrialStatus::Diverged && epochRows_ > 0) {
    const at::Tensor counts = totals_.confusion.hostCounts();
    summary_.train_loss = totals_.loss_sum.item<double>() / epochRows_;
    summary_.train_acc = macroAccuracy(counts);
    epochPoints_.push_back(point(metric::kTrainLossEpoch, summary_.train_loss));
    epochPoints_.push_back(point(metric::kTrainAccEpoch, summary_.train_acc));
    // The resident loop reads the loss only at log steps; a blow-up in between shows here.
    if (summary_.status == TrialStatus::Running && !std::isfinite(summary_.train_loss))
      markDiverged(summary_.train_loss);
  }
  emit(std::move(epochPoints_));
  epochPoints_.clear();
  if (summary_.status != TrialStatus::Running) return;
  validateEpoch();
  reportProgress();
  if (summary_.status == TrialStatus::Running && ctx_.should_prune) {
    if (std::optional<std::string> pruned = ctx_.should_prune(epoch_, summary_)) {
      summary_.status = TrialStatus::Pruned;
      summary_.message = *pruned;
      return;
    }
  }
  if (earlyStopping_.shouldStop(&summary_.message)) earlyStopped_ = true;
}

TrialSummary Trainer::finish() {
  if (summary_.status == TrialStatus::Running) summary_.status = TrialStatus::Finished;
  if (summary_.status != TrialStatus::Diverged && summary_.best_epoch > 0) test();
  saveCheckpoints();
  summary_.wall_seconds = elapsed();
  return summary_;
}

bool Trainer::stopRequested() const {
  return ctx_.stop_sweep->load(std::memory_order_relaxed) ||
         ctx_.stop_trial->load(std::memory_order_relaxed);
}

bool Trainer::logsNextStep() const {
  return (step_ + 1) % training_.log_every_n_steps == 0;
}

bool Trainer::readsNextLoss() const {
  return ctx_.device.is_cpu() || logsNextStep();
}

// Counts a finished step and logs it when due; false when the loss is no longer finite.
bool Trainer::stepDone(int64_t rows, const StepResult& result) {
  const bool logNow = logsNextStep();
  // On the CPU a scalar read costs nothing; on a GPU it would stall, so it waits for a log.
  const bool readsLoss = readsNextLoss();
  ++step_;
  samples_ += rows;
  epochRows_ += rows;
  if (!readsLoss) return true;
  const double value = result.host_loss ? *result.host_loss : result.loss.item<double>();
  if (!std::isfinite(value)) {
    markDiverged(value);
    return false;
  }
  if (logNow) logStep(result.logits, result.labels, value);
  return true;
}

double Trainer::elapsed() const {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
}

double Trainer::epochsDone() const {
  return static_cast<double>(step_) / stepsPerEpoch_;
}

MetricPoint Trainer::point(const char* name, double value) const {
  return {name, step_, epochsDone(), samples_, elapsed(), value};
}

void Trainer::fillSummaryHeader() {
  summary_ = trialSummaryHeader(*ctx_.trial, TrialStatus::Running);
  summary_.model = info_.name;
  summary_.trainable_parameters = countTrainableParameters(*model_);
  summary_.train_rows = data_.train.rows();
  summary_.val_rows = data_.val.rows();
  summary_.test_rows = data_.test.rows();
  summary_.device = ctx_.device_name;
}

void Trainer::markDiverged(double loss) {
  summary_.status = TrialStatus::Diverged;
  summary_.steps = step_;  // mid-epoch: the epoch's end, which sets it otherwise, never comes
  // std::to_string spells NaN "-nan" or "nan" depending on its sign bit, which means nothing.
  const std::string value = std::isnan(loss) ? "NaN" : loss > 0 ? "infinite" : "-infinite";
  summary_.message = "loss became " + value + " at step " + std::to_string(step_) + " (epoch " +
                     std::to_string(epochsDone()) + "); try a smaller learning rate";
}

void Trainer::markStopped() {
  summary_.status = TrialStatus::Stopped;
  summary_.message = "stopped at step " + std::to_string(step_);
}

void Trainer::logStep(const at::Tensor& logits, const at::Tensor& labels, double loss) {
  ConfusionMatrix batch(data_.classes, ctx_.device);
  batch.add(logits, labels);
  epochPoints_.push_back(point(metric::kTrainAccStep, macroAccuracy(batch.hostCounts())));
  epochPoints_.push_back(point(metric::kTrainLossStep, loss));
  epochPoints_.push_back(point(metric::kLearningRate, epochLr_));
  emit(std::move(epochPoints_));
  epochPoints_.clear();
}

void Trainer::validateEpoch() {
  const Evaluation val = evaluateSplit(model_, data_.val, data_.classes, ctx_.device);
  summary_.val_loss = val.loss;
  summary_.val_acc = val.acc;
  summary_.epochs_completed = epoch_;
  summary_.steps = step_;
  emit({point(metric::kValLossEpoch, val.loss), point(metric::kValAccEpoch, val.acc)});
  if (!std::isfinite(val.loss)) {
    markDiverged(val.loss);
    return;
  }
  if (summary_.best_epoch < 0 || val.loss < summary_.best_val_loss) {
    summary_.best_val_loss = val.loss;
    summary_.best_val_acc = val.acc;
    summary_.best_epoch = epoch_;
    best_ = snapshotState(*model_);
  }
  earlyStopping_.record(val.loss, val.acc);
  trackDeadClasses(val.class_recall);
}

// A class the model never gets right epoch after epoch is most often one it never predicts:
// with a ReLU after the last layer, an output unit that is negative for every input gets no
// gradient and stays so. Only counted here, never acted on.
void Trainer::trackDeadClasses(const std::vector<double>& recalls) {
  lowRecallEpochs_.resize(recalls.size(), 0);
  summary_.dead_classes.clear();
  for (size_t c = 0; c < recalls.size(); ++c) {
    lowRecallEpochs_[c] = recalls[c] < kDeadClassRecall ? lowRecallEpochs_[c] + 1 : 0;
    if (lowRecallEpochs_[c] >= kDeadClassEpochs)
      summary_.dead_classes.push_back(static_cast<int>(c));
  }
}

void Trainer::test() {
  const bool useBest = training_.test_checkpoint == TestCheckpoint::Best && !best_.empty();
  ModelState last;
  if (useBest) {
    last = snapshotState(*model_);
    restoreState(*model_, best_);
  }
  const Evaluation result = evaluateSplit(model_, data_.test, data_.classes, ctx_.device);
  summary_.test_loss = result.loss;
  summary_.test_acc = result.acc;
  summary_.test_acc_micro = result.acc_micro;
  summary_.test_class_recall = result.class_recall;
  summary_.test_confusion = result.confusion;
  summary_.tested_checkpoint = useBest ? "best" : "last";
  if (useBest) restoreState(*model_, last);
}

void Trainer::saveCheckpoints() {
  if (ctx_.trial_dir.empty() || summary_.epochs_completed == 0) return;
  saveStateFile(*model_, ctx_.trial_dir + "/last.pt");
  saveStateDictFile(*model_, ctx_.trial_dir + "/" + kLastStateDictFileName);
  if (!best_.empty()) {
    restoreState(*model_, best_);
    saveStateFile(*model_, ctx_.trial_dir + "/best.pt");
    saveStateDictFile(*model_, ctx_.trial_dir + "/" + kBestStateDictFileName);
  }
}

void Trainer::reportProgress() {
  if (!ctx_.on_progress) return;
  TrialProgress progress;
  progress.epoch = epoch_;
  progress.max_epochs = training_.max_epochs;
  progress.step = step_;
  progress.total_steps = stepsPerEpoch_ * training_.max_epochs;
  progress.wall_seconds = elapsed();
  progress.dead_classes = summary_.dead_classes;
  ctx_.on_progress(progress);
}

void Trainer::emit(std::vector<MetricPoint> points) {
  if (!points.empty() && ctx_.on_points) ctx_.on_points(std::move(points));
}

}  // namespace sweeplab
