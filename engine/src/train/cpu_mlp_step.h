// One training step of a small MLP on the CPU without autograd: forward with batch statistics,
// cross-entropy, the hand-derived backward pass, straight into the parameters' gradients. For
// the catalog's networks a step is a few microseconds of arithmetic, and LibTorch's per-op
// dispatch and autograd bookkeeping cost many times that; these loops skip both.
//
// The torch module stays the single source of truth: weights are read and gradients, running
// statistics and batch counts written through its tensors' storage, so evaluation, checkpoints
// and the optimizer see no difference. Results match autograd's up to float32 rounding: sums
// run in another order, the softmax's exponentials come from a polynomial within one unit in
// the last place of the exact value, and batch norm keeps its statistics in double, which makes
// it closer to exact than LibTorch where the batch's spread is small against its mean.
// Bit-identical run to run: no threads, a fixed order of every sum.
#pragma once

#include <ATen/core/Tensor.h>
#include <memory>
#include <vector>

#include "train/mlp_loops.h"

namespace torch::nn {
class SequentialImpl;
}

namespace sweeplab {

// False when the environment sets SWEEPLAB_CPU_KERNEL=0: every step then goes through autograd,
// for comparison (the kernel's results and speed against LibTorch's own).
bool cpuMlpStepWanted();

class CpuMlpStep {
 public:
  // A step for `model` on batches of up to maxRows rows, or null when the model does not qualify:
  // not float32 on the CPU, a layer other than BatchNorm1d (affine, tracking running statistics),
  // Linear, ReLU, Tanh, LeakyReLU or exact GELU (Dropout's random masks could not follow
  // LibTorch's generator), or parameters without gradient tensors to write into.
  static std::unique_ptr<CpuMlpStep> create(torch::nn::SequentialImpl& model, int64_t maxRows);

  // One step on rows x row-major features and their labels, as model->forward(), cross_entropy
  // and backward() in training mode would do it: every parameter's gradient is overwritten (no
  // zeroing needed first), batch norm's running statistics and batch count are updated. Writes
  // each row's predicted class when `predictions` is not null. Returns the mean loss.
  double step(const float* features, const int64_t* labels, int64_t rows, int64_t* predictions);

  // The same step on rows picked from a row-major dataset: row b of the batch is
  // features[rowIndex[b]] with label labels[rowIndex[b]]. Gathering straight into the
  // feature-major buffer saves the copy into a chunk; the values, and so the bits, are the same.
  double stepGathered(const float* features, const int64_t* labels, const int64_t* rowIndex,
                      int64_t rows, int64_t* predictions);

  // The last step's logits, [rows x classes], as a new tensor.
  at::Tensor logits() const;

  // The tensors a step reads and writes for one model: a group of same-architecture trials
  // shares one step (its buffers) and switches between the trials' tensors with use().
  struct LayerTensors {
    at::Tensor weight, bias, runningMean, runningVar, batchesTracked;
  };
  using Binding = std::vector<LayerTensors>;
  // `model` must have this step's architecture; throws std::invalid_argument if it does not.
  Binding bindingFor(torch::nn::SequentialImpl& model) const;
  Binding currentBinding() const;
  void use(const Binding& binding);

  int64_t inputs() const { return inputs_; }

 private:
  // One module of the Sequential, with the buffers its forward and backward passes fill.
  struct Layer {
    enum class Kind { BatchNorm, Linear, Activation };
    Kind kind = Kind::Activation;
    mlp::Activation activation = mlp::Activation::ReLU;
    float slope = 0;          // LeakyReLU
    int64_t width = 0;        // output features
    at::Tensor weight, bias;  // Linear, BatchNorm (gamma, beta)
    at::Tensor runningMean, runningVar, batchesTracked;
    double eps = 0;
    double momentum = 0;  // < 0: cumulative average, as momentum=None in PyTorch
    std::vector<double> mean, squaredDeviations, invStd;  // BatchNorm: this batch's statistics
    std::vector<double> scratch;                          // BatchNorm: room for its passes
    std::vector<float> output, gradient;                  // feature-major, maxRows x width each
  };

  CpuMlpStep() = default;
  double finishStep(const int64_t* labels, int64_t rows, int64_t* predictions);
  void forward(int64_t rows);
  void backward(int64_t rows);
  void updateRunningStats(Layer& layer, int64_t rows) const;
  static mlp::ChannelStats statsOf(Layer& layer);

  std::vector<Layer> layers_;
  int64_t inputs_ = 0;
  int64_t classes_ = 0;
  int64_t maxRows_ = 0;
  int64_t firstTrainable_ = 0;  // backward stops at this layer: nothing before it learns
  int64_t lastRows_ = 0;
  std::vector<float> input_;     // the batch, feature-major
  std::vector<int64_t> labels_;  // the batch's labels when gathered
};

}  // namespace sweeplab
