// Text of single YAML values: numbers written so they read back exactly, strings quoted only
// when they must be, and strict parsing of integers, numbers and booleans from scalars.
#pragma once

#include <optional>
#include <string>

namespace sweeplab {

// Shortest text that reads back as the same double: 0.001, 1e-05, 0.2, 830000.
std::string formatNumber(double value);

// A YAML double-quoted scalar with escapes: "a \"b\"\n".
std::string doubleQuoted(const std::string& text);

// True when `text` may be written as a plain scalar, also inside a flow list, and reads back as
// the same string. Text that a YAML reader would take for a number, boolean or null is not.
bool isPlainSafeString(const std::string& text, bool inFlow = true);

// True when `text` can stand as a plain scalar inside a flow list ("1e-3", "jsc-s", "null");
// unlike isPlainSafeString it may read back as a number, boolean or null.
bool isFlowSafe(const std::string& text, bool inFlow = true);

// A string written for a YAML file: plain when safe, double-quoted otherwise. `inFlow` is true
// inside [..] lists, where commas and brackets end a plain scalar.
std::string yamlString(const std::string& text, bool inFlow = true);

// Strict parsers of a scalar's text; nullopt when the text is not of that type.
std::optional<long long> parseInteger(const std::string& text);
std::optional<double> parseFiniteNumber(const std::string& text);
std::optional<bool> parseBoolean(const std::string& text);

}  // namespace sweeplab
