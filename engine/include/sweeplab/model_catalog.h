// The model catalog (MASE's JSC networks and a free-form MLP) described without torch, so the
// CLI and the GUI can show layers and parameter counts; the trainer builds from the same plan.
#pragma once

#include <string>
#include <vector>

#include "sweeplab/experiment_spec.h"

namespace sweeplab {

struct LayerDef {
  enum class Kind { BatchNorm, Linear, ReLU, Tanh, GELU, LeakyReLU, Dropout };
  Kind kind;
  int in = 0;                    // BatchNorm: features; Linear: inputs
  int out = 0;                   // Linear: outputs
  double p = 0;                  // Dropout probability
  std::string toString() const;  // "Linear(16, 5)", "BatchNorm1d(16)", "ReLU"
  long long trainableParameters() const;
};

struct ModelInfo {
  std::string name;         // "jsc-tiny" or "mlp[64,32]"
  std::string description;  // one line
  std::vector<LayerDef> layers;
  long long trainable_parameters = 0;
};

// Catalog names in display order: jsc-toy, jsc-tiny, jsc-s, jsc-tiny-x10.
std::vector<std::string> catalogModelNames();

// Layers and parameter count of a model for the given input and class counts.
// Throws InputError for an unknown catalog name or an invalid MLP description.
ModelInfo describeModel(const ModelSpec& spec, int inputs = 16, int classes = 5);

}  // namespace sweeplab
