#include "sweeplab/class_diagnostics.h"

#include <algorithm>

#include "sweeplab/model_catalog.h"

namespace sweeplab {
namespace {

std::string joinedClassNames(const TrialSummary& trial,
                             const std::vector<std::string>& class_names) {
  std::string names;
  for (size_t i = 0; i < trial.dead_classes.size(); ++i) {
    if (i > 0) names += i + 1 == trial.dead_classes.size() ? " and " : ", ";
    names += classDisplayName(class_names, trial.dead_classes[i]);
  }
  return names;
}

}  // namespace

std::string classDisplayName(const std::vector<std::string>& class_names, int index) {
  if (index >= 0 && index < static_cast<int>(class_names.size())) return class_names[index];
  return "class " + std::to_string(index);
}

bool modelEndsInRelu(const std::string& model_name) {
  for (const std::string& name : catalogModelNames()) {
    if (name != model_name) continue;
    ModelSpec spec;
    spec.name = name;
    const ModelInfo info = describeModel(spec);
    return !info.layers.empty() && info.layers.back().kind == LayerDef::Kind::ReLU;
  }
  return false;  // free-form MLPs end in a bare linear layer
}

std::string deadClassWarning(const TrialSummary& trial,
                             const std::vector<std::string>& class_names) {
  if (trial.dead_classes.empty()) return "";
  const bool several = trial.dead_classes.size() > 1;
  const int epochs = kDeadClassEpochs;
  std::string text =
      std::string(several ? "Classes " : "Class ") + joinedClassNames(trial, class_names) +
      (several ? " are" : " is") +
      " almost never predicted right on the validation split (recall under 1 % in the last " +
      std::to_string(epochs) + " epochs)";
  if (modelEndsInRelu(trial.model)) {
    text += std::string(": ") + (several ? "their output units are" : "its output unit is") +
            " probably dead, since " + trial.model +
            " ends in a ReLU (an output that is negative for every input gets no gradient)."
            " Another seed or a smaller learning rate usually avoids it.";
  } else {
    text += ": the model has stopped predicting " + std::string(several ? "them" : "it") +
            "; check the class balance and the learning rate.";
  }
  return text;
}

std::string deadClassMark(const TrialSummary& trial, const std::vector<std::string>& class_names) {
  if (trial.dead_classes.empty()) return "";
  std::string mark = trial.dead_classes.size() > 1 ? "dead classes: " : "dead class: ";
  for (size_t i = 0; i < trial.dead_classes.size(); ++i)
    mark += (i ? ", " : "") + classDisplayName(class_names, trial.dead_classes[i]);
  return mark;
}

}  // namespace sweeplab
