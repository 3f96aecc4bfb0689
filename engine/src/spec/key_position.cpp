// Finds where a key is written in an experiment file, for messages about later checks.
#include <yaml-cpp/yaml.h>

#include <sstream>

#include "sweeplab/experiment_io.h"

namespace sweeplab {

std::pair<int, int> keyPosition(const std::string& path, const std::string& key) {
  try {
    YAML::Node node = YAML::LoadFile(path);
    std::istringstream parts(key);
    std::string part;
    while (std::getline(parts, part, '.')) {
      if (!node.IsMap()) return {0, 0};
      node = node[part];
      if (!node.IsDefined()) return {0, 0};
    }
    if (node.Mark().is_null()) return {0, 0};
    return {node.Mark().line + 1, node.Mark().column + 1};
  } catch (const YAML::Exception&) {
    return {0, 0};
  }
}

}  // namespace sweeplab
