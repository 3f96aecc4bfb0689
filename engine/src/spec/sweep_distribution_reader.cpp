// The distribution maps under `sweep:`. Only the shape is checked here (one name, two numbers,
// a step that fits the kind); ranges and the key's own limits are checked with the rest of the
// sweep in sweep_validation.cpp, where every problem already gets its line.
#include "spec/sweep_distribution_reader.h"

#include <cmath>
#include <optional>

#include "spec/did_you_mean.h"
#include "spec/key_builders.h"
#include "spec/value_text.h"
#include "sweeplab/experiment_keys.h"

namespace sweeplab {
namespace {

Place placeOf(const YAML::Node& node, const YAML::Node& fallback) {
  const YAML::Node& used =
      node.IsDefined() && !node.IsNull() && !node.Mark().is_null() ? node : fallback;
  if (!used.IsDefined() || used.Mark().is_null()) return {};
  return Place{used.Mark().line + 1, used.Mark().column + 1};
}

std::string example(SweepKind kind) {
  switch (kind) {
    case SweepKind::LogUniform:
      return "{log_uniform: [1e-5, 0.1]}";
    case SweepKind::IntUniform:
      return "{int_uniform: [32, 512], step: 32}";
    case SweepKind::IntLogUniform:
      return "{int_log_uniform: [32, 512]}";
    case SweepKind::Choice:
      return "{choice: [64, 128, 256]}";
    default:
      return "{uniform: [0.0, 0.5]}";
  }
}

class DistributionReader {
 public:
  DistributionReader(SweepAxis& axis, size_t axisIndex, const YAML::Node& keyNode,
                     SpecLocator& where)
      : axis_(axis), index_(axisIndex), keyNode_(keyNode), where_(where) {}

  void read(const YAML::Node& map) {
    std::vector<std::string> allowed = distributionNames();
    allowed.push_back("step");
    allowed.push_back("q");
    // Optional, not empty nodes: yaml-cpp's assignment to a bound node writes into the tree.
    std::optional<YAML::Node> kindKey, kindValue, stepKey, stepValue;
    for (const auto& entry : map) {
      const std::string name = scalarText(entry.first);
      if (name == "step" || name == "q") {
        if (stepKey) fail(entry.first, "give step (or q, its other name) once");
        stepKey.emplace(entry.first);
        stepValue.emplace(entry.second);
        continue;
      }
      const auto kind = parseSweepKind(name);
      if (!kind || *kind == SweepKind::Values)
        fail(entry.first, "'" + name + "' is not a distribution" + didYouMean(name, allowed) +
                              " (allowed: " + joinNames(allowed) + ")");
      if (kindKey)
        fail(entry.first, "one distribution per key: " + scalarText(*kindKey) + " and " + name +
                              " are both given");
      kindKey.emplace(entry.first);
      kindValue.emplace(entry.second);
      axis_.kind = *kind;
    }
    if (!kindKey)
      fail(map, "expected a distribution such as " + example(SweepKind::LogUniform) +
                    " or a list of values");
    if (axis_.kind == SweepKind::Choice)
      readChoices(*kindValue, *kindKey);
    else
      readBounds(*kindValue, *kindKey);
    if (stepKey) readStep(*stepValue, *stepKey);
  }

 private:
  [[noreturn]] void fail(const YAML::Node& node, const std::string& problem) {
    throw where_.error(placeOf(node, keyNode_), axis_.key, problem);
  }

  void readChoices(const YAML::Node& items, const YAML::Node& kindKey) {
    if (!items.IsSequence())
      fail(items.IsNull() ? kindKey : items,
           "choice takes a list of values, e.g. " + example(SweepKind::Choice));
    for (const auto& item : items) {
      where_.setItem(index_, axis_.values.size(), placeOf(item, kindKey));
      axis_.values.push_back(item.IsNull() ? "null" : scalarText(item));
    }
  }

  void readBounds(const YAML::Node& bounds, const YAML::Node& kindKey) {
    const std::string name = toString(axis_.kind);
    if (!bounds.IsSequence() || bounds.size() != 2)
      fail(bounds.IsNull() ? kindKey : bounds, name + " takes two bounds [low, high], e.g. " +
                                                   example(axis_.kind) + ", got '" +
                                                   scalarText(bounds) + "'");
    double values[2];
    for (size_t i = 0; i < 2; ++i) {
      const YAML::Node& bound = bounds[i];
      const auto number = bound.IsScalar() ? parseFiniteNumber(bound.Scalar()) : std::nullopt;
      if (!number)
        fail(bound, name + ": the bounds must be numbers, got '" + scalarText(bound) + "'");
      where_.setItem(index_, i, placeOf(bound, kindKey));
      values[i] = *number;
    }
    axis_.low = values[0];
    axis_.high = values[1];
  }

  void readStep(const YAML::Node& value, const YAML::Node& stepKey) {
    const std::string name = toString(axis_.kind);
    if (axis_.kind != SweepKind::Uniform && axis_.kind != SweepKind::IntUniform)
      fail(stepKey, "a step only applies to uniform and int_uniform, not to " + name +
                        (axis_.kind == SweepKind::Choice
                             ? " (list the values you want)"
                             : " (a log scale has no even steps; use uniform or int_uniform "
                               "with a step, or remove it)"));
    const auto step = value.IsScalar() ? parseFiniteNumber(value.Scalar()) : std::nullopt;
    if (!step || !(*step > 0))
      fail(value, "step must be a positive number, got '" + scalarText(value) + "'");
    if (axis_.kind == SweepKind::IntUniform && *step != std::floor(*step))
      fail(value, "int_uniform takes a whole step, got '" + scalarText(value) + "'");
    axis_.step = *step;
  }

  SweepAxis& axis_;
  size_t index_;
  const YAML::Node& keyNode_;
  SpecLocator& where_;
};

}  // namespace

const std::vector<std::string>& distributionNames() {
  static const std::vector<std::string> names = {"log_uniform", "uniform", "int_uniform",
                                                 "int_log_uniform", "choice"};
  return names;
}

void readDistribution(SweepAxis& axis, size_t axisIndex, const YAML::Node& map,
                      const YAML::Node& keyNode, SpecLocator& where) {
  DistributionReader(axis, axisIndex, keyNode, where).read(map);
}

}  // namespace sweeplab
