// evaluateCheckpoint: the trial's dataset and model as its run had them, the checkpoint loaded
// with every check, one pass over the chosen split.
#include "sweeplab/checkpoint_evaluation.h"

#include <filesystem>

#include "run/device_choice.h"
#include "sweeplab/errors.h"
#include "sweeplab/runtime_info.h"
#include "train/checkpoint_loading.h"
#include "train/device_data.h"
#include "train/split_evaluation.h"
#include "train/torch_model.h"

namespace sweeplab {
namespace fs = std::filesystem;
namespace {

void checkSplitName(const std::string& split) {
  if (split != "test" && split != "val" && split != "train")
    throw InputError("--split: '" + split + "' is not a split (allowed: " + kEvaluationSplits +
                     ")");
}

const SplitTensors& chosenSplit(const DeviceData& data, const std::string& split) {
  if (split == "val") return data.val;
  if (split == "train") return data.train;
  return data.test;
}

}  // namespace

CheckpointEvaluation evaluateCheckpoint(const TrialSpec& trial, const std::string& path,
                                        const EvaluationOptions& options) {
  const ExperimentSpec& spec = trial.spec;
  const std::string deviceText = options.device.empty() ? spec.device : options.device;
  const c10::Device device = resolveDevice(deviceText);
  checkSplitName(options.split);  // before the dataset is read, which may take a while

  DatasetLoadOptions load;
  load.cache_dir = options.cache_dir;
  load.base_dir = fs::path(spec.source_file).parent_path().string();
  std::shared_ptr<const PreparedDataset> dataset = prepareDataset(spec.dataset, load);
  const DeviceData data = makeDeviceData(dataset, device);
  const SplitTensors& split = chosenSplit(data, options.split);

  const ModelInfo info =
      describeModel(spec.model, static_cast<int>(data.train.features.size(1)), data.classes);
  torch::nn::Sequential model = buildTorchModel(info);
  loadStateFile(*model, path, info.name);
  model->to(device);
  const Evaluation evaluation = evaluateSplit(model, split, data.classes, device);

  CheckpointEvaluation result;
  result.split = options.split;
  result.rows = split.rows();
  result.loss = evaluation.loss;
  result.acc = evaluation.acc;
  result.acc_micro = evaluation.acc_micro;
  result.parameters = countTrainableParameters(*model);
  result.device = describeDevice(device.is_cpu() ? "cpu" : deviceText);
  result.dataset = dataset->description;
  result.dataset_fingerprint = dataset->fingerprint;
  return result;
}

}  // namespace sweeplab
