#include "train/trainer.h"

#include <ATen/ATen.h>
#include <ATen/CPUGeneratorImpl.h>
#include <torch/nn/functional/loss.h>
#include <torch/utils.h>

#include <chrono>
#include <cmath>
#include <mutex>

#include "train/checkpoint.h"
#include "train/classification_metrics.h"
#include "train/flat_optimizer.h"
#include "train/learning_rate_schedule.h"
#include "train/torch_model.h"

namespace sweeplab {
namespace {

struct Evaluation {
  double loss = kNoValue;
  double acc = kNoValue;
  double acc_micro = kNoValue;
};

// Weight initialisation draws from LibTorch's global generator; trials built concurrently
// would interleave their draws, so seeding and building happen under one lock.
std::mutex& modelInitMutex() {
  static std::mutex mutex;
  return mutex;
}

class Trainer {
 public:
  explicit Trainer(const TrialContext& context)
      : ctx_(context),
        spec_(context.trial->spec),
        training_(spec_.training),
        data_(*context.data),
        info_(describeModel(spec_.model, static_cast<int>(data_.train.features.size(1)),
                            data_.classes)),
        start_(std::chrono::steady_clock::now()),
        confusion_(data_.classes, context.device) {
    {
      std::lock_guard<std::mutex> lock(modelInitMutex());
      torch::manual_seed(training_.seed);
      model_ = buildTorchModel(info_);
    }
    model_->to(ctx_.device);
    optimizer_ = std::make_unique<FlatOptimizer>(training_, model_->parameters());
    shuffleGenerator_ = at::make_generator<at::CPUGeneratorImpl>(training_.seed);
    // About 2 MB of rows per chunk, always whole batches.
    constexpr int64_t kChunkTargetRows = 32768;
    chunkRows_ =
        std::max<int64_t>(1, kChunkTargetRows / training_.batch_size) * training_.batch_size;
    const int64_t bufferRows = std::min(chunkRows_, data_.train.rows());
    chunkX_ = at::empty({bufferRows, data_.train.features.size(1)}, data_.train.features.options());
    chunkY_ = at::empty({bufferRows}, data_.train.labels.options());
    chunkPredictions_ = at::empty({bufferRows}, data_.train.labels.options());
    stepsPerEpoch_ = (data_.train.rows() + training_.batch_size - 1) / training_.batch_size;
    fillSummaryHeader();
  }

  TrialSummary run() {
    for (int epoch = 0; epoch < training_.max_epochs && summary_.status == TrialStatus::Running;
         ++epoch) {
      trainEpoch(epoch);
      if (summary_.status != TrialStatus::Running) break;
      validateEpoch(epoch);
      reportProgress(epoch + 1);
      if (shouldStopEarly()) break;
    }
    if (summary_.status == TrialStatus::Running) summary_.status = TrialStatus::Finished;
    if (summary_.status != TrialStatus::Diverged && summary_.best_epoch > 0) test();
    saveCheckpoints();
    summary_.wall_seconds = elapsed();
    return summary_;
  }

 private:
  double elapsed() const {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
  }

  double epochsDone() const { return static_cast<double>(step_) / stepsPerEpoch_; }

  MetricPoint point(const char* name, double value) const {
    return {name, step_, epochsDone(), samples_, elapsed(), value};
  }

  bool stopRequested() const {
    return ctx_.stop_sweep->load(std::memory_order_relaxed) ||
           ctx_.stop_trial->load(std::memory_order_relaxed);
  }

  void fillSummaryHeader() {
    summary_ = trialSummaryHeader(*ctx_.trial, TrialStatus::Running);
    summary_.model = info_.name;
    summary_.trainable_parameters = countTrainableParameters(*model_);
    summary_.train_rows = data_.train.rows();
    summary_.val_rows = data_.val.rows();
    summary_.test_rows = data_.test.rows();
    summary_.device = ctx_.device_name;
  }

  void markDiverged(double loss) {
    summary_.status = TrialStatus::Diverged;
    summary_.steps = step_;  // mid-epoch: the epoch's end, which sets it otherwise, never comes
    // std::to_string spells NaN "-nan" or "nan" depending on its sign bit, which means nothing.
    const std::string value = std::isnan(loss) ? "NaN" : loss > 0 ? "infinite" : "-infinite";
    summary_.message = "loss became " + value + " at step " + std::to_string(step_) + " (epoch " +
                       std::to_string(epochsDone()) + "); try a smaller learning rate";
  }

