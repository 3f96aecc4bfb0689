// sweeplab-kernel-bench: CPU time of the CPU step kernel's own arithmetic per trial-step
// (engine/src/train/cpu_mlp_step.h), without the optimizer or the trainer around it. Each trial
// steps on rows gathered from its own shuffle of a resident dataset as large as the built-in
// one, as a trial group does; with --trials N the trials take turns on one shared step, each
// prefetching its next batch while the others step. Thread CPU time is steadier than wall time
// on a loaded machine. Prints one line per model: microseconds per trial-step.
#include <ATen/ATen.h>
#include <ATen/CPUGeneratorImpl.h>

#include <algorithm>
#include <ctime>
#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include "sweeplab/model_catalog.h"
#include "train/cpu_mlp_step.h"
#include "train/flat_optimizer.h"
#include "train/torch_model.h"

namespace {

using namespace sweeplab;

double threadSeconds() {
  timespec now{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now);
  return static_cast<double>(now.tv_sec) + 1e-9 * static_cast<double>(now.tv_nsec);
}

struct Trial {
  torch::nn::Sequential model;
  std::unique_ptr<FlatOptimizer> optimizer;  // owns the gradient tensors the kernel writes
  CpuMlpStep::Binding binding;
  at::Tensor order;
};

// Microseconds of thread CPU time per trial-step over `steps` batches of every trial.
double timeModel(const std::string& name, int64_t batch, int trialCount, int64_t steps,
                 const at::Tensor& features, const at::Tensor& labels) {
  ModelSpec spec;
  spec.name = name;
  const ModelInfo info = describeModel(spec);
  const TrainingSpec training;
  std::vector<Trial> trials(trialCount);
  const int64_t rows = features.size(0);
  for (int t = 0; t < trialCount; ++t) {
    trials[t].model = buildTorchModel(info);
    trials[t].optimizer = std::make_unique<FlatOptimizer>(training, trials[t].model->parameters());
    at::Generator shuffle = at::make_generator<at::CPUGeneratorImpl>(t + 1);
    trials[t].order = at::randperm(rows, shuffle);
  }
  std::unique_ptr<CpuMlpStep> step = CpuMlpStep::create(*trials.front().model, batch);
  if (!step) throw std::runtime_error("the kernel does not train " + name);
  for (Trial& trial : trials) trial.binding = step->bindingFor(*trial.model);
  const float* x = features.data_ptr<float>();
  const int64_t* y = labels.data_ptr<int64_t>();
  const int64_t inputs = features.size(1);
  std::vector<int64_t> predictions(batch);
  const int64_t batchesPerEpoch = rows / batch;
  const int64_t ahead = trialCount > 1 ? 1 : 2;
  double loss = 0;
  const double start = threadSeconds();
  for (int64_t s = 0; s < steps; ++s) {
    const int64_t begin = (s % batchesPerEpoch) * batch;
    for (Trial& trial : trials) {
      step->use(trial.binding);
      const int64_t* order = trial.order.data_ptr<int64_t>();
      loss += step->stepGathered(x, y, order + begin, batch, predictions.data());
      const int64_t next = std::min(begin + ahead * batch, rows - batch);
      for (int64_t b = next; b < next + batch; ++b) {
        __builtin_prefetch(x + order[b] * inputs);
        __builtin_prefetch(y + order[b]);
      }
    }
  }
  const double seconds = threadSeconds() - start;
  if (!(loss == loss)) std::cerr << "loss is NaN\n";
  return 1e6 * seconds / static_cast<double>(steps * trialCount);
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<std::string> models = {"jsc-tiny", "jsc-tiny-x10"};
  int64_t batch = 128;
  int trials = 1;
  int64_t steps = 20000;
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string arg = argv[i], value = argv[i + 1];
    if (arg == "--model")
      models = {value};
    else if (arg == "--batch")
      batch = std::stoll(value);
    else if (arg == "--trials")
      trials = std::stoi(value);
    else if (arg == "--steps")
      steps = std::stoll(value);
  }
  if (argc % 2 == 0) {
    std::cerr << "usage: sweeplab-kernel-bench [--model NAME] [--batch N] [--trials N] "
                 "[--steps N]\n";
    return 2;
  }
  at::set_num_threads(1);
  at::manual_seed(3);
  const int64_t rows = 597600;  // the built-in data's training rows
  const at::Tensor features = at::randn({rows, 16}) * 1.5 + 0.3;
  const at::Tensor labels = at::randint(0, 5, {rows});
  for (const std::string& model : models)
    std::cout << model << " batch " << batch << " trials " << trials << ": "
              << timeModel(model, batch, trials, steps, features, labels)
              << " us CPU per trial-step\n";
  return 0;
}
