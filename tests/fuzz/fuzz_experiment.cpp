// Experiment files from anywhere: any text must end in a spec or an InputError, never a crash,
// a hang or an out-of-memory. A spec that loads must expand into trials whose folder names stay
// inside the run folder, and must survive saving and loading again unchanged.
//
// Grids above kMostTrialsExpanded are loaded, validated and saved but not expanded: every trial
// goes through the same code, and expanding sweeps near the 100,000-trial limit (allowed, and
// tested in tst_trial_expansion) made the fuzzer ten times slower and 1 GB large. A hundred trials
// still reach three-digit folder numbers and every combination of two axes.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "fuzz_require.h"
#include "sweeplab/errors.h"
#include "sweeplab/experiment_io.h"
#include "sweeplab/trial.h"

using namespace sweeplab;

namespace {

constexpr long long kMostTrialsExpanded = 100;

long long gridSize(const ExperimentSpec& spec) {
  long long trials = spec.repeats;
  for (const SweepAxis& axis : spec.sweep) trials *= static_cast<long long>(axis.values.size());
  return trials;
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
    if (gridSize(spec) <= kMostTrialsExpanded) trials = expandTrials(spec);
  } catch (const InputError& error) {
    // Loading validated the sweep; expanding it must not find new problems.
    std::fprintf(stderr, "%s\n", error.what());
    require(false, "a spec that loads expands into trials");
  }
  for (const TrialSpec& trial : trials) {
    require(safeFolderName(trial.folderName()), "safeFolderName(trial.folderName())");
    require(!trial.label().empty(), "!trial.label().empty()");
  }
  const std::string saved = saveExperimentYaml(spec);
  ExperimentSpec again;
  try {
    again = loadExperimentText(saved, "saved.yaml");
  } catch (const InputError& error) {
    std::fprintf(stderr, "%s\n--- saved ---\n%s\n", error.what(), saved.c_str());
    require(false, "what Sweeplab writes, Sweeplab reads");
  }
  if (again != spec) {
    std::fprintf(stderr, "--- saved ---\n%s\n--- saved again ---\n%s\n", saved.c_str(),
                 saveExperimentYaml(again).c_str());
    require(false, "a spec survives saving and loading unchanged");
  }
  return 0;
}
