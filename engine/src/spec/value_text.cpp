// Number formatting and scalar parsing shared by the reader, the writer and overrides.
#include "spec/value_text.h"

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>

namespace sweeplab {
namespace {

std::string lowered(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return text;
}

bool looksLikeOtherYamlType(const std::string& text) {
  static const char* const kReserved[] = {"null", "~", "true", "false", "yes",   "no",    "on",
                                          "off",  "y", "n",    ".inf",  "-.inf", "+.inf", ".nan"};
  const std::string lower = lowered(text);
  for (const char* word : kReserved)
    if (lower == word) return true;
  char* end = nullptr;
  std::strtod(text.c_str(), &end);
  return end != text.c_str() && *end == '\0';
}

}  // namespace

std::string formatNumber(double value) {
  char buffer[40];
  // Whole numbers read better without an exponent: 830000, not 8.3e+05.
  if (value == std::floor(value) && std::fabs(value) < 1e15) {
    std::snprintf(buffer, sizeof buffer, "%.0f", value);
    return std::strcmp(buffer, "-0") == 0 ? "0" : buffer;
  }
  for (int precision = 1; precision <= 17; ++precision) {
    std::snprintf(buffer, sizeof buffer, "%.*g", precision, value);
    if (std::strtod(buffer, nullptr) == value) break;
  }
  return buffer;
}

std::string doubleQuoted(const std::string& text) {
  std::string out = "\"";
  for (unsigned char c : text) {
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\t':
        out += "\\t";
        break;
      case '\r':
        out += "\\r";
        break;
      default:
        if (c < 0x20 || c == 0x7f) {
          char escape[8];
          std::snprintf(escape, sizeof escape, "\\x%02x", c);
          out += escape;
        } else {
          out += static_cast<char>(c);
        }
    }
  }
  return out + "\"";
}

bool isPlainSafeString(const std::string& text, bool inFlow) {
  return isFlowSafe(text, inFlow) && !looksLikeOtherYamlType(text);
}

bool isFlowSafe(const std::string& text, bool inFlow) {
  if (text.empty()) return false;
  if (std::isspace(static_cast<unsigned char>(text.front())) ||
      std::isspace(static_cast<unsigned char>(text.back())))
    return false;
  // Indicators that start something other than a plain scalar, and flow separators.
  if (std::strchr("-?:,[]{}#&*!|>'\"%@`", text.front()) &&
      !(text.front() == '-' && text.size() > 1 && text[1] != ' '))
    return false;
  for (size_t i = 0; i < text.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(text[i]);
    if (c < 0x20 || c == 0x7f || (inFlow && std::strchr(",[]{}", c))) return false;
    if (c == ':' && (i + 1 == text.size() || text[i + 1] == ' ')) return false;
    if (c == '#' && text[i - 1] == ' ') return false;
  }
  return true;
}

std::string yamlString(const std::string& text, bool inFlow) {
  return isPlainSafeString(text, inFlow) ? text : doubleQuoted(text);
}

std::optional<long long> parseInteger(const std::string& text) {
  size_t digits = (text.size() > 0 && (text[0] == '-' || text[0] == '+')) ? 1 : 0;
  if (digits == text.size()) return std::nullopt;
  for (size_t i = digits; i < text.size(); ++i)
    if (!std::isdigit(static_cast<unsigned char>(text[i]))) return std::nullopt;
  errno = 0;
  const long long value = std::strtoll(text.c_str(), nullptr, 10);
  if (errno == ERANGE) return std::nullopt;
  return value;
}

std::optional<double> parseFiniteNumber(const std::string& text) {
  if (text.empty() || std::isspace(static_cast<unsigned char>(text.front()))) return std::nullopt;
  // strtod also reads hex floats and "inf"; a YAML file means neither.
  for (char c : text)
    if (!std::strchr("0123456789+-.eE", c)) return std::nullopt;
  char* end = nullptr;
  const double value = std::strtod(text.c_str(), &end);
  if (end == text.c_str() || *end != '\0' || !std::isfinite(value)) return std::nullopt;
  return value;
}

std::optional<bool> parseBoolean(const std::string& text) {
  const std::string lower = lowered(text);
  if (lower == "true" || lower == "yes" || lower == "on") return true;
  if (lower == "false" || lower == "no" || lower == "off") return false;
  return std::nullopt;
}

}  // namespace sweeplab
