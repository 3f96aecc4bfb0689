// Reading the store back: the history list with its filters, trials, points and a run summary
// equal to the summary.json the run folder holds.
#include <algorithm>
#include <cctype>

#include <nlohmann/json.hpp>

#include "store/run_store_impl.h"
#include "store/trial_columns.h"
#include "sweeplab/run_store.h"

namespace sweeplab {
using store::Statement;
namespace {

std::string lowered(std::string text) {
  for (char& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return text;
}

std::vector<std::string> distinctTexts(store::SqliteDb& db, const char* sql, long long id) {
  Statement query(db, sql);
  query.bind(1, id);
  std::vector<std::string> values;
  while (query.step()) values.push_back(query.text(0));
  return values;
}

// "2026-01-31" compares before every time of that day in ISO 8601 text; a date alone as the
// upper bound means the whole day, so it is taken as the next day's start ("2026-01-31~").
std::string untilBound(const std::string& until) {
  return until.size() == 10 ? until + "~" : until;
}

// A running trial whose writer is gone reads as interrupted, as readRunSummary reads its folder.
void applyLiveness(TrialSummary& trial) {
  if (trial.status != TrialStatus::Running || writerLooksAlive(trial.writer)) return;
  trial.status = TrialStatus::Interrupted;
  if (trial.message.empty())
    trial.message = "interrupted: the process training it ended before the trial did";
}

// A run recorded as running may have lost its processes since: its state derives again from
// its trial rows (their writers) and its owner, as readRunSummary derives a folder's.
std::string currentStatus(store::SqliteDb& db, long long id, const std::string& host,
                          long long pid) {
  RunSummary run;
  run.writer_host = host;
  run.writer_pid = pid;
  Statement query(db, "SELECT status, writer_json FROM trials WHERE experiment_id = ?1");
  query.bind(1, id);
  while (query.step()) {
    TrialSummary trial;
    try {
      trial.status = trialStatusFromString(query.text(0));
    } catch (const InputError&) {
      trial.status = TrialStatus::Interrupted;
    }
    const nlohmann::json writer = nlohmann::json::parse(query.text(1), nullptr, false);
    if (writer.is_object()) {
      trial.writer.host = writer.value("host", std::string());
      trial.writer.pid = writer.value("pid", 0LL);
    }
    run.trials.push_back(std::move(trial));
  }
  if (run.trials.empty())
    return pid > 0 && !writerLooksAlive(runOwner(run)) ? "interrupted" : "running";
  return derivedRunStatus(run);
}

constexpr const char* kExperimentColumns =
    "id, name, started_at, finished_at, status, run_dir, source_file, config_yaml, device,"
    " dataset, note, writer_host, writer_pid";

StoredExperiment experimentFromRow(store::SqliteDb& db, const Statement& row) {
  StoredExperiment e;
  e.id = row.integer(0);
  e.name = row.text(1);
  e.started_at = row.text(2);
  e.finished_at = row.text(3);
  e.status = row.text(4);
  e.run_dir = row.text(5);
  e.source_file = row.text(6);
  e.config_yaml = row.text(7);
  e.device = row.text(8);
  e.dataset = row.text(9);
  e.note = row.text(10);
  if (e.status == "running") e.status = currentStatus(db, e.id, row.text(11), row.integer(12));
  e.models = distinctTexts(
      db, "SELECT DISTINCT model FROM trials WHERE experiment_id = ?1 AND model != '' ORDER BY 1",
      e.id);
  e.trial_statuses = distinctTexts(
      db, "SELECT DISTINCT status FROM trials WHERE experiment_id = ?1 ORDER BY 1", e.id);
  if (e.status == "interrupted") {
    for (std::string& status : e.trial_statuses)
      if (status == "running") status = "interrupted";
  }
  Statement count(db, "SELECT COUNT(*) FROM trials WHERE experiment_id = ?1");
  count.bind(1, e.id);
  e.trial_count = count.step() ? static_cast<int>(count.integer(0)) : 0;
  return e;
}

bool matchesStatus(const StoredExperiment& e, const std::string& status) {
  if (status.empty() || lowered(e.status) == lowered(status)) return true;
  return std::any_of(e.trial_statuses.begin(), e.trial_statuses.end(),
                     [&](const std::string& s) { return lowered(s) == lowered(status); });
}

}  // namespace

std::vector<StoredExperiment> RunStore::experiments(const HistoryFilter& filter) const {
  store::SqliteDb& db = impl_->db;
  const std::string sql =
      std::string("SELECT ") + kExperimentColumns +
      " FROM experiments e WHERE (?1 = '' OR instr(lower(e.name), lower(?1)) > 0)"
      " AND (?2 = '' OR EXISTS (SELECT 1 FROM trials t WHERE t.experiment_id = e.id"
      "      AND instr(lower(t.model), lower(?2)) > 0))"
      " AND (?3 = '' OR instr(lower(e.dataset), lower(?3)) > 0)"
      " AND (?4 = '' OR e.started_at >= ?4) AND (?5 = '' OR e.started_at < ?5)"
      " ORDER BY e.started_at DESC, e.id DESC";
  Statement query(db, sql.c_str());
  query.bind(1, filter.name)
      .bind(2, filter.model)
      .bind(3, filter.dataset)
      .bind(4, filter.since)
      .bind(5, filter.until.empty() ? "" : untilBound(filter.until));
  std::vector<StoredExperiment> found;
  while (query.step()) {
    StoredExperiment e = experimentFromRow(db, query);
    if (!matchesStatus(e, filter.status)) continue;
    found.push_back(std::move(e));
    if (filter.limit > 0 && static_cast<int>(found.size()) >= filter.limit) break;
  }
  return found;
}

StoredExperiment RunStore::experiment(long long experimentId) const {
  const std::string sql =
      std::string("SELECT ") + kExperimentColumns + " FROM experiments WHERE id = ?1";
  Statement query(impl_->db, sql.c_str());
  query.bind(1, experimentId);
  if (!query.step())
    throw StoreError(path() + ": no experiment #" + std::to_string(experimentId) +
                     " in the run store (see 'sweeplab-cli history')");
  return experimentFromRow(impl_->db, query);
}

std::vector<StoredTrial> RunStore::trials(long long experimentId) const {
  const std::string sql = std::string("SELECT id, config_yaml, started_at, started_unix, note, ") +
                          store::trialSummaryColumns() +
                          " FROM trials WHERE experiment_id = ?1 ORDER BY trial_index";
  Statement query(impl_->db, sql.c_str());
  query.bind(1, experimentId);
  std::vector<StoredTrial> found;
  while (query.step()) {
    StoredTrial trial;
    trial.id = query.integer(0);
    trial.experiment_id = experimentId;
    trial.config_yaml = query.text(1);
    trial.started_at = query.text(2);
    trial.started_unix = query.real(3);
    trial.note = query.text(4);
    trial.summary = store::trialSummaryFromRow(query, 5);
    applyLiveness(trial.summary);
    found.push_back(std::move(trial));
  }
  return found;
}

std::vector<StoredArtifact> RunStore::artifacts(long long trialId) const {
  Statement query(impl_->db,
                  "SELECT kind, path FROM artifacts WHERE trial_id = ?1 ORDER BY kind, path");
  query.bind(1, trialId);
  std::vector<StoredArtifact> found;
  while (query.step()) found.push_back({query.text(0), query.text(1)});
  return found;
}

std::vector<MetricPoint> RunStore::metricPoints(long long trialId) const {
  Statement query(impl_->db,
                  "SELECT name, step, epoch, samples, wall_seconds, value FROM metric_points"
                  " WHERE trial_id = ?1 ORDER BY id");
  query.bind(1, trialId);
  std::vector<MetricPoint> points;
  while (query.step()) {
    points.push_back({query.text(0), query.integer(1), query.real(2), query.integer(3),
                      query.real(4), query.real(5)});
  }
  return points;
}

RunSummary RunStore::runSummary(long long experimentId) const {
  const StoredExperiment e = experiment(experimentId);
  Statement query(impl_->db,
                  "SELECT experiment_file, dataset_fingerprint, sweeplab_version,"
                  " libtorch_version, cpu_model, cpu_threads, parallel_trials,"
                  " threads_per_trial, dataset_source, dataset_content_hash, train_rows,"
                  " val_rows, test_rows, writer_host, writer_pid, class_names_json"
                  " FROM experiments WHERE id = ?1");
  query.bind(1, experimentId);
  query.step();
  RunSummary summary;
  summary.experiment_name = e.name;
  summary.experiment_file = query.text(0);
  summary.source_file = e.source_file;
  summary.started_at = e.started_at;
  summary.device = e.device;
  summary.dataset = e.dataset;
  summary.dataset_fingerprint = query.text(1);
  summary.sweeplab_version = query.text(2);
  summary.libtorch_version = query.text(3);
  summary.cpu_model = query.text(4);
  summary.cpu_threads = static_cast<int>(query.integer(5));
  summary.parallel_trials = static_cast<int>(query.integer(6));
  summary.threads_per_trial = static_cast<int>(query.integer(7));
  summary.dataset_source = query.text(8);
  summary.dataset_content_hash = query.text(9);
  summary.train_rows = query.integer(10);
  summary.val_rows = query.integer(11);
  summary.test_rows = query.integer(12);
  summary.writer_host = query.text(13);
  summary.writer_pid = query.integer(14);
  store::listFromJson(query.text(15), summary.class_names);
  summary.finished_at = e.finished_at;
  for (StoredTrial& trial : trials(experimentId))
    summary.trials.push_back(std::move(trial.summary));
  return summary;
}

}  // namespace sweeplab
