// The comparison guard: keys (and circumstances) in which trials differ beyond the swept ones.
#include "sweeplab/comparison.h"

#include <algorithm>

#include "sweeplab/experiment_keys.h"

namespace sweeplab {
namespace {

bool startsWith(const std::string& text, const std::string& prefix) {
  return text.rfind(prefix, 0) == 0;
}

// Keys that shape a result. Seeds vary on purpose between repeats; logging and naming do not
// change what is trained.
bool shapesResult(const KeyInfo& info) {
  if (info.shorthand) return false;
  const std::string& key = info.key;
  if (key == "training.seed" || key == "training.log_every_n_steps") return false;
  return startsWith(key, "dataset.") || startsWith(key, "model.") || startsWith(key, "training.");
}

bool expected(const std::string& key, const std::vector<std::string>& expectedKeys) {
  for (const std::string& e : expectedKeys) {
    if (e == key) return true;
    // A model chosen by name brings its own layers, activation and normalisation.
    if ((e == "model" || e == "model.name") && startsWith(key, "model.")) return true;
  }
  return false;
}

void addIfDiffering(std::vector<TrialDifference>& out, const std::string& what,
                    const std::vector<std::string>& perTrial) {
  std::vector<std::string> distinct;
  for (const std::string& value : perTrial) {
    if (value.empty()) continue;  // unknown: nothing to compare
    if (std::find(distinct.begin(), distinct.end(), value) == distinct.end()) {
      distinct.push_back(value);
    }
  }
  if (distinct.size() > 1) out.push_back({what, distinct});
}

// Cosine annealing without an explicit t_max spans the whole run, so trials with other
// max_epochs also follow other learning-rate curves.
bool cosineFollowsMaxEpochs(const ExperimentSpec& spec) {
  return spec.training.scheduler.kind == SchedulerKind::Cosine &&
         !spec.training.scheduler.t_max.has_value();
}

}  // namespace

std::vector<TrialDifference> comparisonDifferences(const std::vector<ComparedTrial>& trials,
                                                   const std::vector<std::string>& expectedKeys) {
  std::vector<TrialDifference> out;
  if (trials.size() < 2) return out;
  for (const KeyInfo& info : experimentKeys()) {
    if (!shapesResult(info) || expected(info.key, expectedKeys)) continue;
    std::vector<std::string> values;
    for (const ComparedTrial& trial : trials) values.push_back(getValue(trial.spec, info.key));
    addIfDiffering(out, info.key, values);
  }
  const bool anyCosine = std::any_of(trials.begin(), trials.end(), [](const ComparedTrial& t) {
    return cosineFollowsMaxEpochs(t.spec);
  });
  if (anyCosine) {
    std::vector<std::string> lengths;
    for (const ComparedTrial& trial : trials) {
      lengths.push_back(cosineFollowsMaxEpochs(trial.spec)
                            ? std::to_string(trial.spec.training.max_epochs) + " epochs"
                            : "fixed");
    }
    addIfDiffering(out, "learning-rate schedule length (cosine over training.max_epochs)", lengths);
  }
  std::vector<std::string> devices, versions, fingerprints;
  for (const ComparedTrial& trial : trials) {
    devices.push_back(trial.device);
    versions.push_back(trial.sweeplab_version);
    fingerprints.push_back(trial.dataset_fingerprint);
  }
  addIfDiffering(out, "device", devices);
  addIfDiffering(out, "Sweeplab version", versions);
  addIfDiffering(out, "dataset content", fingerprints);
  return out;
}

std::string describeDifferences(const std::vector<TrialDifference>& differences) {
  std::string text;
  for (const TrialDifference& difference : differences) {
    if (!text.empty()) text += "; ";
    text += difference.what + " (";
    // Long lists (a fingerprint per run) stay readable: the first few and a count.
    const size_t shown = std::min<size_t>(difference.values.size(), 4);
    for (size_t i = 0; i < shown; ++i) text += (i ? ", " : "") + difference.values[i];
    if (difference.values.size() > shown) {
      text += ", " + std::to_string(difference.values.size() - shown) + " more";
    }
    text += ")";
  }
  return text;
}

}  // namespace sweeplab
