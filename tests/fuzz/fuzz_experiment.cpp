// Experiment files from anywhere: any text must end in a spec or an InputError, never a crash,
// a hang or an out-of-memory. A spec that loads must expand into trials whose folder names stay
// inside the run folder, and must survive saving and loading again unchanged.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

#include "sweeplab/errors.h"
#include "sweeplab/experiment_io.h"
#include "sweeplab/trial.h"

using namespace sweeplab;

namespace {

void require(bool condition) {
  if (!condition) std::abort();
}

bool safeFolderName(const std::string& name) {
  return !name.empty() && name.find('/') == std::string::npos && name != "." && name != ".." &&
         name.front() != '.';
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  ExperimentSpec spec;
  try {
    spec = loadExperimentText(text, "fuzz.yaml");
  } catch (const InputError&) {
    return 0;
  }
  std::vector<TrialSpec> trials;
  try {
    trials = expandTrials(spec);
  } catch (const InputError&) {
    std::abort();  // loading validated the sweep; expanding it must not find new problems
  }
  for (const TrialSpec& trial : trials) {
    require(safeFolderName(trial.folderName()));
    require(!trial.label().empty());
  }
  const std::string saved = saveExperimentYaml(spec);
  ExperimentSpec again;
  try {
    again = loadExperimentText(saved, "saved.yaml");
  } catch (const InputError&) {
    std::abort();  // what Sweeplab writes, Sweeplab must read
  }
  require(again == spec);
  return 0;
}
