// Reads an experiment file: walks the YAML tree, hands each leaf to its key's setter and records
// where every value was written, so later checks can name the line to fix.
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include "spec/did_you_mean.h"
#include "spec/key_builders.h"
#include "spec/sweep_distribution_reader.h"
#include "spec/validation.h"
#include "sweeplab/experiment_io.h"

namespace sweeplab {
namespace {

bool isSection(const std::string& key) {
  for (const auto& section : sectionNames())
    if (section == key) return true;
  return false;
}

std::string parentOf(const std::string& key) {
  const size_t dot = key.rfind('.');
  return dot == std::string::npos ? "" : key.substr(0, dot);
}

std::string lastPart(const std::string& key) {
  return key.substr(key.rfind('.') == std::string::npos ? 0 : key.rfind('.') + 1);
}

// The names a map at `prefix` may hold, for suggestions.
std::vector<std::string> namesUnder(const std::string& prefix) {
  std::vector<std::string> names;
  for (const auto& info : experimentKeys())
    if (!info.shorthand && parentOf(info.key) == prefix) names.push_back(lastPart(info.key));
  for (const auto& section : sectionNames())
    if (parentOf(section) == prefix) names.push_back(lastPart(section));
  if (prefix.empty()) names.push_back("sweep");
  if (prefix == "model") names.push_back("type");
  return names;
}

// An experiment file is a few kilobytes of YAML. Anything else named here is a mistake that
// would otherwise read as an empty file (a folder) or never finish (a device, a huge data file).
constexpr std::uintmax_t kMaxExperimentBytes = 16u << 20;

void checkExperimentPath(const std::string& path) {
  namespace fs = std::filesystem;
  std::error_code error;
  const fs::file_status status = fs::status(path, error);
  if (!fs::exists(status))
    throw SpecError(path, 0, 0, "",
                    "no such file (check the name; a relative path starts at the current folder)");
  if (fs::is_directory(status))
    throw SpecError(path, 0, 0, "", "is a folder; give the path of an experiment file (.yaml)");
  if (!fs::is_regular_file(status))
    throw SpecError(path, 0, 0, "", "not a regular file; give the path of an experiment file");
  const std::uintmax_t size = fs::file_size(path, error);
  if (!error && size > kMaxExperimentBytes)
    throw SpecError(path, 0, 0, "",
                    "is " + std::to_string(size >> 20) +
                        " MB; an experiment file is a small YAML file (is this the data file? "
                        "name that in dataset.path)");
}

// yaml-cpp names what its parser expected; say what in the text usually causes it.
std::string syntaxHint(const std::string& message) {
  if (message.find("flow") != std::string::npos)
    return " (a list '[...]' or map '{...}' is not closed, or its items lack a comma)";
  if (message.find("quoted") != std::string::npos || message.find("escape") != std::string::npos)
    return " (check the quotes of this value; inside \"...\" a backslash starts an escape)";
  if (message.find("tab") != std::string::npos) return " (indent with spaces, not tabs)";
  return " (check the indentation here and on the line above: the keys of one section start in "
         "the same column, and 'key: value' needs a space after the colon)";
}

class ExperimentReader {
 public:
  explicit ExperimentReader(const std::string& source) : where_(source) {}

  ExperimentSpec read(const std::string& text) {
    YAML::Node root;
    try {
      root = YAML::Load(text);
    } catch (const YAML::ParserException& error) {
      throw where_.error({error.mark.line + 1, error.mark.column + 1}, "",
                         "YAML syntax error: " + error.msg + syntaxHint(error.msg));
    } catch (const YAML::Exception& error) {
      throw where_.error({}, "", "cannot read the YAML: " + error.msg);
    }
    if (!root || root.IsNull())
      throw where_.error({}, "", "the file is empty (expected keys such as name, training, sweep)");
    if (!root.IsMap())
      throw where_.error(
          placeOf(root, root), "",
          "expected a map of keys at the top (allowed: " + joinNames(namesUnder("")) + ")");
    readMap(root, "");
    spec_.source_file = where_.file();
    validateExperimentAt(spec_, where_);
    return spec_;
  }

 private:
  static Place markPlace(const YAML::Node& node) {
    if (!node.IsDefined() || node.Mark().is_null()) return {};
    return Place{node.Mark().line + 1, node.Mark().column + 1};
  }

  // Null values carry no useful mark (yaml-cpp places them after the text); their key's is the
  // next best place.
  static Place placeOf(const YAML::Node& node, const YAML::Node& fallback) {
    const Place place = node.IsNull() ? Place{} : markPlace(node);
    return place.line > 0 ? place : markPlace(fallback);
  }

  void readMap(const YAML::Node& map, const std::string& prefix) {
    for (const auto& entry : map) {
      const YAML::Node& keyNode = entry.first;
      if (!keyNode.IsScalar())
        throw where_.error(placeOf(keyNode, map), prefix,
                           "keys must be plain names, got '" + scalarText(keyNode) + "'");
      readEntry(keyNode, entry.second, prefix);
    }
  }

  void readEntry(const YAML::Node& keyNode, const YAML::Node& value, const std::string& prefix) {
    const std::string name = keyNode.Scalar();
    const std::string key = prefix.empty() ? name : prefix + "." + name;
    if (key == "sweep") return readSweep(keyNode, value);
    if (isSection(key)) return readSection(key, keyNode, value);
    if (key == "model.type") return readModelType(keyNode, value);
    const KeyDef* def = name.find('.') == std::string::npos ? findKeyDef(key) : nullptr;
    if (def && !def->info.shorthand) return readLeaf(*def, key, keyNode, value);
    std::string problem = "unknown key" + didYouMean(name, namesUnder(prefix));
    if (findKeyDef(name) || isSection(parentOf(name)))
      problem += "; dotted keys are for sweep and --set, in a file nest it under '" +
                 name.substr(0, name.find('.')) + ":'";
    throw where_.error(placeOf(keyNode, keyNode), key,
                       problem + " (allowed here: " + joinNames(namesUnder(prefix)) + ")");
  }

