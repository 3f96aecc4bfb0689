// Cancelling a cluster run, or one trial of it: scancel of the array job (or of the task that
// holds the trial), then, once Slurm has ended the tasks, the trials they did not finish are
// recorded as cancelled in their own folders, so the folder says what happened whoever reads
// it next and resume trains them again.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace sweeplab {

struct CancelOutcome {
  std::vector<std::string> cancelled_jobs;  // "123" or "123_4", as given to scancel
  std::vector<int> cancelled_trials;        // indices whose records now say cancelled
};

// `trial`: only the array task holding this trial (0-based index); none: every job of the run.
// Waits until Slurm no longer lists the tasks (at most `waitSeconds`), so no task process can
// write a record after this one. Throws InputError for a folder that is not a cluster run, a
// trial that is in no submission, and scancel's own refusal.
CancelOutcome cancelClusterRun(const std::string& runDir, std::optional<int> trial,
                               const std::string& commandPrefix = "", int waitSeconds = 120);

}  // namespace sweeplab
