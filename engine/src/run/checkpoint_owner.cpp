// findCheckpointOwner: from a checkpoint's place in a run folder to its experiment and trial.
#include <algorithm>
#include <filesystem>

#include "sweeplab/checkpoint_evaluation.h"
#include "sweeplab/errors.h"
#include "sweeplab/experiment_io.h"
#include "sweeplab/run_folder.h"

namespace sweeplab {
namespace fs = std::filesystem;

CheckpointOwner findCheckpointOwner(const std::string& checkpointPath) {
  std::error_code error;
  const fs::path file = fs::absolute(checkpointPath, error).lexically_normal();
  const fs::path trialDir = file.parent_path();
  const fs::path runDir = trialDir.parent_path();
  if (!fs::exists(runDir / kExperimentFileName, error) ||
      !fs::exists(runDir / kSummaryFileName, error))
    throw InputError(checkpointPath +
                     ": not in a trial folder of a run folder (RUNDIR/TRIAL/best.pt), so its "
                     "model and dataset are unknown; name them with --experiment FILE "
                     "[--trial N]");
  CheckpointOwner owner;
  owner.run_dir = runDir.string();
  const RunSummary summary = readRunSummary(owner.run_dir);
  const std::string folder = trialDir.filename().string();
  const TrialSummary* recorded = nullptr;
  for (const TrialSummary& trial : summary.trials)
    if (trial.folder == folder) recorded = &trial;
  if (!recorded)
    throw InputError(checkpointPath + ": its folder '" + folder + "' is not a trial of " +
                     (runDir / kSummaryFileName).string());
  owner.recorded = *recorded;
  owner.dataset_fingerprint = summary.dataset_fingerprint;
  const ExperimentSpec spec = loadExperimentFile((runDir / kExperimentFileName).string());
  // A tpe trial's values are in its record only: they were suggested while the sweep ran.
  if (spec.search.method == SearchMethod::Tpe && !recorded->swept.empty()) {
    const int repeats = std::max(1, spec.repeats);
    owner.trial = trialsOfPoint(spec, recorded->index / repeats, recorded->swept)
                      .at(recorded->index % repeats);
    owner.trial.index = recorded->index;
    return owner;
  }
  const std::vector<TrialSpec> trials = plannedTrials(spec);
  if (recorded->index < 0 || recorded->index >= static_cast<int>(trials.size()))
    throw InputError((runDir / kSummaryFileName).string() + ": trial index " +
                     std::to_string(recorded->index) + " is not a trial of " + kExperimentFileName);
  owner.trial = trials[recorded->index];
  return owner;
}

}  // namespace sweeplab