  void trainEpoch(int epoch) {
    const double lr = learningRateAtEpoch(training_, epoch);
    optimizer_->setLearningRate(lr);
    model_->train();
    const int64_t rows = data_.train.rows();
    // Each epoch draws one permutation; the rows are copied in that order a chunk at a time into
    // buffers kept for the whole trial, and batches are views into the chunk. A full permuted
    // copy per trial would cost 40 MB each for trials side by side, and a fresh one per epoch
    // page faults worth 15% of the epoch.
    const at::Tensor order = at::randperm(rows, shuffleGenerator_).to(ctx_.device);
    at::Tensor lossSum = at::zeros({}, data_.train.features.options());
    int64_t rowsSeen = 0;
    std::vector<MetricPoint> points;
    confusion_.reset();
    bool ended = false;
    for (int64_t chunkBegin = 0; chunkBegin < rows && !ended; chunkBegin += chunkRows_) {
      const int64_t chunkSize = std::min(chunkRows_, rows - chunkBegin);
      const at::Tensor rowsOfChunk = order.narrow(0, chunkBegin, chunkSize);
      at::Tensor x = chunkX_.narrow(0, 0, chunkSize);
      at::Tensor y = chunkY_.narrow(0, 0, chunkSize);
      at::index_select_out(x, data_.train.features, 0, rowsOfChunk);
      at::index_select_out(y, data_.train.labels, 0, rowsOfChunk);
      int64_t trained = 0;  // rows of this chunk trained on, always a prefix of it
      for (int64_t begin = 0; begin < chunkSize; begin += training_.batch_size) {
        if (stopRequested()) {
          summary_.status = TrialStatus::Stopped;
          summary_.message = "stopped at step " + std::to_string(step_);
          ended = true;
          break;
        }
        const int64_t size = std::min<int64_t>(training_.batch_size, chunkSize - begin);
        // Batch norm cannot train on a single row (PyTorch raises); such a tail is skipped.
        if (size < 2) continue;
        const at::Tensor xb = x.narrow(0, begin, size);
        const at::Tensor yb = y.narrow(0, begin, size);
        const at::Tensor logits = model_->forward(xb);
        const at::Tensor loss = torch::nn::functional::cross_entropy(logits, yb);
        optimizer_->zeroGrad();
        loss.backward();
        optimizer_->step();
        ++step_;
        samples_ += size;
        rowsSeen += size;
        trained += size;
        const at::Tensor detachedLogits = logits.detach();
        lossSum.add_(loss.detach(), static_cast<double>(size));
        // Predictions are kept per row and counted once per chunk: one op per step, no allocation.
        at::Tensor predictionSlice = chunkPredictions_.narrow(0, begin, size);
        at::argmax_out(predictionSlice, detachedLogits, 1);
        // On the CPU a scalar read costs nothing; on a GPU it would stall, so it waits for a log.
        const bool logNow = step_ % training_.log_every_n_steps == 0;
        if (ctx_.device.is_cpu() || logNow) {
          const double value = loss.item<double>();
          if (!std::isfinite(value)) {
            markDiverged(value);
            ended = true;
            break;
          }
          if (logNow) logStep(detachedLogits, yb, value, lr, points);
        }
      }
      confusion_.addPredictions(chunkPredictions_.narrow(0, 0, trained), y.narrow(0, 0, trained));
    }
    if (summary_.status == TrialStatus::Diverged) {
      emit(points);
      return;
    }
    if (rowsSeen > 0) {
      const at::Tensor counts = confusion_.hostCounts();
      summary_.train_loss = lossSum.item<double>() / rowsSeen;
      summary_.train_acc = macroAccuracy(counts);
      points.push_back(point(metric::kTrainLossEpoch, summary_.train_loss));
      points.push_back(point(metric::kTrainAccEpoch, summary_.train_acc));
    }
    emit(points);
  }

  void logStep(const at::Tensor& logits, const at::Tensor& labels, double loss, double lr,
               std::vector<MetricPoint>& points) {
    ConfusionMatrix batch(data_.classes, ctx_.device);
    batch.add(logits, labels);
    points.push_back(point(metric::kTrainAccStep, macroAccuracy(batch.hostCounts())));
    points.push_back(point(metric::kTrainLossStep, loss));
    points.push_back(point(metric::kLearningRate, lr));
    emit(points);
    points.clear();
  }

  Evaluation evaluate(const SplitTensors& split) {
    at::NoGradGuard noGrad;
    model_->eval();
    ConfusionMatrix confusion(data_.classes, ctx_.device);
    at::Tensor lossSum = at::zeros({}, split.features.options());
    constexpr int64_t kChunk = 65536;
    for (int64_t begin = 0; begin < split.rows(); begin += kChunk) {
      const int64_t size = std::min(kChunk, split.rows() - begin);
      const at::Tensor logits = model_->forward(split.features.narrow(0, begin, size));
      const at::Tensor labels = split.labels.narrow(0, begin, size);
      lossSum.add_(torch::nn::functional::cross_entropy(logits, labels) *
                   static_cast<double>(size));
      confusion.add(logits, labels);
    }
    const at::Tensor counts = confusion.hostCounts();
    Evaluation result;
    result.loss = lossSum.item<double>() / std::max<int64_t>(1, split.rows());
    result.acc = macroAccuracy(counts);
    result.acc_micro = microAccuracy(counts);
    return result;
  }