  void markSeen(const std::string& key, const std::string& spelled, const YAML::Node& keyNode) {
    const auto found = seen_.find(key);
    const Place place = placeOf(keyNode, keyNode);
    if (found != seen_.end()) {
      const std::string& firstSpelling = found->second.second;
      throw where_.error(place, spelled,
                         "already given at line " + std::to_string(found->second.first.line) +
                             (firstSpelling != spelled ? " as " + firstSpelling : "") +
                             "; give each key once");
    }
    seen_[key] = {place, spelled};
  }

  void readSection(const std::string& key, const YAML::Node& keyNode, const YAML::Node& value) {
    markSeen(key, key, keyNode);
    if (value.IsMap()) {
      readMap(value, key);
      // An early_stopping block that does not say otherwise means "use early stopping".
      if (key == "training.early_stopping" && !seen_.count(key + ".enabled"))
        spec_.training.early_stopping.enabled = true;
      return;
    }
    if (value.IsNull()) return;
    const std::string scalarKey = scalarFormKey(key);
    if (value.IsScalar() && !scalarKey.empty()) {
      if (key == "model" && value.Scalar() == "mlp")
        throw where_.error(placeOf(value, keyNode), "model",
                           "an mlp needs its layers: write model: {name: mlp, hidden: [64, 32]}");
      const std::string recordAs = key == "model" ? "model.name" : scalarKey;
      return readLeaf(*findKeyDef(scalarKey), recordAs, keyNode, value, key);
    }
    std::string allowed = "a map of keys (" + joinNames(namesUnder(key)) + ")";
    if (!scalarKey.empty()) allowed += ", or a single " + lastPart(scalarKey) + " value";
    throw where_.error(placeOf(value, keyNode), key,
                       "expected " + allowed + ", got '" + scalarText(value) + "'");
  }

  // `type: mlp` is another spelling of `name: mlp`.
  void readModelType(const YAML::Node& keyNode, const YAML::Node& value) {
    markSeen("model.name", "model.type", keyNode);
    const Place place = placeOf(value, keyNode);
    if (!value.IsScalar() || value.Scalar() != "mlp")
      throw where_.error(place, "model.type",
                         "expected mlp, got '" + scalarText(value) +
                             "' (type: mlp is another way to write name: mlp; a catalog model "
                             "goes in name)");
    spec_.model.name = "mlp";
    where_.setKey("model.name", place);
  }

  // `errorKey` is the key as written, when a section's scalar form stands for another key.
  void readLeaf(const KeyDef& def, const std::string& recordAs, const YAML::Node& keyNode,
                const YAML::Node& value, const std::string& errorKey = {}) {
    markSeen(recordAs, recordAs, keyNode);
    const Place place = placeOf(value, keyNode);
    try {
      def.set(spec_, value);
      def.check(spec_);
    } catch (const ValueError& error) {
      throw where_.error(place, errorKey.empty() ? recordAs : errorKey, error.problem);
    }
    where_.setKey(recordAs, place);
  }

  void readSweep(const YAML::Node& keyNode, const YAML::Node& value) {
    markSeen("sweep", "sweep", keyNode);
    if (value.IsNull()) return;
    if (!value.IsMap())
      throw where_.error(placeOf(value, keyNode), "sweep",
                         "expected a map of dotted keys to lists of values, e.g. "
                         "training.batch_size: [64, 128]");
    for (const auto& entry : value) {
      const YAML::Node& axisKey = entry.first;
      const YAML::Node& items = entry.second;
      const std::string key = scalarText(axisKey);
      const size_t axis = spec_.sweep.size();
      where_.setAxis(axis, placeOf(axisKey, keyNode));
      if (!items.IsSequence() && !items.IsNull() && !items.IsMap())
        throw where_.error(placeOf(items, axisKey), key,
                           "expected a list of values, e.g. [" + scalarText(items) +
                               "], or a distribution such as {log_uniform: [1e-5, 0.1]}");
      SweepAxis sweepAxis;
      sweepAxis.key = key;
      if (items.IsMap()) readDistribution(sweepAxis, axis, items, axisKey, where_);
      if (items.IsSequence()) {
        for (const auto& item : items) {
          where_.setItem(axis, sweepAxis.values.size(), placeOf(item, axisKey));
          sweepAxis.values.push_back(item.IsNull() ? "null" : scalarText(item));
        }
      }
      spec_.sweep.push_back(std::move(sweepAxis));
    }
  }

  ExperimentSpec spec_;
  SpecLocator where_;
  std::map<std::string, std::pair<Place, std::string>> seen_;
};

}  // namespace

ExperimentSpec loadExperimentText(const std::string& yamlText, const std::string& sourceName) {
  return ExperimentReader(sourceName).read(yamlText);
}

ExperimentSpec loadExperimentFile(const std::string& path) {
  checkExperimentPath(path);
  std::ifstream file(path, std::ios::binary);
  if (!file) {
    const int error = errno;
    throw SpecError(path, 0, 0, "",
                    std::string("cannot open the file: ") + std::strerror(error) +
                        (error == EACCES ? " (check its permissions: it must be readable)" : ""));
  }
  std::ostringstream text;
  text << file.rdbuf();
  if (file.bad()) throw SpecError(path, 0, 0, "", "cannot read the file");
  return loadExperimentText(text.str(), path);
}

}  // namespace sweeplab
