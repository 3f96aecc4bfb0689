// Reading, validating and writing experiment files (YAML), and applying `key=value` overrides
// (the CLI's --set and each trial's swept values go through the same path).
#pragma once

#include <string>
#include <utility>

#include "sweeplab/experiment_spec.h"

namespace sweeplab {

// Parses and validates; throws SpecError naming file, line, column, key and what is allowed.
// Unknown keys are errors with a "did you mean" suggestion.
ExperimentSpec loadExperimentFile(const std::string& path);
ExperimentSpec loadExperimentText(const std::string& yamlText, const std::string& sourceName);

// Writes every key; loading the result gives an equal spec.
std::string saveExperimentYaml(const ExperimentSpec& spec);
void saveExperimentFile(const ExperimentSpec& spec, const std::string& path);  // atomic

// An edited experiment as a person keeps it: `sourceText` (the file it was loaded from; may be
// empty) with its header comment and schema line, the keys it had and the keys that differ
// from their defaults (not every default), in the key table's order. A key whose value is
// unchanged keeps its lines as written (number style, folded text, end-of-line comment) and
// the comment lines above it; a changed or new key is written afresh, without them. An
// unedited file comes back as it was.
std::string rewriteExperimentYaml(const ExperimentSpec& spec, const std::string& sourceText);
// Writes rewriteExperimentYaml of the file the spec was loaded from (spec.source_file, when
// still readable) to `path`, atomically. Saved into another folder, a relative dataset.path
// becomes absolute, and a relative schema reference in the header becomes absolute unless the
// schema lies beside `path` too.
void saveEditedExperimentFile(const ExperimentSpec& spec, const std::string& path);

// Sets one dotted key ("training.learning_rate") from a YAML scalar or flow value ("1e-3",
// "[64, 32]"). Throws SpecError (file = origin, e.g. "--set") when the key or value is invalid.
void applyOverride(ExperimentSpec& spec, const std::string& key, const std::string& value,
                   const std::string& origin = "--set");

// Checks ranges and combinations; throws SpecError. Loading already calls it.
void validateExperiment(const ExperimentSpec& spec);

// Where a dotted key's value is written in a YAML file: {line, column}, 1-based; {0, 0} when
// the file or key cannot be found. For messages about checks made after loading (a missing
// data file), so they too point at the line to fix.
std::pair<int, int> keyPosition(const std::string& path, const std::string& key);

bool operator==(const ExperimentSpec& a, const ExperimentSpec& b);
bool operator==(const SweepAxis& a, const SweepAxis& b);
inline bool operator!=(const SweepAxis& a, const SweepAxis& b) {
  return !(a == b);
}
inline bool operator!=(const ExperimentSpec& a, const ExperimentSpec& b) {
  return !(a == b);
}

}  // namespace sweeplab