  void validateEpoch(int epoch) {
    const Evaluation val = evaluate(data_.val);
    summary_.val_loss = val.loss;
    summary_.val_acc = val.acc;
    summary_.epochs_completed = epoch + 1;
    summary_.steps = step_;
    emit({point(metric::kValLossEpoch, val.loss), point(metric::kValAccEpoch, val.acc)});
    if (!std::isfinite(val.loss)) {
      markDiverged(val.loss);
      return;
    }
    if (summary_.best_epoch < 0 || val.loss < summary_.best_val_loss) {
      summary_.best_val_loss = val.loss;
      summary_.best_val_acc = val.acc;
      summary_.best_epoch = epoch + 1;
      best_ = snapshotState(*model_);
    }
    trackEarlyStopping(val);
  }

  void trackEarlyStopping(const Evaluation& val) {
    const EarlyStoppingSpec& early = training_.early_stopping;
    if (!early.enabled) return;
    const bool byLoss = early.monitor != "val_acc";
    const double value = byLoss ? val.loss : val.acc;
    const bool improved = !monitoredSeen_ || (byLoss ? value < monitoredBest_ - early.min_delta
                                                     : value > monitoredBest_ + early.min_delta);
    if (improved) {
      monitoredBest_ = value;
      monitoredSeen_ = true;
      epochsWithoutImprovement_ = 0;
    } else {
      ++epochsWithoutImprovement_;
    }
  }

  bool shouldStopEarly() {
    const EarlyStoppingSpec& early = training_.early_stopping;
    if (!early.enabled || epochsWithoutImprovement_ < early.patience) return false;
    summary_.message = "early stopping: " + early.monitor + " did not improve for " +
                       std::to_string(early.patience) + " epochs";
    return true;
  }

  void test() {
    const bool useBest = training_.test_checkpoint == TestCheckpoint::Best && !best_.empty();
    ModelState last;
    if (useBest) {
      last = snapshotState(*model_);
      restoreState(*model_, best_);
    }
    const Evaluation result = evaluate(data_.test);
    summary_.test_loss = result.loss;
    summary_.test_acc = result.acc;
    summary_.test_acc_micro = result.acc_micro;
    summary_.tested_checkpoint = useBest ? "best" : "last";
    if (useBest) restoreState(*model_, last);
  }

  void saveCheckpoints() {
    if (ctx_.trial_dir.empty() || summary_.epochs_completed == 0) return;
    saveStateFile(*model_, ctx_.trial_dir + "/last.pt");
    if (!best_.empty()) {
      restoreState(*model_, best_);
      saveStateFile(*model_, ctx_.trial_dir + "/best.pt");
    }
  }

  void reportProgress(int epochsCompleted) {
    if (!ctx_.on_progress) return;
    TrialProgress progress;
    progress.epoch = epochsCompleted;
    progress.max_epochs = training_.max_epochs;
    progress.step = step_;
    progress.total_steps = stepsPerEpoch_ * training_.max_epochs;
    progress.wall_seconds = elapsed();
    ctx_.on_progress(progress);
  }

  void emit(std::vector<MetricPoint> points) {
    if (!points.empty() && ctx_.on_points) ctx_.on_points(std::move(points));
  }

  const TrialContext& ctx_;
  const ExperimentSpec& spec_;
  const TrainingSpec& training_;
  const DeviceData& data_;
  const ModelInfo info_;
  const std::chrono::steady_clock::time_point start_;
  torch::nn::Sequential model_{nullptr};
  std::unique_ptr<FlatOptimizer> optimizer_;
  at::Generator shuffleGenerator_;
  ConfusionMatrix confusion_;
  int64_t chunkRows_ = 0;
  at::Tensor chunkX_, chunkY_;   // the current chunk of this epoch's permuted training rows
  at::Tensor chunkPredictions_;  // predicted class per row of the chunk
  ModelState best_;
  TrialSummary summary_;
  int64_t stepsPerEpoch_ = 1;
  long long step_ = 0;
  long long samples_ = 0;
  bool monitoredSeen_ = false;
  double monitoredBest_ = 0;
  int epochsWithoutImprovement_ = 0;
};

}  // namespace

TrialSummary trialSummaryHeader(const TrialSpec& trial, TrialStatus status) {
  TrialSummary summary;
  summary.index = trial.index;
  summary.label = trial.label();
  summary.swept = trial.swept;
  summary.repeat = trial.repeat;
  summary.seed = trial.spec.training.seed;
  summary.status = status;
  summary.folder = trial.folderName();
  return summary;
}

TrialSummary runTrial(const TrialContext& context) {
  return Trainer(context).run();
}

}  // namespace sweeplab
