#include "train/resident_loop.h"

#include <ATen/ATen.h>
#include <ATen/CPUGeneratorImpl.h>

#include <cstdio>

#include "train/chunked_loop.h"

namespace sweeplab {

ResidentLoop::ResidentLoop(const LoopSetup& setup)
    : setup_(setup),
      optimizer_(*setup.training, setup.model->parameters()),
      shuffle_(at::make_generator<at::CPUGeneratorImpl>(setup.training->seed)) {
  const at::TensorOptions indices = setup.train->labels.options();
  order_ = at::empty({setup.train->rows()}, indices);
  offsets_ = at::arange(setup.training->batch_size, indices);
  cursor_ = at::zeros({1}, indices);
  optimizer_.keepScalarsOnDevice();
  graphWanted_ = setup.device.is_cuda() && fast::available() && fast::graphsWanted();
}

EpochEnd ResidentLoop::runEpoch(double lr, TrainingSink& sink) {
  optimizer_.setLearningRate(lr);
  const int64_t rows = setup_.train->rows();
  const int64_t batch = setup_.training->batch_size;
  order_.copy_(at::randperm(rows, shuffle_));
  cursor_.zero_();
  const int64_t fullBatches = rows / batch;
  for (int64_t i = 0; i < fullBatches; ++i) {
    if (sink.stopRequested()) return EpochEnd::Stopped;
    if (!sink.stepDone(batch, fullBatch(sink))) return EpochEnd::Completed;
  }
  const int64_t tail = rows - fullBatches * batch;
  if (tail < 2) return EpochEnd::Completed;  // batch norm cannot train on a single row
  if (sink.stopRequested()) return EpochEnd::Stopped;
  sink.stepDone(tail, step(order_.narrow(0, fullBatches * batch, tail), sink));
  return EpochEnd::Completed;
}

// The next full batch: replayed from the graph once one is captured.
StepResult ResidentLoop::fullBatch(TrainingSink& sink) {
  constexpr int kWarmUpSteps = 3;  // eager steps first: cuBLAS and autograd set up lazily
  if (graph_) {
    graph_->replay();
    return graphResult_;
  }
  const auto next = [this, &sink] {
    const at::Tensor rows = order_.index_select(0, offsets_ + cursor_);
    cursor_.add_(setup_.training->batch_size);
    return step(rows, sink);
  };
  if (!graphWanted_ || eagerSteps_++ < kWarmUpSteps) return next();
  graphWanted_ = false;
  try {
    auto graph = std::make_unique<fast::StepGraph>();
    graph->capture([&] { graphResult_ = next(); });
    graph_ = std::move(graph);
  } catch (const std::exception& error) {
    // Slower, not wrong: the trial goes on without the graph and says why on stderr.
    std::fprintf(stderr, "sweeplab: trial %d trains without a CUDA graph: %s\n", setup_.trial_index,
                 error.what());
    return next();
  }
  graph_->replay();
  return graphResult_;
}

StepResult ResidentLoop::step(const at::Tensor& rows, TrainingSink& sink) {
  const at::Tensor labels = setup_.train->labels.index_select(0, rows);
  StepResult result =
      autogradStep(setup_.model, optimizer_, setup_.train->features.index_select(0, rows), labels);
  EpochTotals& totals = sink.totals();
  totals.loss_sum.add_(result.loss, static_cast<double>(rows.size(0)));
  totals.confusion.add(result.logits, labels);
  return result;
}

}  // namespace sweeplab
