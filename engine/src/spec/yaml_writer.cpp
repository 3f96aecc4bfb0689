// Writes an experiment as a tidy YAML file: every key, in the table's order, nested by section,
// numbers in their shortest exact form.
#include <sstream>

#include "spec/atomic_file.h"
#include "spec/key_table.h"
#include "spec/value_text.h"
#include "spec/yaml_writer.h"
#include "sweeplab/experiment_io.h"

namespace sweeplab {

std::vector<std::string> splitKey(const std::string& key) {
  std::vector<std::string> parts;
  std::stringstream stream(key);
  for (std::string part; std::getline(stream, part, '.');) parts.push_back(part);
  return parts;
}

std::string valueText(const KeyDef& def, const ExperimentSpec& spec) {
  const std::string text = def.get(spec);
  // String getters return raw text, already quoted only when it starts with a quote.
  if (def.info.type == "string" && (text.empty() || text.front() != '"'))
    return yamlString(text, false);
  return text;
}

std::string sweepLine(const SweepAxis& axis) {
  std::string line = yamlString(axis.key) + ": [";
  for (size_t i = 0; i < axis.values.size(); ++i) {
    const std::string& value = axis.values[i];
    line += i ? ", " : "";
    if (!value.empty() && value.front() == '[')
      line += value;
    else
      line += isFlowSafe(value) ? value : doubleQuoted(value);
  }
  return line + "]";
}

namespace {

void writeSweep(std::ostream& out, const std::vector<SweepAxis>& sweep) {
  if (sweep.empty()) {
    out << "\nsweep: {}\n";
    return;
  }
  out << "\nsweep:\n";
  for (const auto& axis : sweep) out << "  " << sweepLine(axis) << "\n";
}

}  // namespace

std::string saveExperimentYaml(const ExperimentSpec& spec) {
  std::ostringstream out;
  std::vector<std::string> open;  // the sections the previous key was written in
  bool sweepWritten = false;
  for (const auto& def : keyDefs()) {
    if (def.info.shorthand) continue;
    std::vector<std::string> parts = splitKey(def.info.key);
    const std::string leaf = parts.back();
    parts.pop_back();
    // The sweep goes after the sections and before the run settings.
    if (parts.empty() && !open.empty() && !sweepWritten) {
      writeSweep(out, spec.sweep);
      out << "\n";
      sweepWritten = true;
    }
    size_t common = 0;
    while (common < open.size() && common < parts.size() && open[common] == parts[common]) ++common;
    for (size_t level = common; level < parts.size(); ++level) {
      if (level == 0) out << "\n";
      out << std::string(2 * level, ' ') << parts[level] << ":\n";
    }
    out << std::string(2 * parts.size(), ' ') << leaf << ": " << valueText(def, spec) << "\n";
    open = parts;
  }
  if (!sweepWritten) writeSweep(out, spec.sweep);
  return out.str();
}

void saveExperimentFile(const ExperimentSpec& spec, const std::string& path) {
  writeFileAtomically(path, saveExperimentYaml(spec));
}

}  // namespace sweeplab
