// What a run folder remembers of its Slurm jobs: slurm/submissions.json, written only by the
// process that submits (the person's CLI or window), never by the array tasks. It says which
// array task of which job trains which trials, and how the Slurm commands are reached, so
// that status, cancel and resume work on the folder alone.
#pragma once

#include <string>
#include <vector>

#include "sweeplab/cluster/slurm_settings.h"

namespace sweeplab {

inline constexpr const char* kClusterFolderName = "slurm";
inline constexpr const char* kSubmissionsFileName = "submissions.json";

struct SlurmSubmission {
  std::string job_id;                   // the array job's id, as sbatch --parsable printed it
  std::string script;                   // relative to the run folder: slurm/job-1.sh
  std::string submitted_at;             // ISO 8601, UTC
  std::vector<std::vector<int>> packs;  // trial indices (0-based) of each array task
};

struct ClusterRecord {
  SlurmSettings settings;                    // of the latest submission; resume starts from them
  std::vector<SlurmSubmission> submissions;  // oldest first

  bool empty() const { return submissions.empty(); }
  // The newest submission whose array holds `trial`, and its task index; nullptr when none.
  const SlurmSubmission* latestFor(int trial, int* task = nullptr) const;
};

// True when the folder has been submitted to Slurm.
bool isClusterRun(const std::string& runDir);
// Throws InputError naming the file when it is not a submissions record.
ClusterRecord readClusterRecord(const std::string& runDir);
void writeClusterRecord(const std::string& runDir, const ClusterRecord& record);

}  // namespace sweeplab
