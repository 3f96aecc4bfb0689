#include "train/cpu_mlp_step.h"

#include <ATen/ATen.h>
#include <torch/nn/modules/activation.h>
#include <torch/nn/modules/batchnorm.h>
#include <torch/nn/modules/container/sequential.h>
#include <torch/nn/modules/linear.h>

#include <cstdlib>
#include <stdexcept>
#include <string>

namespace sweeplab {
namespace {

bool isCpuFloat(const at::Tensor& tensor) {
  return tensor.defined() && tensor.device().is_cpu() && tensor.scalar_type() == at::kFloat &&
         tensor.is_contiguous();
}

// A parameter the step can read, with a gradient tensor it can overwrite.
bool writableParameter(const at::Tensor& parameter) {
  return isCpuFloat(parameter) && isCpuFloat(parameter.grad());
}

float* gradientOf(const at::Tensor& parameter) {
  return parameter.grad().data_ptr<float>();
}

}  // namespace

bool cpuMlpStepWanted() {
  const char* setting = std::getenv("SWEEPLAB_CPU_KERNEL");
  return setting == nullptr || std::string(setting) != "0";
}

std::unique_ptr<CpuMlpStep> CpuMlpStep::create(torch::nn::SequentialImpl& model, int64_t maxRows) {
  using Kind = Layer::Kind;
  std::unique_ptr<CpuMlpStep> step(new CpuMlpStep());
  int64_t width = -1;  // features entering the next layer; known at the first Linear/BatchNorm
  for (size_t index = 0; index < model.size(); ++index) {
    const std::shared_ptr<torch::nn::Module> module = model.ptr(index);
    Layer layer;
    if (const auto* linear = module->as<torch::nn::LinearImpl>()) {
      if (!writableParameter(linear->weight) || !writableParameter(linear->bias)) return nullptr;
      const int64_t in = linear->weight.size(1);
      if (width >= 0 && width != in) return nullptr;
      if (width < 0) step->inputs_ = in;
      layer.kind = Kind::Linear;
      layer.weight = linear->weight;
      layer.bias = linear->bias;
      width = linear->weight.size(0);
    } else if (const auto* norm = module->as<torch::nn::BatchNorm1dImpl>()) {
      const auto& options = norm->options;
      if (!options.affine() || !options.track_running_stats()) return nullptr;
      if (!writableParameter(norm->weight) || !writableParameter(norm->bias)) return nullptr;
      if (!isCpuFloat(norm->running_mean) || !isCpuFloat(norm->running_var)) return nullptr;
      const int64_t features = options.num_features();
      if (width >= 0 && width != features) return nullptr;
      if (width < 0) step->inputs_ = features;
      layer.kind = Kind::BatchNorm;
      layer.weight = norm->weight;
      layer.bias = norm->bias;
      layer.runningMean = norm->running_mean;
      layer.runningVar = norm->running_var;
      layer.batchesTracked = norm->num_batches_tracked;
      layer.eps = options.eps();
      layer.momentum = options.momentum() ? *options.momentum() : -1;
      layer.mean.resize(features);
      layer.invStd.resize(features);
      layer.squaredDeviations.resize(features);
      width = features;
    } else if (module->as<torch::nn::ReLUImpl>()) {
      layer.activation = mlp::Activation::ReLU;
    } else if (module->as<torch::nn::TanhImpl>()) {
      layer.activation = mlp::Activation::Tanh;
    } else if (const auto* leaky = module->as<torch::nn::LeakyReLUImpl>()) {
      layer.activation = mlp::Activation::LeakyReLU;
      layer.slope = static_cast<float>(leaky->options.negative_slope());
    } else if (const auto* gelu = module->as<torch::nn::GELUImpl>()) {
      if (gelu->options.approximate() != "none") return nullptr;
      layer.activation = mlp::Activation::GELU;
    } else {
      return nullptr;  // Dropout and anything else: autograd trains it
    }
    step->layers_.push_back(std::move(layer));
  }
  // Activations before the first Linear/BatchNorm keep the input's width.
  if (width < 0) return nullptr;  // nothing to learn
  int64_t current = step->inputs_;
  bool trainableSeen = false;
  for (size_t index = 0; index < step->layers_.size(); ++index) {
    Layer& layer = step->layers_[index];
    if (layer.kind == Kind::Linear) current = layer.weight.size(0);
    layer.width = current;
    layer.output.resize(maxRows * current);
    layer.gradient.resize(maxRows * current);
    if (layer.kind == Kind::BatchNorm) layer.scratch.resize(mlp::kBatchNormScratchRows * maxRows);
    if (layer.kind != Kind::Activation && !trainableSeen) {
      step->firstTrainable_ = static_cast<int64_t>(index);
      trainableSeen = true;
    }
  }
  step->classes_ = current;
  step->maxRows_ = maxRows;
  step->input_.resize(maxRows * step->inputs_);
  return step;
}

namespace {

void checkBatch(const int64_t* labels, int64_t rows, int64_t maxRows, int64_t classes) {
  // Batch norm needs two rows (PyTorch refuses one); the buffers hold maxRows.
  if (rows < 2 || rows > maxRows)
    throw std::invalid_argument("CPU MLP step: a batch of " + std::to_string(rows) +
                                " rows (allowed: 2 to " + std::to_string(maxRows) + ")");
  for (int64_t b = 0; b < rows; ++b)
    if (labels[b] < 0 || labels[b] >= classes)
      throw std::out_of_range("CPU MLP step: label " + std::to_string(labels[b]) +
                              " outside the model's classes 0 to " + std::to_string(classes - 1));
}

}  // namespace

double CpuMlpStep::step(const float* features, const int64_t* labels, int64_t rows,
                        int64_t* predictions) {
  checkBatch(labels, rows, maxRows_, classes_);
  mlp::toFeatureMajor(features, rows, inputs_, input_.data());
  return finishStep(labels, rows, predictions);
}

double CpuMlpStep::stepGathered(const float* features, const int64_t* labels,
                                const int64_t* rowIndex, int64_t rows, int64_t* predictions) {
  labels_.resize(maxRows_);
  if (rows >= 2 && rows <= maxRows_)
    for (int64_t b = 0; b < rows; ++b) labels_[b] = labels[rowIndex[b]];
  checkBatch(labels_.data(), rows, maxRows_, classes_);
  mlp::gatherFeatureMajor(features, rowIndex, rows, inputs_, input_.data());
  return finishStep(labels_.data(), rows, predictions);
}

double CpuMlpStep::finishStep(const int64_t* labels, int64_t rows, int64_t* predictions) {
  lastRows_ = rows;
  forward(rows);
  Layer& last = layers_.back();
  const double loss = mlp::crossEntropy(last.output.data(), labels, classes_, rows,
                                        last.gradient.data(), predictions);
  backward(rows);
  return loss;
}

CpuMlpStep::Binding CpuMlpStep::bindingFor(torch::nn::SequentialImpl& model) const {
  std::unique_ptr<CpuMlpStep> other = create(model, maxRows_);
  bool same = other && other->layers_.size() == layers_.size() && other->inputs_ == inputs_;
  for (size_t i = 0; same && i < layers_.size(); ++i)
    same = other->layers_[i].kind == layers_[i].kind &&
           other->layers_[i].width == layers_[i].width &&
           other->layers_[i].activation == layers_[i].activation;
  if (!same)
    throw std::invalid_argument("CPU MLP step: a model of another architecture cannot share it");
  return other->currentBinding();
}

CpuMlpStep::Binding CpuMlpStep::currentBinding() const {
  Binding binding;
  for (const Layer& layer : layers_)
    binding.push_back(
        {layer.weight, layer.bias, layer.runningMean, layer.runningVar, layer.batchesTracked});
  return binding;
}

void CpuMlpStep::use(const Binding& binding) {
  for (size_t i = 0; i < layers_.size(); ++i) {
    Layer& layer = layers_[i];
    const LayerTensors& tensors = binding[i];
    layer.weight = tensors.weight;
    layer.bias = tensors.bias;
    layer.runningMean = tensors.runningMean;
    layer.runningVar = tensors.runningVar;
    layer.batchesTracked = tensors.batchesTracked;
  }
}

at::Tensor CpuMlpStep::logits() const {
  at::Tensor result = at::empty({lastRows_, classes_}, at::kFloat);
  mlp::toRowMajor(layers_.back().output.data(), lastRows_, classes_, result.data_ptr<float>());
  return result;
}

mlp::ChannelStats CpuMlpStep::statsOf(Layer& layer) {
  return {layer.mean.data(), layer.squaredDeviations.data(), layer.invStd.data(),
          layer.scratch.data()};
}

void CpuMlpStep::forward(int64_t rows) {
  const float* x = input_.data();
  int64_t width = inputs_;
  for (Layer& layer : layers_) {
    float* y = layer.output.data();
    switch (layer.kind) {
      case Layer::Kind::Linear:
        mlp::linearForward(x, layer.weight.data_ptr<float>(), layer.bias.data_ptr<float>(), width,
                           layer.width, rows, y);
        break;
      case Layer::Kind::BatchNorm:
        mlp::batchNormForward(x, layer.weight.data_ptr<float>(), layer.bias.data_ptr<float>(),
                              layer.width, rows, layer.eps, statsOf(layer), y);
        updateRunningStats(layer, rows);
        break;
      case Layer::Kind::Activation:
        mlp::activationForward(layer.activation, layer.slope, x, rows * layer.width, y);
        break;
    }
    x = y;
    width = layer.width;
  }
}

// As PyTorch's batch norm in training mode: count the batch, then running = (1 - m) * running +
// m * batch statistic, in double, with the unbiased variance; m = 1 / count without momentum.
void CpuMlpStep::updateRunningStats(Layer& layer, int64_t rows) const {
  int64_t count = 1;
  if (layer.batchesTracked.defined()) count = ++layer.batchesTracked.data_ptr<int64_t>()[0];
  const double momentum = layer.momentum >= 0 ? layer.momentum : 1.0 / static_cast<double>(count);
  float* runningMean = layer.runningMean.data_ptr<float>();
  float* runningVar = layer.runningVar.data_ptr<float>();
  for (int64_t c = 0; c < layer.width; ++c) {
    const double unbiased = layer.squaredDeviations[c] / static_cast<double>(rows - 1);
    runningMean[c] = static_cast<float>(momentum * layer.mean[c] + (1 - momentum) * runningMean[c]);
    runningVar[c] = static_cast<float>(momentum * unbiased + (1 - momentum) * runningVar[c]);
  }
}

void CpuMlpStep::backward(int64_t rows) {
  for (int64_t index = static_cast<int64_t>(layers_.size()) - 1; index >= firstTrainable_;
       --index) {
    Layer& layer = layers_[index];
    const bool first = index == 0;
    const float* x = first ? input_.data() : layers_[index - 1].output.data();
    const int64_t inWidth = first ? inputs_ : layers_[index - 1].width;
    // The input's gradient only matters while some earlier layer still learns.
    float* dx = index > firstTrainable_ ? layers_[index - 1].gradient.data() : nullptr;
    const float* dy = layer.gradient.data();
    switch (layer.kind) {
      case Layer::Kind::Linear:
        mlp::linearBackward(x, layer.weight.data_ptr<float>(), dy, inWidth, layer.width, rows,
                            gradientOf(layer.weight), gradientOf(layer.bias), dx);
        break;
      case Layer::Kind::BatchNorm:
        mlp::batchNormBackward(x, layer.weight.data_ptr<float>(), dy, layer.width, rows,
                               statsOf(layer), gradientOf(layer.weight), gradientOf(layer.bias),
                               dx);
        break;
      case Layer::Kind::Activation:
        if (dx)
          mlp::activationBackward(layer.activation, layer.slope, x, layer.output.data(), dy,
                                  rows * layer.width, dx);
        break;
    }
  }
}

}  // namespace sweeplab
