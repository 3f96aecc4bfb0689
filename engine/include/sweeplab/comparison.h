// What else differs between trials shown together. A chart of a batch-size sweep is read as
// "batch size changes the curves"; that reading is only fair when nothing else changed, and
// some changes hide in defaults: in an epoch sweep the cosine schedule follows max_epochs, so
// every trial also has another learning rate at a given epoch. Charts list such differences.
#pragma once

#include <string>
#include <vector>

#include "sweeplab/experiment_spec.h"

namespace sweeplab {

struct ComparedTrial {
  ExperimentSpec spec;              // as the trial ran (swept values and seed applied)
  std::string device;               // where it trained; "" when unknown
  std::string sweeplab_version;     // "" when unknown
  std::string dataset_fingerprint;  // content hash of the prepared data; "" when unknown
};

struct TrialDifference {
  std::string what;                 // "dataset.samples", "device", "learning-rate schedule ..."
  std::vector<std::string> values;  // the distinct values, in the order the trials show them
};

// Differences among the trials beyond the expected keys (the keys their labels name; "model"
// stands for model.name, and a model swept by name also explains every model.* key). Seeds
// are not listed (repeats exist to vary them) and neither are keys that change only what is
// logged. An empty result means the trials differ in the expected keys alone.
std::vector<TrialDifference> comparisonDifferences(const std::vector<ComparedTrial>& trials,
                                                   const std::vector<std::string>& expectedKeys);

// "dataset.samples (100000, 830000); device (cpu, cuda)" - for a note under a chart.
std::string describeDifferences(const std::vector<TrialDifference>& differences);

}  // namespace sweeplab
