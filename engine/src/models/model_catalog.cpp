// The catalog's layer plans. The JSC networks follow MASE's jet_substructure models exactly
// (and the lab report's jsc-tiny-x10), so parameter counts match the reference tool.
#include "sweeplab/model_catalog.h"

#include <functional>
#include <map>
#include <sstream>

#include "sweeplab/errors.h"

namespace sweeplab {
namespace {

using Kind = LayerDef::Kind;

LayerDef bn(int n) {
  return {Kind::BatchNorm, n, n, 0};
}
LayerDef relu() {
  return {Kind::ReLU, 0, 0, 0};
}
LayerDef linear(int in, int out) {
  return {Kind::Linear, in, out, 0};
}

struct CatalogEntry {
  const char* name;
  const char* description;
  std::function<std::vector<LayerDef>(int inputs, int classes)> layers;
};

const std::vector<CatalogEntry>& catalog() {
  static const std::vector<CatalogEntry> entries = {
      {"jsc-toy", "MASE's toy JSC network: three linear layers of 8, batch norm throughout",
       [](int in, int k) {
         return std::vector<LayerDef>{bn(in), relu(), linear(in, 8), bn(8), relu(), linear(8, 8),
                                      bn(8),  relu(), linear(8, k),  bn(k), relu()};
       }},
      {"jsc-tiny", "MASE's smallest JSC network: batch norm and one linear layer",
       [](int in, int k) {
         return std::vector<LayerDef>{bn(in), relu(), linear(in, k), relu()};
       }},
      {"jsc-s", "LogicNets' JSC-S layout: 64-32-32-32 hidden units",
       [](int in, int k) {
         return std::vector<LayerDef>{
             bn(in),         relu(), linear(in, 64), bn(64), relu(),        linear(64, 32), relu(),
             linear(32, 32), relu(), linear(32, 32), relu(), linear(32, k), bn(k),          relu()};
       }},
      {"jsc-tiny-x10", "About ten times jsc-tiny's parameters: 40-25 hidden units with batch norm",
       [](int in, int k) {
         return std::vector<LayerDef>{bn(in),         relu(), linear(in, 40), bn(40),       relu(),
                                      linear(40, 25), bn(25), relu(),         linear(25, k)};
       }},
  };
  return entries;
}

LayerDef activation(const std::string& name) {
  if (name == "relu") return {Kind::ReLU, 0, 0, 0};
  if (name == "tanh") return {Kind::Tanh, 0, 0, 0};
  if (name == "gelu") return {Kind::GELU, 0, 0, 0};
  if (name == "leaky_relu") return {Kind::LeakyReLU, 0, 0, 0};
  throw InputError("model.activation: unknown activation '" + name +
                   "' (allowed: relu, tanh, gelu, leaky_relu)");
}

// A free-form MLP in the catalog's style: [BN] act Linear, repeated, ending in a bare Linear.
std::vector<LayerDef> mlpLayers(const ModelSpec& spec, int inputs, int classes) {
  if (spec.hidden.empty()) throw InputError("model.hidden: an mlp needs at least one hidden layer");
  if (spec.dropout < 0 || spec.dropout >= 1) throw InputError("model.dropout: must be in [0, 1)");
  std::vector<LayerDef> layers;
  int width = inputs;
  for (int next : spec.hidden) {
    if (next <= 0) throw InputError("model.hidden: layer widths must be positive");
    if (spec.batch_norm) layers.push_back(bn(width));
    layers.push_back(activation(spec.activation));
    if (spec.dropout > 0 && width != inputs) layers.push_back({Kind::Dropout, 0, 0, spec.dropout});
    layers.push_back(linear(width, next));
    width = next;
  }
  if (spec.batch_norm) layers.push_back(bn(width));
  layers.push_back(activation(spec.activation));
  if (spec.dropout > 0) layers.push_back({Kind::Dropout, 0, 0, spec.dropout});
  layers.push_back(linear(width, classes));
  return layers;
}

std::string mlpName(const ModelSpec& spec) {
  std::ostringstream out;
  out << "mlp[";
  for (size_t i = 0; i < spec.hidden.size(); ++i) out << (i ? "," : "") << spec.hidden[i];
  out << "]";
  return out.str();
}

}  // namespace

std::string LayerDef::toString() const {
  std::ostringstream out;
  switch (kind) {
    case Kind::BatchNorm:
      out << "BatchNorm1d(" << in << ")";
      break;
    case Kind::Linear:
      out << "Linear(" << in << ", " << this->out << ")";
      break;
    case Kind::ReLU:
      out << "ReLU";
      break;
    case Kind::Tanh:
      out << "Tanh";
      break;
    case Kind::GELU:
      out << "GELU";
      break;
    case Kind::LeakyReLU:
      out << "LeakyReLU";
      break;
    case Kind::Dropout:
      out << "Dropout(" << p << ")";
      break;
  }
  return out.str();
}

long long LayerDef::trainableParameters() const {
  switch (kind) {
    case Kind::BatchNorm:
      return 2LL * in;  // weight and bias; running stats are buffers
    case Kind::Linear:
      return static_cast<long long>(in) * out + out;
    default:
      return 0;
  }
}

std::vector<std::string> catalogModelNames() {
  std::vector<std::string> names;
  for (const auto& entry : catalog()) names.emplace_back(entry.name);
  return names;
}

ModelInfo describeModel(const ModelSpec& spec, int inputs, int classes) {
  ModelInfo info;
  if (spec.name == "mlp") {
    info.name = mlpName(spec);
    info.layers = mlpLayers(spec, inputs, classes);
    info.description = "multilayer perceptron";
  } else {
    const CatalogEntry* found = nullptr;
    for (const auto& entry : catalog())
      if (spec.name == entry.name) found = &entry;
    if (!found) {
      std::string allowed;
      for (const auto& name : catalogModelNames()) allowed += name + ", ";
      throw InputError("model: unknown model '" + spec.name + "' (allowed: " + allowed + "mlp)");
    }
    info.name = found->name;
    info.description = found->description;
    info.layers = found->layers(inputs, classes);
  }
  for (const auto& layer : info.layers) info.trainable_parameters += layer.trainableParameters();
  return info;
}

}  // namespace sweeplab
