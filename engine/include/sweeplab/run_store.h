// The run history: one SQLite database (WAL, so the CLI and the GUI can write it at the same
// time) with every experiment, its trials, their full configs, metric points, summaries and the
// paths of their files. It is an index of run folders: the folder is the record, and the process
// that owns the store fills it from the folder (indexRunFolder), never a compute node (SQLite
// over a network filesystem is unsafe). Checkpoints stay files in the run folder.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "sweeplab/errors.h"
#include "sweeplab/metrics.h"
#include "sweeplab/run_folder.h"

namespace sweeplab {

// The store could not be opened, read or written. busy(): another process held the database
// for longer than the busy timeout, so trying again later can succeed.
class StoreError : public InputError {
 public:
  explicit StoreError(const std::string& message, bool busy = false)
      : InputError(message), busy_(busy) {}
  bool busy() const { return busy_; }

 private:
  bool busy_;
};

inline constexpr int kStoreSchemaVersion = 6;
inline constexpr int kStoreBusyTimeoutMs = 15000;

// An experiment as the history lists it.
struct StoredExperiment {
  long long id = 0;
  std::string name;
  std::string started_at;   // ISO 8601, UTC
  std::string finished_at;  // empty while running or when the process died
  // running, finished (every trial finished), incomplete (some trial did not finish) or
  // interrupted (a trial's process, or the run's owner while trials wait, ended first); derived
  // from the trial records (derivedRunStatus), also as the store is read.
  std::string status;
  std::string run_dir;      // empty when no run folder was written
  std::string source_file;  // the experiment file it was started from
  std::string config_yaml;  // the experiment as run, every key
  std::string device;
  std::string dataset;
  std::string note;
  std::vector<std::string> models;          // distinct models of its trials
  std::vector<std::string> trial_statuses;  // distinct statuses of its trials
  int trial_count = 0;
};

// A trial row: its summary (as summary.json holds it), config and the times it ran.
struct StoredTrial {
  long long id = 0;
  long long experiment_id = 0;
  TrialSummary summary;
  std::string config_yaml;         // the experiment with this trial's swept values and seed
  std::string started_at;          // ISO 8601, UTC; empty for a trial that never started
  double started_unix = kNoValue;  // seconds since 1970, for exports that want absolute times
  std::string note;
};

struct StoredArtifact {
  std::string kind;  // metrics-csv, checkpoint-best, checkpoint-last, state-dict, tensorboard-csv
  std::string path;  // absolute
};

// Filters of the history; empty fields match everything. Text filters match a part of the
// value, ignoring case.
struct HistoryFilter {
  std::string name;
  std::string model;
  std::string dataset;
  std::string status;  // the experiment's status or the status of any of its trials
  std::string since;   // started at or after this date/time ("2026-01-31" or ISO 8601)
  std::string until;   // started before this date/time
  int limit = 0;       // newest first; 0: no limit
};

// What is known about a sweep when it starts.
struct ExperimentRecord {
  std::string name;
  std::string started_at;
  std::string run_dir;
  std::string source_file;
  std::string config_yaml;
  std::string device;
  std::string dataset;
};

class RunStore {
 public:
  // Opens the database at `path`, creating it (and its folder) when `create` is set, switches it
  // to WAL and migrates an older schema to the current one. Throws StoreError.
  explicit RunStore(const std::string& path, bool create = true);
  ~RunStore();
  RunStore(RunStore&&) noexcept;
  RunStore& operator=(RunStore&&) noexcept;

  const std::string& path() const;
  int schemaVersion() const;

  // Runs `writes` in one transaction (BEGIN IMMEDIATE ... COMMIT); nested calls join it.
  template <typename Writes>
  void transaction(Writes&& writes) {
    begin();
    try {
      writes();
    } catch (...) {
      rollback();
      throw;
    }
    commit();
  }

