// The keys of an experiment file, described once: type, allowed values, default and a short
// explanation. Parsing, validation, saving and "did you mean" suggestions are driven by this
// table, and forms or schema generators can read it to stay in step with the file format.
#pragma once

#include <limits>
#include <optional>
#include <string>
#include <vector>

#include "sweeplab/experiment_spec.h"

namespace sweeplab {

struct KeyInfo {
  std::string key;   // dotted path: "training.batch_size"
  std::string type;  // string | integer | number | boolean | choice | integer-list | string-list
  std::string help;  // one or two sentences for a tooltip
  std::vector<std::string> choices;                       // choice keys: every accepted value
  double min = -std::numeric_limits<double>::infinity();  // numbers, integers, list elements
  double max = std::numeric_limits<double>::infinity();
  bool min_exclusive = false;  // true: the value must be strictly above min
  bool max_exclusive = false;  // true: the value must be strictly below max
  std::string pattern;         // string keys: a regular expression every value matches, or ""
  bool nullable = false;       // null (or an empty value) is accepted and means "unset"
  bool sweepable = false;      // may appear under `sweep:`
  // A shorthand accepted by overrides and sweeps but never written to files or shown in forms
  // ("model" stands for model.name restricted to catalog models).
  bool shorthand = false;
  std::string default_value;  // YAML text of the default, as saved files write it
};

// Every key in file order (the order saved files use).
const std::vector<KeyInfo>& experimentKeys();

// The entry of a dotted key, or nullptr when there is none.
const KeyInfo* findExperimentKey(const std::string& key);

// The current value of a key as YAML text ("256", "1e-05", "[64, 32]", "jsc-tiny"); an unset
// optional value is "null"; text is returned as is (quoted only when it starts with a quote).
// Feeding the text back to applyOverride gives the same spec.
// Throws SpecError for an unknown key.
std::string getValue(const ExperimentSpec& spec, const std::string& key);

// What a key accepts, for messages: "a positive integer", "one of adam, adamw, sgd".
std::string describeAllowed(const KeyInfo& info);

// The names toString() writes, parsed back; nullopt for anything else.
std::optional<DatasetSource> parseDatasetSource(const std::string& text);
std::optional<Optimizer> parseOptimizer(const std::string& text);
std::optional<SchedulerKind> parseSchedulerKind(const std::string& text);
std::optional<TestCheckpoint> parseTestCheckpoint(const std::string& text);
std::optional<SweepKind> parseSweepKind(const std::string& text);
std::optional<SearchMethod> parseSearchMethod(const std::string& text);
std::optional<PruningMethod> parsePruningMethod(const std::string& text);
std::optional<Batching> parseBatching(const std::string& text);

}  // namespace sweeplab
