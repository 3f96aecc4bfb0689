// The experiment keys with the code that reads, checks and writes each one. The public face of
// this table is experiment_keys.h; this adds the accessors the reader, writer and overrides use.
#pragma once

#include <yaml-cpp/yaml.h>

#include <functional>
#include <string>
#include <vector>

#include "sweeplab/experiment_keys.h"

namespace sweeplab {

// A value that does not fit its key. Callers know where the value came from and turn it into a
// SpecError with that place.
struct ValueError {
  std::string problem;
};

struct KeyDef {
  KeyInfo info;
  // Reads a YAML node into the spec; throws ValueError when the node has the wrong type.
  std::function<void(ExperimentSpec&, const YAML::Node&)> set;
  // The current value as YAML text.
  std::function<std::string(const ExperimentSpec&)> get;
  // Checks the current value against the key's range or choices; throws ValueError.
  std::function<void(const ExperimentSpec&)> check;
};

const std::vector<KeyDef>& keyDefs();
const KeyDef* findKeyDef(const std::string& key);

// Keys that hold a group of keys in files: "dataset", "training.scheduler", ...
const std::vector<std::string>& sectionNames();

// The key a section's scalar form sets ("model: jsc-s", "scheduler: step",
// "early_stopping: true"), or "" when the section has none.
std::string scalarFormKey(const std::string& section);

// "expected a positive integer, got 'abc'"
std::string expectedButGot(const KeyInfo& info, const std::string& got);

}  // namespace sweeplab
