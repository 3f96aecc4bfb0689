// `key=value` overrides from the command line or a form, through the same setters files use.
#include "spec/did_you_mean.h"
#include "spec/validation.h"
#include "sweeplab/experiment_io.h"

namespace sweeplab {

void applyOverride(ExperimentSpec& spec, const std::string& key, const std::string& value,
                   const std::string& origin) {
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
