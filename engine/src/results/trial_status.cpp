// Names of trial states as they appear in summary.json, tables and the command line.
#include <array>
#include <utility>

#include "sweeplab/errors.h"
#include "sweeplab/metrics.h"

namespace sweeplab {
namespace {

constexpr std::array<std::pair<TrialStatus, const char*>, 8> kStatusNames = {{
    {TrialStatus::Queued, "queued"},
    {TrialStatus::Running, "running"},
    {TrialStatus::Finished, "finished"},
    {TrialStatus::Stopped, "stopped"},
    {TrialStatus::Diverged, "diverged"},
    {TrialStatus::Failed, "failed"},
    {TrialStatus::Interrupted, "interrupted"},
    {TrialStatus::Pruned, "pruned"},
}};

}  // namespace

const char* toString(TrialStatus status) {
  for (const auto& [value, name] : kStatusNames) {
    if (value == status) return name;
  }
  return "unknown";
}

TrialStatus trialStatusFromString(const std::string& text) {
  std::string allowed;
  for (const auto& [value, name] : kStatusNames) {
    if (text == name) return value;
    allowed += allowed.empty() ? name : std::string(", ") + name;
  }
  throw InputError("unknown trial status '" + text + "' (allowed: " + allowed + ")");
}

}  // namespace sweeplab
