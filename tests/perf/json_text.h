// A JSON string literal for the benchmarks' hand-written JSON output.
#pragma once

#include <string>

inline std::string jsonQuoted(const std::string& text) {
  std::string out = "\"";
  for (char c : text) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  return out + "\"";
}
