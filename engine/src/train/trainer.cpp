#include "train/trainer.h"

#include <ATen/ATen.h>
#include <ATen/CPUGeneratorImpl.h>
#include <torch/nn/functional/loss.h>
#include <torch/utils.h>

#include <chrono>
#include <cmath>
#include <cstdio>
#include <mutex>
#include <optional>

#include "sweeplab/interop_exports.h"
#include "train/checkpoint.h"
#include "train/classification_metrics.h"
#include "train/cpu_mlp_step.h"
#include "train/device_fast_path.h"
#include "train/early_stopping.h"
#include "train/flat_optimizer.h"
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
    if (ctx_.prepare_model) ctx_.prepare_model(model_);
    model_->to(ctx_.device);
    optimizer_ = std::make_unique<FlatOptimizer>(training_, model_->parameters());
    shuffleGenerator_ = at::make_generator<at::CPUGeneratorImpl>(training_.seed);
    lossSum_ = at::zeros({}, data_.train.features.options());
    if (ctx_.resident_loop || ctx_.device.is_cuda())
      prepareResidentLoop();
    else
      prepareChunkedLoop();
    stepsPerEpoch_ = (data_.train.rows() + training_.batch_size - 1) / training_.batch_size;
    fillSummaryHeader();
  }

  void prepareChunkedLoop() {
    // About 2 MB of rows per chunk, always whole batches.
    constexpr int64_t kChunkTargetRows = 32768;
    chunkRows_ =
        std::max<int64_t>(1, kChunkTargetRows / training_.batch_size) * training_.batch_size;
    const int64_t bufferRows = std::min(chunkRows_, data_.train.rows());
    chunkX_ = at::empty({bufferRows, data_.train.features.size(1)}, data_.train.features.options());
    chunkY_ = at::empty({bufferRows}, data_.train.labels.options());
    chunkPredictions_ = at::empty({bufferRows}, data_.train.labels.options());
    // Linear/BatchNorm/activation stacks train without autograd here (cpu_mlp_step.h).
    if (ctx_.device.is_cpu() && cpuMlpStepWanted() && chunkX_.scalar_type() == at::kFloat &&
        chunkY_.scalar_type() == at::kLong)
      cpuStep_ = CpuMlpStep::create(*model_, training_.batch_size);
  }

  void prepareResidentLoop() {
    const at::TensorOptions indices = data_.train.labels.options();
    resident_.order = at::empty({data_.train.rows()}, indices);
    resident_.offsets = at::arange(training_.batch_size, indices);
    resident_.cursor = at::zeros({1}, indices);
    optimizer_->keepScalarsOnDevice();
    graphWanted_ = ctx_.device.is_cuda() && fast::available() && fast::graphsWanted();
  }

  TrialSummary run() {
    for (int epoch = 0; epoch < training_.max_epochs && summary_.status == TrialStatus::Running;
         ++epoch) {
      trainEpoch(epoch);
      if (summary_.status != TrialStatus::Running) break;
      validateEpoch(epoch);
      reportProgress(epoch + 1);
      if (earlyStopping_.shouldStop(&summary_.message)) break;
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

  // What one epoch's training steps add up to.
  struct EpochTally {
    double lr = 0;
    int64_t rows_seen = 0;
    std::vector<MetricPoint> points;
  };

  // What a training step leaves for logging, detached from autograd.
  struct StepResult {
    at::Tensor loss, logits, labels;
    std::optional<double> host_loss;  // the CPU kernel's loss; `loss` is then undefined
  };

  void trainEpoch(int epoch) {
    EpochTally tally;
    tally.lr = learningRateAtEpoch(training_, epoch);
    optimizer_->setLearningRate(tally.lr);
    model_->train();
    lossSum_.zero_();
    confusion_.reset();
    if (resident_.order.defined())
      trainResidentEpoch(tally);
    else
      trainChunkedEpoch(tally);
    if (summary_.status != TrialStatus::Diverged && tally.rows_seen > 0) {
      const at::Tensor counts = confusion_.hostCounts();
      summary_.train_loss = lossSum_.item<double>() / tally.rows_seen;
      summary_.train_acc = macroAccuracy(counts);
      tally.points.push_back(point(metric::kTrainLossEpoch, summary_.train_loss));
      tally.points.push_back(point(metric::kTrainAccEpoch, summary_.train_acc));
      // The resident loop reads the loss only at log steps; a blow-up in between shows here.
      if (summary_.status == TrialStatus::Running && !std::isfinite(summary_.train_loss))
        markDiverged(summary_.train_loss);
    }
    emit(std::move(tally.points));
  }

  // The CPU's loop. Each epoch draws one permutation; the rows are copied in that order a chunk
  // at a time into buffers kept for the whole trial, and batches are views into the chunk. A
  // full permuted copy per trial would cost 40 MB each for trials side by side, and a fresh one
  // per epoch page faults worth 15% of the epoch.
  void trainChunkedEpoch(EpochTally& tally) {
    const int64_t rows = data_.train.rows();
    const at::Tensor order = at::randperm(rows, shuffleGenerator_).to(ctx_.device);
    bool ended = false;
    hostLossSum_ = 0;
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
          markStopped();
          ended = true;
          break;
        }
        const int64_t size = std::min<int64_t>(training_.batch_size, chunkSize - begin);
        // Batch norm cannot train on a single row (PyTorch raises); such a tail is skipped.
        if (size < 2) continue;
        const StepResult result =
            cpuStep_ ? kernelBatch(x, y, begin, size) : autogradBatch(x, y, begin, size);
        trained += size;
        if (!countStep(size, result, tally)) {
          ended = true;
          break;
        }
      }
      confusion_.addPredictions(chunkPredictions_.narrow(0, 0, trained), y.narrow(0, 0, trained));
    }
    if (cpuStep_) lossSum_.add_(hostLossSum_);
  }

  // Predictions are kept per row and counted once per chunk: one op per step, no allocation.
  StepResult autogradBatch(const at::Tensor& x, const at::Tensor& y, int64_t begin, int64_t size) {
    StepResult result = trainBatch(x.narrow(0, begin, size), y.narrow(0, begin, size));
    lossSum_.add_(result.loss, static_cast<double>(size));
    at::Tensor predictionSlice = chunkPredictions_.narrow(0, begin, size);
    at::argmax_out(predictionSlice, result.logits, 1);
    return result;
  }

  // The same step by the CPU kernel: no tensor op at all unless this step logs.
  StepResult kernelBatch(const at::Tensor& x, const at::Tensor& y, int64_t begin, int64_t size) {
    StepResult result;
    result.host_loss =
        cpuStep_->step(x.data_ptr<float>() + begin * x.size(1), y.data_ptr<int64_t>() + begin, size,
                       chunkPredictions_.data_ptr<int64_t>() + begin);
    optimizer_->step();
    hostLossSum_ += *result.host_loss * static_cast<double>(size);
    if (logDue(step_ + 1)) {
      result.logits = cpuStep_->logits();
      result.labels = y.narrow(0, begin, size);
    }
    return result;
  }

  // The GPU's loop: the epoch's permutation stays on the device and a device-side cursor picks
  // each full batch, so a step needs nothing from the host; once captured as a CUDA graph it is
  // a single launch. The same batches as the chunked loop, in the same order.
  void trainResidentEpoch(EpochTally& tally) {
    const int64_t rows = data_.train.rows();
    const int64_t batch = training_.batch_size;
    resident_.order.copy_(at::randperm(rows, shuffleGenerator_));
    resident_.cursor.zero_();
    const int64_t fullBatches = rows / batch;
    for (int64_t i = 0; i < fullBatches; ++i) {
      if (stopRequested()) return markStopped();
      if (!countStep(batch, residentFullBatch(), tally)) return;
    }
    const int64_t tail = rows - fullBatches * batch;
    if (tail < 2) return;  // batch norm cannot train on a single row
    if (stopRequested()) return markStopped();
    countStep(tail, residentStep(resident_.order.narrow(0, fullBatches * batch, tail)), tally);
  }

  // The next full batch of the resident loop: replayed from the graph once one is captured.
  StepResult residentFullBatch() {
    constexpr int kWarmUpSteps = 3;  // eager steps first: cuBLAS and autograd set up lazily
    if (graph_) {
      graph_->replay();
      return graphResult_;
    }
    const auto step = [this] {
      const at::Tensor rows = resident_.order.index_select(0, resident_.offsets + resident_.cursor);
      resident_.cursor.add_(training_.batch_size);
      return residentStep(rows);
    };
    if (!graphWanted_ || eagerSteps_++ < kWarmUpSteps) return step();
    graphWanted_ = false;
    try {
      auto graph = std::make_unique<fast::StepGraph>();
      graph->capture([&] { graphResult_ = step(); });
      graph_ = std::move(graph);
    } catch (const std::exception& error) {
      // Slower, not wrong: the trial goes on without the graph and says why on stderr.
      std::fprintf(stderr, "sweeplab: trial %d trains without a CUDA graph: %s\n",
                   ctx_.trial->index, error.what());
      return step();
    }
    graph_->replay();
    return graphResult_;
  }

  StepResult residentStep(const at::Tensor& rows) {
    const at::Tensor labels = data_.train.labels.index_select(0, rows);
    StepResult result = trainBatch(data_.train.features.index_select(0, rows), labels);
    lossSum_.add_(result.loss, static_cast<double>(rows.size(0)));
    confusion_.add(result.logits, labels);
    return result;
  }

  StepResult trainBatch(const at::Tensor& features, const at::Tensor& labels) {
    const at::Tensor logits = model_->forward(features);
    const at::Tensor loss = torch::nn::functional::cross_entropy(logits, labels);
    optimizer_->zeroGrad();
    loss.backward();
    optimizer_->step();
    return {loss.detach(), logits.detach(), labels, std::nullopt};
  }

  bool logDue(long long step) const { return step % training_.log_every_n_steps == 0; }

  // Counts a finished step and logs it when due; false when the loss is no longer finite.
  bool countStep(int64_t size, const StepResult& result, EpochTally& tally) {
    ++step_;
    samples_ += size;
    tally.rows_seen += size;
    const bool logNow = logDue(step_);
    // On the CPU a scalar read costs nothing; on a GPU it would stall, so it waits for a log.
    if (!ctx_.device.is_cpu() && !logNow) return true;
    const double value = result.host_loss ? *result.host_loss : result.loss.item<double>();
    if (!std::isfinite(value)) {
      markDiverged(value);
      return false;
    }
    if (logNow) logStep(result.logits, result.labels, value, tally.lr, tally.points);
    return true;
  }

  void markStopped() {
    summary_.status = TrialStatus::Stopped;
    summary_.message = "stopped at step " + std::to_string(step_);
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
    return evaluateSplit(model_, split, data_.classes, ctx_.device);
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
    earlyStopping_.record(val.loss, val.acc);
    trackDeadClasses(val.class_recall);
  }

  // A class the model never gets right epoch after epoch is most often one it never predicts:
  // with a ReLU after the last layer, an output unit that is negative for every input gets no
  // gradient and stays so. Only counted here, never acted on.
  void trackDeadClasses(const std::vector<double>& recalls) {
    lowRecallEpochs_.resize(recalls.size(), 0);
    summary_.dead_classes.clear();
    for (size_t c = 0; c < recalls.size(); ++c) {
      lowRecallEpochs_[c] = recalls[c] < kDeadClassRecall ? lowRecallEpochs_[c] + 1 : 0;
      if (lowRecallEpochs_[c] >= kDeadClassEpochs)
        summary_.dead_classes.push_back(static_cast<int>(c));
    }
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
    summary_.test_class_recall = result.class_recall;
    summary_.test_confusion = result.confusion;
    summary_.tested_checkpoint = useBest ? "best" : "last";
    if (useBest) restoreState(*model_, last);
  }

  void saveCheckpoints() {
    if (ctx_.trial_dir.empty() || summary_.epochs_completed == 0) return;
    saveStateFile(*model_, ctx_.trial_dir + "/last.pt");
    saveStateDictFile(*model_, ctx_.trial_dir + "/" + kLastStateDictFileName);
    if (!best_.empty()) {
      restoreState(*model_, best_);
      saveStateFile(*model_, ctx_.trial_dir + "/best.pt");
      saveStateDictFile(*model_, ctx_.trial_dir + "/" + kBestStateDictFileName);
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
    progress.dead_classes = summary_.dead_classes;
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
  at::Tensor chunkX_, chunkY_;           // the current chunk of this epoch's permuted training rows
  at::Tensor chunkPredictions_;          // predicted class per row of the chunk
  std::unique_ptr<CpuMlpStep> cpuStep_;  // set: the chunked loop's steps skip autograd
  double hostLossSum_ = 0;               // the kernel's summed loss this epoch, added to lossSum_
  struct {
    at::Tensor order;    // the epoch's permutation of the training rows
    at::Tensor offsets;  // 0 .. batch size - 1
    at::Tensor cursor;   // first row of the next batch within `order`
  } resident_;           // the resident loop's state; order undefined: the chunked loop runs
  at::Tensor lossSum_;   // the epoch's summed training loss, on the device
  bool graphWanted_ = false;
  int eagerSteps_ = 0;
  std::unique_ptr<fast::StepGraph> graph_;
  StepResult graphResult_;  // the captured step's outputs, rewritten by every replay
  ModelState best_;
  TrialSummary summary_;
  std::vector<int>
      lowRecallEpochs_;  // per class: validation epochs in a row with (almost) no recall
  int64_t stepsPerEpoch_ = 1;
  long long step_ = 0;
  long long samples_ = 0;
  EarlyStopping earlyStopping_{training_.early_stopping};
};

}  // namespace

TrialSummary runTrial(const TrialContext& context) {
  const fast::StreamScope stream(context.device);
  return Trainer(context).run();
}

}  // namespace sweeplab
