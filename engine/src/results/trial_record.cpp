// trial.json: a trial's record, written only by the process training it, and who that process
// is, so that a reader on any machine tells a trial in training from one whose process is gone.
#include <signal.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <filesystem>

#include "json_object_reader.h"
#include "sweeplab/run_folder.h"

namespace sweeplab {
namespace fs = std::filesystem;
namespace {

constexpr int kTrialRecordFormatVersion = 1;

std::string environment(const char* name) {
  const char* value = std::getenv(name);
  return value ? value : "";
}

// A trial folder comes from run.json, which a person may edit: keep it inside the run.
void checkTrialFolder(const std::string& runDir, const std::string& folder) {
  const fs::path path(folder);
  bool escapes = folder.empty() || path.is_absolute();
  for (const fs::path& part : path) escapes = escapes || part == "..";
  if (escapes)
    throw InputError(runDir + "/" + kRunRecordFileName + ": trial folder '" + folder +
                     "' is not a folder inside the run folder");
}

}  // namespace

std::string currentHost() {
  char name[256] = {};
  if (gethostname(name, sizeof name - 1) != 0) return "";
  return name;
}

long long currentProcessId() {
  return static_cast<long long>(getpid());
}

TrialWriter currentTrialWriter() {
  TrialWriter writer;
  writer.host = currentHost();
  writer.pid = currentProcessId();
  writer.slurm_job_id = environment("SLURM_JOB_ID");
  writer.slurm_array_job_id = environment("SLURM_ARRAY_JOB_ID");
  writer.slurm_array_task_id = environment("SLURM_ARRAY_TASK_ID");
  writer.slurm_restart_count = environment("SLURM_RESTART_COUNT");
  return writer;
}

bool writerLooksAlive(const TrialWriter& writer) {
  if (writer.pid <= 0 || writer.host != currentHost()) return true;
  if (writer.pid == currentProcessId()) return true;
  return !(::kill(static_cast<pid_t>(writer.pid), 0) != 0 && errno == ESRCH);
}

void writeTrialRecord(const std::string& runDir, const TrialSummary& trial) {
  checkTrialFolder(runDir, trial.folder);
  Json json{{"format_version", kTrialRecordFormatVersion}};
  json.update(trialSummaryToJson(trial));
  writeFileAtomically(runDir + "/" + trial.folder + "/" + kTrialRecordFileName, jsonFileText(json));
}

std::optional<TrialSummary> readTrialRecord(const std::string& runDir, const TrialSummary& header) {
  checkTrialFolder(runDir, header.folder);
  const std::string path = runDir + "/" + header.folder + "/" + kTrialRecordFileName;
  std::error_code error;
  if (!fs::exists(path, error)) return std::nullopt;
  const Json json = parseJsonFile(readRecordFile(path), path);
  TrialSummary trial;
  try {
    const ObjectReader in(json, "");
    checkFormatVersion(in, kTrialRecordFormatVersion);
    trial = trialSummaryFromJson(json, "");
  } catch (const InputError& error) {
    throw InputError(path + ": " + error.what());
  }
  if (trial.index != header.index)
    throw InputError(path + ": the record is of trial " + std::to_string(trial.index) +
                     ", but run.json has trial " + std::to_string(header.index) +
                     " in this folder; move the folder back or start a new run");
  trial.folder = header.folder;
  return trial;
}

}  // namespace sweeplab
