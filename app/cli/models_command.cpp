// `models`: the catalog as a table, so a person can pick a network by size before a sweep.
#include <algorithm>
#include <cstdio>
#include <string>
#include <vector>

#include "cli.h"
#include "commands.h"
#include "sweeplab/model_catalog.h"

namespace sweeplab::cli {

int modelsCommand(const Arguments&) {
  std::vector<ModelInfo> models;
  for (const std::string& name : catalogModelNames()) {
    ModelSpec spec;
    spec.name = name;
    models.push_back(describeModel(spec));
  }
  std::size_t nameWidth = 5;
  for (const ModelInfo& model : models) nameWidth = std::max(nameWidth, model.name.size());

  std::printf("%-*s  %10s  %s\n", int(nameWidth), "Model", "Parameters", "Layers");
  for (const ModelInfo& model : models) {
    std::string layers;
    for (const LayerDef& layer : model.layers) {
      layers += (layers.empty() ? "" : " > ") + layer.toString();
    }
    std::printf("%-*s  %10lld  %s\n", int(nameWidth), model.name.c_str(),
                model.trainable_parameters, layers.c_str());
  }
  std::printf(
      "\nCounts are for the JSC data (16 features, 5 classes). Any MLP works too, e.g.\n"
      "model: {name: mlp, hidden: [64, 32, 32]} in an experiment file.\n");
  return kExitOk;
}

}  // namespace sweeplab::cli
