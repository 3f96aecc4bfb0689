// `key=value` overrides from the command line or a form, through the same setters files use.
#include <algorithm>

#include "spec/did_you_mean.h"
#include "spec/validation.h"
#include "sweeplab/experiment_io.h"

namespace sweeplab {
namespace {

std::string trimmed(const std::string& text) {
  const size_t begin = text.find_first_not_of(" \t");
  if (begin == std::string::npos) return {};
  return text.substr(begin, text.find_last_not_of(" \t") - begin + 1);
}

// "[64, 128]" or "64,128" -> {"64", "128"}.
std::vector<std::string> listValues(const std::string& value) {
  std::string inner = trimmed(value);
  if (!inner.empty() && inner.front() == '[' && inner.back() == ']')
    inner = inner.substr(1, inner.size() - 2);
  std::vector<std::string> values;
  size_t begin = 0;
  while (begin <= inner.size()) {
    const size_t comma = std::min(inner.find(',', begin), inner.size());
    const std::string item = trimmed(inner.substr(begin, comma - begin));
    if (!item.empty()) values.push_back(item);
    begin = comma + 1;
  }
  return values;
}

// `sweep.KEY=[a, b]` sets (or replaces) the swept values of KEY; each is checked as KEY's value.
void applySweepOverride(ExperimentSpec& spec, const std::string& key, const std::string& value,
                        const std::string& origin) {
  const std::string sweptKey = key.substr(std::string("sweep.").size());
  const std::vector<std::string> values = listValues(value);
  if (values.empty())
    throw SpecError(origin, 0, 0, key,
                    "expected a list of values such as [64, 128], got '" + value + "'");
  ExperimentSpec probe = spec;
  for (const std::string& item : values) applyOverride(probe, sweptKey, item, origin);
  for (SweepAxis& axis : spec.sweep) {
    if (axis.key == sweptKey) {
      axis.values = values;
      return;
    }
  }
  spec.sweep.push_back({sweptKey, values});
}

}  // namespace

void applyOverride(ExperimentSpec& spec, const std::string& key, const std::string& value,
                   const std::string& origin) {
  if (key.rfind("sweep.", 0) == 0) return applySweepOverride(spec, key, value, origin);
  const KeyDef* def = findKeyDef(key);
  if (!def) {
    std::vector<std::string> keys;
    for (const auto& info : experimentKeys()) keys.push_back(info.key);
    throw SpecError(origin, 0, 0, key,
                    "unknown key" + didYouMean(key, keys) +
                        " (keys are dotted paths such as training.batch_size)");
  }
  try {
    applyValueText(spec, *def, value);
  } catch (const ValueError& error) {
    throw SpecError(origin, 0, 0, key, error.problem);
  }
}

}  // namespace sweeplab
