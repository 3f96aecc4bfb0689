#include "train/device_data.h"

#include <ATen/ATen.h>

namespace sweeplab {
namespace {

SplitTensors wrap(const Table& table, int features, const at::Device& device) {
  // from_blob does not take ownership; DeviceData::source keeps the table alive.
  auto* x = const_cast<float*>(table.features.data());
  auto* y = const_cast<std::int64_t*>(table.labels.data());
  SplitTensors split;
  split.features = at::from_blob(x, {table.rows(), features}, at::kFloat);
  split.labels = at::from_blob(y, {table.rows()}, at::kLong);
  if (!device.is_cpu()) {
    split.features = split.features.to(device);
    split.labels = split.labels.to(device);
  }
  return split;
}

}  // namespace

DeviceData makeDeviceData(std::shared_ptr<const PreparedDataset> dataset,
                          const at::Device& device) {
  DeviceData data;
  const int features = dataset->numFeatures();
  data.train = wrap(dataset->train, features, device);
  data.val = wrap(dataset->val, features, device);
  data.test = wrap(dataset->test, features, device);
  data.classes = dataset->numClasses();
  data.source = std::move(dataset);
  return data;
}

}  // namespace sweeplab
