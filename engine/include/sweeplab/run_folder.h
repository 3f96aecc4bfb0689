// The files of a run folder. The folder is the record of a run:
//   run.json         the run's facts and its trials' headers; written when the folder is created
//                    and rewritten only by the process that owns the run (the local runner, its
//                    resume)
//   trial-NNN/       one folder per trial, written only by the process training that trial:
//     trial.json     its record: written when it starts (running, its writer) and when it ends
//     metrics.csv    every metric point, rewritten at each epoch's end
//   summary.json     derived from run.json and the trial records, for other tools; written by
//                    the run's owner only (folders of older versions have only this file)
// Writers are atomic (temp file, fsync, rename) so a crash never leaves half a file.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "sweeplab/metrics.h"

namespace sweeplab {

inline constexpr const char* kSummaryFileName = "summary.json";
inline constexpr const char* kExperimentFileName = "experiment.yaml";
inline constexpr const char* kMetricsFileName = "metrics.csv";
inline constexpr const char* kRunRecordFileName = "run.json";
inline constexpr const char* kTrialRecordFileName = "trial.json";
// A dataset cache prepared inside the run folder (for trials trained on other machines).
inline constexpr const char* kRunDatasetCacheFolder = "dataset-cache";

// Temp file, fsync, rename; throws WriteError naming the path, the reason and the remedy.
void writeFileAtomically(const std::string& path, const std::string& content);

std::string runSummaryToJson(const RunSummary& summary);
RunSummary runSummaryFromJson(const std::string& json, const std::string& origin);
// The derived summary.json of a run folder; only the run's owner writes it.
void writeRunSummary(const std::string& runDir, const RunSummary& summary);

// Whether the process that wrote a trial record can still be training it.
using WriterAlive = std::function<bool(const TrialWriter&)>;
// The check a reader on this host can make: a writer on another host (or one not recorded) is
// taken as alive, this very process is alive, and any other is alive while its pid exists. The
// cluster code passes its own predicate, which asks Slurm about other hosts' writers.
bool writerLooksAlive(const TrialWriter& writer);

// The run as its records tell it: run.json with every trial.json (a trial without one is
// queued; a running trial whose writer `alive` says is gone reads as interrupted; finished_at
// is the last trial's end once every trial has ended). A folder of an older version, with only
// summary.json, reads as that file says, its running trials interrupted when the process that
// wrote it is gone. Throws InputError naming the file and the field that is wrong.
RunSummary readRunSummary(const std::string& runDir, const WriterAlive& alive = writerLooksAlive);
// Running trials whose writer is gone become interrupted; then finished_at is derived again.
void applyWriterLiveness(RunSummary& summary, const WriterAlive& alive);
// A trial that will not change any more without being run again: not queued, running or
// interrupted.
bool trialHasEnded(TrialStatus status);
// The run's state from its trials: finished (every trial finished), incomplete (every trial
// ended, some not finished), running, or interrupted (a trial's writer, or the owner of a run
// with queued trials, is gone).
std::string derivedRunStatus(const RunSummary& summary,
                             const WriterAlive& alive = writerLooksAlive);

// Hidden temporary files of writes that a killed process never renamed; only the run's owner
// removes them, when no other process writes the folder (resume).
void removeLeftoverTemporaryFiles(const std::string& runDir);
// What the owner of a run whose trials have all ended does when it finds nothing to train: the
// derived summary.json brought up to date with the records, no leftover temporary files.
void tidyEndedRunFolder(const std::string& runDir);

// run.json: the run-level fields, the owner (writer_host, writer_pid) and each trial's header
// (index, label, swept, repeat, seed, model, folder). Only the run's owner calls this.
void writeRunRecord(const std::string& runDir, const RunSummary& run);
bool hasRunRecord(const std::string& runDir);
// run.json alone: every trial queued. Throws InputError.
RunSummary readRunRecord(const std::string& runDir);

// The run's owner (writer_host, writer_pid) as a writer, for the same liveness check.
TrialWriter runOwner(const RunSummary& run);
// The process writing trial records here: host, pid and the Slurm job it runs in, if any.
TrialWriter currentTrialWriter();
// <runDir>/<trial.folder>/trial.json, atomically. Only the process training the trial calls it.
void writeTrialRecord(const std::string& runDir, const TrialSummary& trial);
// The trial's record, or nothing when it has none yet (queued). Throws InputError for a broken
// record or one of another trial.
std::optional<TrialSummary> readTrialRecord(const std::string& runDir, const TrialSummary& header);

// The writing process of this host and its id.
std::string currentHost();
long long currentProcessId();

// metrics.csv columns: name,step,epoch,samples,wall_seconds,value
std::string metricsToCsv(const std::vector<MetricPoint>& points);
std::vector<MetricPoint> readTrialMetrics(const std::string& runDir, const TrialSummary& trial);

}  // namespace sweeplab
