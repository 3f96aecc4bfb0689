// The processor's name for reports: results of small-model sweeps depend on the CPU as much as
// on the code, so a report must say which one produced them.
#include <fstream>
#include <string>

#include "sweeplab/runtime_info.h"

namespace sweeplab {

std::string cpuModel() {
  // x86 says "model name"; ARM kernels say "Model" or only "Hardware".
  std::ifstream cpuinfo("/proc/cpuinfo");
  std::string line;
  std::string fallback;
  while (std::getline(cpuinfo, line)) {
    const auto colon = line.find(':');
    if (colon == std::string::npos) continue;
    std::string key = line.substr(0, colon);
    while (!key.empty() && (key.back() == ' ' || key.back() == '\t')) key.pop_back();
    std::string value = line.substr(colon + 1);
    const auto start = value.find_first_not_of(" \t");
    value = start == std::string::npos ? std::string() : value.substr(start);
    if (value.empty()) continue;
    if (key == "model name") return value;
    if ((key == "Model" || key == "Hardware") && fallback.empty()) fallback = value;
  }
  return fallback.empty() ? "unknown" : fallback;
}

}  // namespace sweeplab
