// run.json and the run's summary derived from it and the trial records; folders of older
// versions (summary.json alone) read as that file says.
#include <sys/stat.h>

#include <algorithm>
#include <filesystem>

#include "json_object_reader.h"
#include "sweeplab/run_folder.h"

namespace sweeplab {
namespace {

constexpr int kRunRecordFormatVersion = 1;

bool exists(const std::string& path) {
  struct stat info {};
  return ::stat(path.c_str(), &info) == 0;
}

bool isFolder(const std::string& path) {
  struct stat info {};
  return ::stat(path.c_str(), &info) == 0 && S_ISDIR(info.st_mode);
}

Json trialHeaderToJson(const TrialSummary& trial) {
  Json swept = Json::object();
  for (const auto& [key, value] : trial.swept) swept[key] = value;
  return Json{{"index", trial.index},   {"label", trial.label}, {"swept", swept},
              {"repeat", trial.repeat}, {"seed", trial.seed},   {"model", trial.model},
              {"folder", trial.folder}};
}

// The sweep of an older version's folder: one writer for every trial, and no per-trial end
// times, so the file's own finished_at stands.
RunSummary readLegacySummary(const std::string& runDir, const WriterAlive& alive) {
  const std::string path = runDir + "/" + kSummaryFileName;
  RunSummary summary = runSummaryFromJson(readRecordFile(path), path);
  const TrialWriter writer = runOwner(summary);
  if (!summary.finished_at.empty() || summary.writer_pid <= 0 || alive(writer)) return summary;
  for (TrialSummary& trial : summary.trials) {
    if (trial.status != TrialStatus::Running) continue;
    trial.status = TrialStatus::Interrupted;
    if (trial.message.empty())
      trial.message = "interrupted: the process running the sweep ended before the trial did";
  }
  return summary;
}

void deriveFinishedAt(RunSummary& summary) {
  summary.finished_at.clear();
  std::string last;
  for (const TrialSummary& trial : summary.trials) {
    if (!trialHasEnded(trial.status)) return;
    last = std::max(last, trial.finished_at);
  }
  summary.finished_at = last.empty() ? summary.started_at : last;
}

}  // namespace

TrialWriter runOwner(const RunSummary& run) {
  TrialWriter owner;
  owner.host = run.writer_host;
  owner.pid = run.writer_pid;
  return owner;
}

bool trialHasEnded(TrialStatus status) {
  return status != TrialStatus::Queued && status != TrialStatus::Running &&
         status != TrialStatus::Interrupted;
}

void applyWriterLiveness(RunSummary& summary, const WriterAlive& alive) {
  for (TrialSummary& trial : summary.trials) {
    if (trial.status != TrialStatus::Running || alive(trial.writer)) continue;
    trial.status = TrialStatus::Interrupted;
    if (trial.message.empty())
      trial.message = "interrupted: the process training it ended before the trial did";
  }
  deriveFinishedAt(summary);
}

std::string derivedRunStatus(const RunSummary& summary, const WriterAlive& alive) {
  const auto any = [&](TrialStatus status) {
    return std::any_of(summary.trials.begin(), summary.trials.end(),
                       [&](const TrialSummary& trial) { return trial.status == status; });
  };
  const bool ended = std::all_of(summary.trials.begin(), summary.trials.end(),
                                 [](const TrialSummary& t) { return trialHasEnded(t.status); });
  if (ended) {
    // A pruned trial ended as its study meant it to; only failed, diverged or stopped trials
    // leave a run incomplete.
    const bool allFinished =
        std::all_of(summary.trials.begin(), summary.trials.end(), [](const TrialSummary& t) {
          return t.status == TrialStatus::Finished || t.status == TrialStatus::Pruned;
        });
    return allFinished ? "finished" : "incomplete";
  }
  for (const TrialSummary& trial : summary.trials)
    if (trial.status == TrialStatus::Running && !alive(trial.writer)) return "interrupted";
  if (any(TrialStatus::Running)) return "running";
  if (any(TrialStatus::Interrupted)) return "interrupted";
  // Only queued trials are left: they go on while the run's owner does (or, on a cluster, while
  // the scheduler holds them; an owner on another host is taken as alive).
  const TrialWriter owner = runOwner(summary);
  return summary.writer_pid > 0 && !alive(owner) ? "interrupted" : "running";
}

void writeRunRecord(const std::string& runDir, const RunSummary& run) {
  Json trials = Json::array();
  for (const TrialSummary& trial : run.trials) trials.push_back(trialHeaderToJson(trial));
  Json json{{"format_version", kRunRecordFormatVersion}};
  json.update(runFieldsToJson(run));
  json["owner"] = Json{{"host", run.writer_host}, {"pid", run.writer_pid}};
  json["trials"] = trials;
  writeFileAtomically(runDir + "/" + kRunRecordFileName, jsonFileText(json));
}

bool hasRunRecord(const std::string& runDir) {
  return exists(runDir + "/" + kRunRecordFileName);
}

RunSummary readRunRecord(const std::string& runDir) {
  const std::string path = runDir + "/" + kRunRecordFileName;
  const Json json = parseJsonFile(readRecordFile(path), path);
  try {
    const ObjectReader in(json, "");
    checkFormatVersion(in, kRunRecordFormatVersion);
    RunSummary run;
    runFieldsFromJson(in, run);
    if (const Json* owner = in.find("owner")) {
      const ObjectReader ownerIn(*owner, "owner");
      ownerIn.read("host", run.writer_host);
      ownerIn.read("pid", run.writer_pid);
    }
    const Json* trials = in.find("trials");
    if (!trials || !trials->is_array()) in.fail("trials", "expected a list of trials");
    for (std::size_t i = 0; i < trials->size(); ++i) {
      TrialSummary trial = trialSummaryFromJson((*trials)[i], "trials[" + std::to_string(i) + "]");
      trial.status = TrialStatus::Queued;
      run.trials.push_back(std::move(trial));
    }
    return run;
  } catch (const InputError& error) {
    throw InputError(path + ": " + error.what());
  }
}

void removeLeftoverTemporaryFiles(const std::string& runDir) {
  namespace fs = std::filesystem;
  std::error_code error;
  for (fs::recursive_directory_iterator it(runDir, error), end; !error && it != end;
       it.increment(error)) {
    const std::string name = it->path().filename().string();
    if (name.size() > 1 && name[0] == '.' && name.find(".tmp-") != std::string::npos)
      fs::remove(it->path(), error);
  }
}

void tidyEndedRunFolder(const std::string& runDir) {
  if (!hasRunRecord(runDir)) return;  // an older version's folder: its summary.json is the record
  removeLeftoverTemporaryFiles(runDir);
  writeRunSummary(runDir, readRunSummary(runDir));
}

RunSummary readRunSummary(const std::string& runDir, const WriterAlive& alive) {
  if (!exists(runDir)) throw InputError(runDir + ": no such folder");
  if (!isFolder(runDir)) throw InputError(runDir + ": not a folder (expected a run folder)");
  if (!hasRunRecord(runDir)) {
    if (!exists(runDir + "/" + kSummaryFileName))
      throw InputError(runDir + ": no " + kSummaryFileName + " (is this a Sweeplab run folder?)");
    return readLegacySummary(runDir, alive);
  }
  RunSummary run = readRunRecord(runDir);
  for (TrialSummary& trial : run.trials)
    if (std::optional<TrialSummary> record = readTrialRecord(runDir, trial)) trial = *record;
  applyWriterLiveness(run, alive);
  return run;
}

}  // namespace sweeplab
