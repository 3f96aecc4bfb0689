// Helpers that build table entries for each kind of key, so the table reads as a list of
// keys with their ranges and explanations.
#pragma once

#include <string>
#include <vector>

#include "spec/key_table.h"

namespace sweeplab {

template <class T>
using FieldRef = T& (*)(ExperimentSpec&);

struct Range {
  double min = -std::numeric_limits<double>::infinity();
  double max = std::numeric_limits<double>::infinity();
  bool min_exclusive = false;
  bool max_exclusive = false;
};
Range atLeast(double min);
Range above(double min);
Range between(double min, double max, bool min_exclusive, bool max_exclusive);

KeyDef stringKey(std::string key, FieldRef<std::string> field, std::string help);
KeyDef choiceKey(std::string key, FieldRef<std::string> field, std::vector<std::string> choices,
                 std::string help);
KeyDef booleanKey(std::string key, FieldRef<bool> field, std::string help);
KeyDef integerKey(std::string key, FieldRef<int> field, Range range, std::string help);
KeyDef integerKey(std::string key, FieldRef<long long> field, Range range, std::string help);
KeyDef optionalIntegerKey(std::string key, FieldRef<std::optional<int>> field, Range range,
                          std::string help);
KeyDef numberKey(std::string key, FieldRef<double> field, Range range, std::string help);
KeyDef integerListKey(std::string key, FieldRef<std::vector<int>> field, Range range,
                      std::string help);
KeyDef stringListKey(std::string key, FieldRef<std::vector<std::string>> field, std::string help);

template <class Enum>
using EnumParser = std::optional<Enum> (*)(const std::string&);

// A key backed by an enum with toString() names.
template <class Enum>
KeyDef enumKey(std::string key, FieldRef<Enum> field, std::vector<Enum> values,
               EnumParser<Enum> parse, std::string help);

// The scalar text of a node for messages and string keys; "" for null.
std::string scalarText(const YAML::Node& node);

}  // namespace sweeplab

namespace sweeplab {

template <class Enum>
KeyDef enumKey(std::string key, FieldRef<Enum> field, std::vector<Enum> values,
               EnumParser<Enum> parse, std::string help) {
  std::vector<std::string> names;
  for (Enum value : values) names.emplace_back(toString(value));
  KeyDef def;
  def.info.key = std::move(key);
  def.info.type = "choice";
  def.info.help = std::move(help);
  def.info.choices = names;
  def.get = [field](const ExperimentSpec& spec) {
    return std::string(toString(field(const_cast<ExperimentSpec&>(spec))));
  };
  const KeyInfo info = def.info;
  def.set = [field, parse, info](ExperimentSpec& spec, const YAML::Node& node) {
    const std::string text = scalarText(node);
    const auto value = node.IsScalar() ? parse(text) : std::nullopt;
    if (!value) throw ValueError{expectedButGot(info, text)};
    field(spec) = *value;
  };
  def.check = [](const ExperimentSpec&) {};
  return def;
}

}  // namespace sweeplab