  // Indexes the run folder `runDir` (idempotent upsert): the experiment recorded for it (added
  // when there is none), its run-level fields and status from run.json and the trial records,
  // each trial's row, its metric points from metrics.csv (replacing whatever was streamed) and
  // its files. `onlyTrial` >= 0 indexes that trial alone (and the run's status). `alive` decides
  // whether a running trial's writer still trains it. Returns the experiment's id. Throws
  // StoreError, also for a folder that cannot be read (naming the file).
  long long indexRunFolder(const std::string& runDir, int onlyTrial = -1,
                           const WriterAlive& alive = writerLooksAlive);
  // One trial of a folder indexed already, from its record alone (`header`: its index and
  // folder as run.json has them): the row, its points and files; the run's row is left as it
  // is. A trial's end costs this, not a read of every record of the run. A folder not indexed
  // yet is indexed in full, as indexRunFolder(runDir) does. Throws StoreError.
  long long indexRunFolderTrial(const std::string& runDir, const TrialSummary& header);

  // Writing rows directly: runs without a run folder, and the live points of a running trial.
  // The writer's process id and host are kept so that a run whose process died shows as
  // interrupted rather than running forever.
  long long addExperiment(const ExperimentRecord& record);
  // Inserts or updates the trial with this summary's index; returns its id.
  long long saveTrial(long long experimentId, const TrialSummary& summary);
  void setTrialStart(long long trialId, const std::string& configYaml, const std::string& startedAt,
                     double startedUnix);
  void addMetricPoints(long long trialId, const std::vector<MetricPoint>& points);
  void addArtifact(long long trialId, const StoredArtifact& artifact);
  // The run-level fields of `summary`, every trial of it, and the experiment's status.
  void recordRun(long long experimentId, const RunSummary& summary, const std::string& status);
  // recordRun of a sweep that ended (finished or incomplete). The finish time is the summary's
  // finished_at, or `finishedAt` when the summary has none.
  void finishExperiment(long long experimentId, const RunSummary& summary,
                        const std::string& finishedAt);
  // The newest experiment recorded for a run folder (0 when none). `runDir` may be relative or
  // reach the folder through a link.
  long long experimentForRunDir(const std::string& runDir) const;
  // Forgets the metric points and files of a trial that starts again from its first step.
  void clearTrialResults(long long trialId);
  long long metricPointCount(long long trialId) const;
  void renameExperiment(long long experimentId, const std::string& name);
  void setExperimentNote(long long experimentId, const std::string& note);
  void deleteExperiment(long long experimentId);  // rows only; see deleteExperimentFiles

  // Reading.
  std::vector<StoredExperiment> experiments(const HistoryFilter& filter = {}) const;
  StoredExperiment experiment(long long experimentId) const;  // throws StoreError when absent
  std::vector<StoredTrial> trials(long long experimentId) const;
  std::vector<StoredArtifact> artifacts(long long trialId) const;
  std::vector<MetricPoint> metricPoints(long long trialId) const;
  // The run as summary.json holds it, rebuilt from the store.
  RunSummary runSummary(long long experimentId) const;

 private:
  // A trial's points, files, config and start time from its folder (indexRunFolder).
  void indexTrialFiles(long long experimentId, const std::string& runDir, const TrialSummary& trial,
                       bool replacePoints, const std::function<std::string(int)>& configOf);
  void begin();
  void commit();
  void rollback();
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// Where the history lives: SWEEPLAB_STORE when set, else `setting` when not empty, else
// $XDG_DATA_HOME/sweeplab/runs.sqlite (~/.local/share/... when XDG_DATA_HOME is unset).
// `option` (the CLI's --store) wins over all of them. "none" (any of them) disables the store:
// the result is then empty.
std::string resolveStorePath(const std::string& option = "", const std::string& setting = "");
std::string defaultStorePath();  // the XDG location alone

// Removes the experiment's run folder from disk (after the caller asked the person), then its
// rows. Refuses folders that do not look like a Sweeplab run folder (no summary.json or
// experiment.yaml in it). Throws StoreError naming the folder when it cannot be removed.
void deleteExperimentWithFiles(RunStore& store, long long experimentId);

// Opens the store at `storePath` and indexes `runDir` into it; for callers that open a run
// folder and keep going without the store. Returns "" or a warning to show (the store is busy,
// unreadable, ...). Does nothing for an empty path (the store is turned off).
std::string indexRunFolderInStore(const std::string& storePath, const std::string& runDir);

}  // namespace sweeplab
