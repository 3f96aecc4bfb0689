// Who writes a run folder, and whether that process is still there: the difference between a
// trial that is running and one whose process was killed or lost its power.
#include <signal.h>
#include <unistd.h>

#include <cerrno>

#include "sweeplab/run_folder.h"

namespace sweeplab {

std::string currentHost() {
  char name[256] = {};
  if (gethostname(name, sizeof name - 1) != 0) return "";
  return name;
}

long long currentProcessId() {
  return static_cast<long long>(getpid());
}

bool runWriterIsGone(const RunSummary& summary) {
  if (!summary.finished_at.empty()) return false;  // ended on its own: nothing is running
  if (summary.writer_pid <= 0) return false;       // written before the writer was recorded
  if (summary.writer_host != currentHost() || summary.writer_pid == currentProcessId())
    return false;
  return ::kill(static_cast<pid_t>(summary.writer_pid), 0) != 0 && errno == ESRCH;
}

void markInterruptedTrials(RunSummary& summary) {
  if (!runWriterIsGone(summary)) return;
  for (TrialSummary& trial : summary.trials) {
    if (trial.status != TrialStatus::Running) continue;
    trial.status = TrialStatus::Interrupted;
    if (trial.message.empty())
      trial.message = "interrupted: the process running the sweep ended before the trial did";
  }
}

}  // namespace sweeplab
