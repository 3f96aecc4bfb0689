// The prepared dataset as tensors on one device, made once per sweep and shared read-only by all
// of its trials. On the CPU the tensors wrap the dataset's buffers without a copy.
#pragma once

#include <ATen/core/Tensor.h>
#include <memory>

#include "sweeplab/dataset.h"

namespace sweeplab {

struct SplitTensors {
  at::Tensor features;  // rows x features, float32
  at::Tensor labels;    // rows, int64
  int64_t rows() const { return labels.size(0); }
};

struct DeviceData {
  std::shared_ptr<const PreparedDataset> source;  // keeps the wrapped buffers alive
  SplitTensors train, val, test;
  int classes = 0;
};

DeviceData makeDeviceData(std::shared_ptr<const PreparedDataset> dataset, const at::Device& device);

}  // namespace sweeplab
