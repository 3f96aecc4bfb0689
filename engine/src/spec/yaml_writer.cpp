// Writes an experiment as a tidy YAML file: every key, in the table's order, nested by section,
// numbers in their shortest exact form.
#include <sstream>

#include "spec/atomic_file.h"
#include "spec/cluster_keys.h"
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

namespace {

std::string valueList(const std::vector<std::string>& values) {
  std::string line = "[";
  for (size_t i = 0; i < values.size(); ++i) {
    const std::string& value = values[i];
    line += i ? ", " : "";
    if (!value.empty() && value.front() == '[')
      line += value;
    else
      line += isFlowSafe(value) ? value : doubleQuoted(value);
  }
  return line + "]";
}

// {log_uniform: [1e-05, 0.1]}, {int_uniform: [32, 512], step: 32}, {choice: [a, b]}
std::string distributionText(const SweepAxis& axis) {
  const std::string name = toString(axis.kind);
  if (axis.kind == SweepKind::Choice) return "{choice: " + valueList(axis.values) + "}";
  std::string text =
      "{" + name + ": [" + formatNumber(axis.low) + ", " + formatNumber(axis.high) + "]";
  if (axis.step) text += ", step: " + formatNumber(*axis.step);
  return text + "}";
}

}  // namespace

std::string sweepLine(const SweepAxis& axis) {
  const std::string value =
      axis.kind == SweepKind::Values ? valueList(axis.values) : distributionText(axis);
  return yamlString(axis.key) + ": " + value;
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
    // A run folder's experiment.yaml and a trial's stored settings stay as they were for a
    // study that never names a cluster.
    if (isClusterKey(def.info.key) && clusterSectionIsDefault(spec)) continue;
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
