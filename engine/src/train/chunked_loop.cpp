#include "train/chunked_loop.h"

#include <ATen/ATen.h>
#include <ATen/CPUGeneratorImpl.h>
#include <torch/nn/functional/loss.h>

#include <algorithm>

namespace sweeplab {

StepResult autogradStep(torch::nn::Sequential& model, FlatOptimizer& optimizer,
                        const at::Tensor& features, const at::Tensor& labels) {
  const at::Tensor logits = model->forward(features);
  const at::Tensor loss = torch::nn::functional::cross_entropy(logits, labels);
  optimizer.zeroGrad();
  loss.backward();
  optimizer.step();
  return {loss.detach(), logits.detach(), labels, std::nullopt};
}

ChunkedLoop::ChunkedLoop(const LoopSetup& setup)
    : setup_(setup),
      optimizer_(*setup.training, setup.model->parameters()),
      shuffle_(at::make_generator<at::CPUGeneratorImpl>(setup.training->seed)) {
  // About 2 MB of rows per chunk, always whole batches.
  constexpr int64_t kChunkTargetRows = 32768;
  const int64_t batch = setup.training->batch_size;
  const SplitTensors& train = *setup.train;
  chunkRows_ = std::max<int64_t>(1, kChunkTargetRows / batch) * batch;
  const int64_t bufferRows = std::min(chunkRows_, train.rows());
  chunkX_ = at::empty({bufferRows, train.features.size(1)}, train.features.options());
  chunkY_ = at::empty({bufferRows}, train.labels.options());
  chunkPredictions_ = at::empty({bufferRows}, train.labels.options());
}

EpochEnd ChunkedLoop::runEpoch(double lr, TrainingSink& sink) {
  optimizer_.setLearningRate(lr);
  const SplitTensors& train = *setup_.train;
  const int64_t rows = train.rows();
  const int64_t batch = setup_.training->batch_size;
  const at::Tensor order = at::randperm(rows, shuffle_).to(setup_.device);
  EpochEnd end = EpochEnd::Completed;
  bool ended = false;
  for (int64_t chunkBegin = 0; chunkBegin < rows && !ended; chunkBegin += chunkRows_) {
    const int64_t chunkSize = std::min(chunkRows_, rows - chunkBegin);
    const at::Tensor rowsOfChunk = order.narrow(0, chunkBegin, chunkSize);
    at::Tensor x = chunkX_.narrow(0, 0, chunkSize);
    at::Tensor y = chunkY_.narrow(0, 0, chunkSize);
    at::index_select_out(x, train.features, 0, rowsOfChunk);
    at::index_select_out(y, train.labels, 0, rowsOfChunk);
    int64_t trained = 0;  // rows of this chunk trained on, always a prefix of it
    for (int64_t begin = 0; begin < chunkSize; begin += batch) {
      if (sink.stopRequested()) {
        end = EpochEnd::Stopped;
        ended = true;
        break;
      }
      const int64_t size = std::min<int64_t>(batch, chunkSize - begin);
      // Batch norm cannot train on a single row (PyTorch raises); such a tail is skipped.
      if (size < 2) continue;
      const StepResult result = trainBatch(x, y, begin, size, sink);
      trained += size;
      if (!sink.stepDone(size, result)) {
        ended = true;
        break;
      }
    }
    // Predictions are kept per row and counted once per chunk: no op per step for them.
    sink.totals().confusion.addPredictions(chunkPredictions_.narrow(0, 0, trained),
                                           y.narrow(0, 0, trained));
  }
  finishEpoch(sink.totals());
  return end;
}

StepResult AutogradChunkedLoop::trainBatch(const at::Tensor& x, const at::Tensor& y, int64_t begin,
                                           int64_t size, TrainingSink& sink) {
  StepResult result =
      autogradStep(setup_.model, optimizer_, x.narrow(0, begin, size), y.narrow(0, begin, size));
  sink.totals().loss_sum.add_(result.loss, static_cast<double>(size));
  at::Tensor predictionSlice = chunkPredictions_.narrow(0, begin, size);
  at::argmax_out(predictionSlice, result.logits, 1);
  return result;
}

std::unique_ptr<CpuKernelLoop> CpuKernelLoop::create(const LoopSetup& setup) {
  // The optimizer must exist first: it gives the parameters the gradient tensors the kernel
  // writes into.
  std::unique_ptr<CpuKernelLoop> loop(new CpuKernelLoop(setup));
  loop->step_ = CpuMlpStep::create(*setup.model.ptr(), setup.training->batch_size);
  if (!loop->step_) return nullptr;
  return loop;
}

StepResult CpuKernelLoop::trainBatch(const at::Tensor& x, const at::Tensor& y, int64_t begin,
                                     int64_t size, TrainingSink& sink) {
  StepResult result;
  result.host_loss =
      step_->step(x.data_ptr<float>() + begin * x.size(1), y.data_ptr<int64_t>() + begin, size,
                  chunkPredictions_.data_ptr<int64_t>() + begin);
  optimizer_.step();
  hostLossSum_ += *result.host_loss * static_cast<double>(size);
  if (sink.logsNextStep()) {
    result.logits = step_->logits();
    result.labels = y.narrow(0, begin, size);
  }
  return result;
}

void CpuKernelLoop::finishEpoch(EpochTotals& totals) {
  totals.loss_sum.add_(hostLossSum_);
  hostLossSum_ = 0;
}

}  // namespace sweeplab
