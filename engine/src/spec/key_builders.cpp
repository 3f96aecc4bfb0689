// Table entries for each kind of key: how a YAML node is read, checked and written back.
#include "spec/key_builders.h"

#include <climits>

#include "spec/did_you_mean.h"
#include "spec/value_text.h"

namespace sweeplab {
namespace {

bool inRange(const KeyInfo& info, double value) {
  if (info.min_exclusive ? !(value > info.min) : !(value >= info.min)) return false;
  if (info.max_exclusive ? !(value < info.max) : !(value <= info.max)) return false;
  return true;
}

KeyDef makeDef(std::string key, std::string type, Range range, std::string help) {
  KeyDef def;
  def.info.key = std::move(key);
  def.info.type = std::move(type);
  def.info.help = std::move(help);
  def.info.min = range.min;
  def.info.max = range.max;
  def.info.min_exclusive = range.min_exclusive;
  def.info.max_exclusive = range.max_exclusive;
  return def;
}

// The scalar text of a node that must be a single value.
std::string requireScalar(const KeyInfo& info, const YAML::Node& node) {
  if (!node.IsScalar()) throw ValueError{expectedButGot(info, scalarText(node))};
  return node.Scalar();
}

template <class Int>
Int readInteger(const KeyInfo& info, const YAML::Node& node) {
  const std::string text = requireScalar(info, node);
  const auto value = parseInteger(text);
  if (!value) throw ValueError{expectedButGot(info, text)};
  if (*value > std::numeric_limits<Int>::max() || *value < std::numeric_limits<Int>::min())
    throw ValueError{"'" + text + "' is too large (at most " +
                     std::to_string(std::numeric_limits<Int>::max()) + ")"};
  return static_cast<Int>(*value);
}

template <class Int>
KeyDef integerKeyOf(std::string key, FieldRef<Int> field, Range range, std::string help) {
  KeyDef def = makeDef(std::move(key), "integer", range, std::move(help));
  const KeyInfo info = def.info;
  def.set = [field, info](ExperimentSpec& spec, const YAML::Node& node) {
    const Int value = readInteger<Int>(info, node);
    if (!inRange(info, static_cast<double>(value)))
      throw ValueError{expectedButGot(info, node.Scalar())};
    field(spec) = value;
  };
  def.get = [field](const ExperimentSpec& spec) {
    return std::to_string(field(const_cast<ExperimentSpec&>(spec)));
  };
  def.check = [field, info](const ExperimentSpec& spec) {
    const Int value = field(const_cast<ExperimentSpec&>(spec));
    if (!inRange(info, static_cast<double>(value)))
      throw ValueError{expectedButGot(info, std::to_string(value))};
  };
  return def;
}

}  // namespace

Range atLeast(double min) {
  return Range{min, std::numeric_limits<double>::infinity(), false, false};
}
Range above(double min) {
  return Range{min, std::numeric_limits<double>::infinity(), true, false};
}
Range between(double min, double max, bool min_exclusive, bool max_exclusive) {
  return Range{min, max, min_exclusive, max_exclusive};
}

std::string scalarText(const YAML::Node& node) {
  if (!node || node.IsNull()) return "";
  if (node.IsScalar()) return node.Scalar();
  std::string out = node.IsSequence() ? "[" : "{";
  bool first = true;
  for (const auto& item : node) {
    out += first ? "" : ", ";
    first = false;
    // An item must read back as itself: a null or an empty text left bare ("[16, ]") would
    // read back as [16], and a comma or bracket inside a text would split it.
    const auto text = [](const YAML::Node& part) {
      if (part && part.IsNull()) return std::string("null");
      if (!part || !part.IsScalar()) return scalarText(part);
      const std::string& value = part.Scalar();
      const bool dash =
          !value.empty() && value.front() == '-' && (value.size() == 1 || value[1] == ' ');
      const bool plain = !value.empty() && !dash && value.front() != ' ' && value.back() != ' ' &&
                         value.find_first_of(",[]{}:#\"'\n\t\\") == std::string::npos &&
                         std::string("!&*|>%@`?").find(value.front()) == std::string::npos;
      return plain ? value : doubleQuoted(value);
    };
    if (node.IsSequence())
      out += text(item);
    else
      out += text(item.first) + ": " + text(item.second);
  }
  return out + (node.IsSequence() ? "]" : "}");
}

KeyDef stringKey(std::string key, FieldRef<std::string> field, std::string help) {
  KeyDef def = makeDef(std::move(key), "string", Range{}, std::move(help));
  const KeyInfo info = def.info;
  def.set = [field, info](ExperimentSpec& spec, const YAML::Node& node) {
    field(spec) = node.IsNull() ? std::string() : requireScalar(info, node);
  };
  def.get = [field](const ExperimentSpec& spec) {
    const std::string& text = field(const_cast<ExperimentSpec&>(spec));
    const bool quoted = !text.empty() && (text.front() == '"' || text.front() == '\'');
    return quoted ? doubleQuoted(text) : text;
  };
  def.check = [](const ExperimentSpec&) {};
  return def;
}

KeyDef choiceKey(std::string key, FieldRef<std::string> field, std::vector<std::string> choices,
                 std::string help) {
  KeyDef def = makeDef(std::move(key), "choice", Range{}, std::move(help));
  def.info.choices = std::move(choices);
  const KeyInfo info = def.info;
  auto allowed = [info](const std::string& text) {
    for (const auto& choice : info.choices)
      if (choice == text) return true;
    return false;
  };
  def.set = [field, info, allowed](ExperimentSpec& spec, const YAML::Node& node) {
    const std::string text = scalarText(node);
    if (!node.IsScalar() || !allowed(text)) throw ValueError{expectedButGot(info, text)};
    field(spec) = text;
  };
  def.get = [field](const ExperimentSpec& spec) {
    return field(const_cast<ExperimentSpec&>(spec));
  };
  def.check = [field, info, allowed](const ExperimentSpec& spec) {
    const std::string& text = field(const_cast<ExperimentSpec&>(spec));
    if (!allowed(text)) throw ValueError{expectedButGot(info, text)};
  };
  return def;
}

KeyDef booleanKey(std::string key, FieldRef<bool> field, std::string help) {
  KeyDef def = makeDef(std::move(key), "boolean", Range{}, std::move(help));
  const KeyInfo info = def.info;
  def.set = [field, info](ExperimentSpec& spec, const YAML::Node& node) {
    const std::string text = requireScalar(info, node);
    const auto value = parseBoolean(text);
    if (!value) throw ValueError{expectedButGot(info, text)};
    field(spec) = *value;
  };
  def.get = [field](const ExperimentSpec& spec) {
    return std::string(field(const_cast<ExperimentSpec&>(spec)) ? "true" : "false");
  };
  def.check = [](const ExperimentSpec&) {};
  return def;
}

KeyDef integerKey(std::string key, FieldRef<int> field, Range range, std::string help) {
  return integerKeyOf<int>(std::move(key), field, range, std::move(help));
}

KeyDef integerKey(std::string key, FieldRef<long long> field, Range range, std::string help) {
  return integerKeyOf<long long>(std::move(key), field, range, std::move(help));
}

KeyDef optionalIntegerKey(std::string key, FieldRef<std::optional<int>> field, Range range,
                          std::string help) {
  KeyDef def = makeDef(std::move(key), "integer", range, std::move(help));
  def.info.nullable = true;
  const KeyInfo info = def.info;
  def.set = [field, info](ExperimentSpec& spec, const YAML::Node& node) {
    if (node.IsNull() || (node.IsScalar() && node.Scalar().empty()))
      field(spec).reset();
    else if (const int value = readInteger<int>(info, node); inRange(info, value))
      field(spec) = value;
    else
      throw ValueError{expectedButGot(info, node.Scalar())};
  };
  def.get = [field](const ExperimentSpec& spec) {
    const auto& value = field(const_cast<ExperimentSpec&>(spec));
    return value ? std::to_string(*value) : std::string("null");
  };
  def.check = [field, info](const ExperimentSpec& spec) {
    const auto& value = field(const_cast<ExperimentSpec&>(spec));
    if (value && !inRange(info, *value))
      throw ValueError{expectedButGot(info, std::to_string(*value))};
  };
  return def;
}

KeyDef numberKey(std::string key, FieldRef<double> field, Range range, std::string help) {
  KeyDef def = makeDef(std::move(key), "number", range, std::move(help));
  const KeyInfo info = def.info;
  def.set = [field, info](ExperimentSpec& spec, const YAML::Node& node) {
    const std::string text = requireScalar(info, node);
    const auto value = parseFiniteNumber(text);
    if (!value || !inRange(info, *value)) throw ValueError{expectedButGot(info, text)};
    field(spec) = *value;
  };
  def.get = [field](const ExperimentSpec& spec) {
    return formatNumber(field(const_cast<ExperimentSpec&>(spec)));
  };
  def.check = [field, info](const ExperimentSpec& spec) {
    const double value = field(const_cast<ExperimentSpec&>(spec));
    if (!inRange(info, value)) throw ValueError{expectedButGot(info, formatNumber(value))};
  };
  return def;
}

KeyDef integerListKey(std::string key, FieldRef<std::vector<int>> field, Range range,
                      std::string help) {
  KeyDef def = makeDef(std::move(key), "integer-list", range, std::move(help));
  const KeyInfo info = def.info;
  auto listText = [](const std::vector<int>& values) {
    std::string out = "[";
    for (size_t i = 0; i < values.size(); ++i) out += (i ? ", " : "") + std::to_string(values[i]);
    return out + "]";
  };
  def.set = [field, info](ExperimentSpec& spec, const YAML::Node& node) {
    std::vector<int> values;
    if (node.IsScalar()) {  // a single width is a one-layer list
      values.push_back(readInteger<int>(info, node));
    } else if (node.IsSequence()) {
      for (const auto& item : node) {
        if (!item.IsScalar() || !parseInteger(item.Scalar()))
          throw ValueError{expectedButGot(info, scalarText(node))};
        values.push_back(readInteger<int>(info, item));
      }
    } else if (!node.IsNull()) {
      throw ValueError{expectedButGot(info, scalarText(node))};
    }
    field(spec) = values;
  };
  def.get = [field, listText](const ExperimentSpec& spec) {
    return listText(field(const_cast<ExperimentSpec&>(spec)));
  };
  def.check = [field, info, listText](const ExperimentSpec& spec) {
    const auto& values = field(const_cast<ExperimentSpec&>(spec));
    for (int value : values)
      if (!inRange(info, value)) throw ValueError{expectedButGot(info, listText(values))};
  };
  return def;
}

KeyDef stringListKey(std::string key, FieldRef<std::vector<std::string>> field, std::string help) {
  KeyDef def = makeDef(std::move(key), "string-list", Range{}, std::move(help));
  const KeyInfo info = def.info;
  def.set = [field, info](ExperimentSpec& spec, const YAML::Node& node) {
    std::vector<std::string> values;
    if (node.IsSequence()) {
      for (const auto& item : node) {
        if (!item.IsScalar() || item.Scalar().empty())
          throw ValueError{expectedButGot(info, scalarText(node))};
        values.push_back(item.Scalar());
      }
    } else if (!node.IsNull()) {
      throw ValueError{expectedButGot(info, scalarText(node))};
    }
    field(spec) = values;
  };
  def.get = [field](const ExperimentSpec& spec) {
    std::string out = "[";
    const auto& values = field(const_cast<ExperimentSpec&>(spec));
    for (size_t i = 0; i < values.size(); ++i) out += (i ? ", " : "") + yamlString(values[i]);
    return out + "]";
  };
  def.check = [field, info](const ExperimentSpec& spec) {
    for (const auto& value : field(const_cast<ExperimentSpec&>(spec)))
      if (value.empty()) throw ValueError{expectedButGot(info, "")};
  };
  return def;
}

}  // namespace sweeplab
