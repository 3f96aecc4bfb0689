// Opening the store and every write to it.
#include "sweeplab/run_store.h"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <type_traits>

#include "store/run_store_impl.h"
#include "store/schema.h"
#include "store/trial_columns.h"

namespace sweeplab {
namespace fs = std::filesystem;
using store::Statement;

namespace store {

std::string sweptToJson(const std::vector<std::pair<std::string, std::string>>& swept) {
  nlohmann::json pairs = nlohmann::json::array();
  for (const auto& [key, value] : swept) pairs.push_back({key, value});
  return pairs.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::vector<std::pair<std::string, std::string>> sweptFromJson(const std::string& json) {
  std::vector<std::pair<std::string, std::string>> swept;
  const nlohmann::json pairs = nlohmann::json::parse(json, nullptr, false);
  if (!pairs.is_array()) return swept;
  for (const auto& pair : pairs) {
    if (pair.is_array() && pair.size() == 2 && pair[0].is_string() && pair[1].is_string())
      swept.emplace_back(pair[0].get<std::string>(), pair[1].get<std::string>());
  }
  return swept;
}

namespace {

template <typename T>
std::string anyListToJson(const std::vector<T>& values) {
  nlohmann::json list = nlohmann::json::array();
  for (const T& value : values) {
    if constexpr (std::is_floating_point_v<T>) {
      if (!std::isfinite(value)) {
        list.push_back(nullptr);
        continue;
      }
    }
    list.push_back(value);
  }
  return list.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

template <typename T>
void anyListFromJson(const std::string& json, std::vector<T>& out) {
  out.clear();
  const nlohmann::json list = nlohmann::json::parse(json, nullptr, false);
  if (!list.is_array()) return;
  for (const auto& item : list) {
    if constexpr (std::is_floating_point_v<T>) {
      out.push_back(item.is_number() ? item.get<T>() : kNoValue);
    } else if constexpr (std::is_same_v<T, std::string>) {
      out.push_back(item.is_string() ? item.get<std::string>() : std::string());
    } else {
      out.push_back(item.is_number_integer() ? item.get<T>() : T{});
    }
  }
}

}  // namespace

std::string listToJson(const std::vector<double>& values) {
  return anyListToJson(values);
}
std::string listToJson(const std::vector<long long>& values) {
  return anyListToJson(values);
}
std::string listToJson(const std::vector<int>& values) {
  return anyListToJson(values);
}
std::string listToJson(const std::vector<std::string>& values) {
  return anyListToJson(values);
}
void listFromJson(const std::string& json, std::vector<double>& out) {
  anyListFromJson(json, out);
}
void listFromJson(const std::string& json, std::vector<long long>& out) {
  anyListFromJson(json, out);
}
void listFromJson(const std::string& json, std::vector<int>& out) {
  anyListFromJson(json, out);
}
void listFromJson(const std::string& json, std::vector<std::string>& out) {
  anyListFromJson(json, out);
}

}  // namespace store

RunStore::RunStore(const std::string& path, bool create) {
  if (path.empty()) throw StoreError("the run store needs a file name");
  if (create) {
    std::error_code error;
    const fs::path folder = fs::path(path).parent_path();
    if (!folder.empty()) fs::create_directories(folder, error);
    if (error)
      throw StoreError(path + ": cannot create the run store's folder: " + error.message());
  } else if (!fs::exists(path)) {
    throw StoreError(path + ": no run store here (nothing has been recorded yet)");
  }
  impl_ = std::make_unique<Impl>(path, create);
  store::SqliteDb& db = impl_->db;
  // WAL lets readers work while one writer commits; NORMAL sync is safe with WAL (a crash of
  // the process loses nothing committed; only a power cut may lose the last commits).
  db.useWriteAheadLog();
  db.exec("PRAGMA synchronous = NORMAL");
  db.exec("PRAGMA foreign_keys = ON");
  store::migrateToCurrent(db);
}

RunStore::~RunStore() = default;
RunStore::RunStore(RunStore&&) noexcept = default;
RunStore& RunStore::operator=(RunStore&&) noexcept = default;

const std::string& RunStore::path() const {
  return impl_->db.path();
}

int RunStore::schemaVersion() const {
  return store::schemaVersionOf(impl_->db);
}

void RunStore::begin() {
  if (impl_->transactionDepth++ == 0) impl_->db.exec("BEGIN IMMEDIATE");
}

void RunStore::commit() {
  if (--impl_->transactionDepth == 0) impl_->db.exec("COMMIT");
}

void RunStore::rollback() {
  if (--impl_->transactionDepth == 0)
    sqlite3_exec(impl_->db.handle(), "ROLLBACK", nullptr, nullptr, nullptr);
}

long long RunStore::addExperiment(const ExperimentRecord& record) {
  Statement insert(impl_->db,
                   "INSERT INTO experiments (name, started_at, status, run_dir, source_file,"
                   " config_yaml, device, dataset, writer_host, writer_pid)"
                   " VALUES (?1, ?2, 'running', ?3, ?4, ?5, ?6, ?7, ?8, ?9)");
  insert.bind(1, record.name)
      .bind(2, record.started_at)
      .bind(3, record.run_dir)
      .bind(4, record.source_file)
      .bind(5, record.config_yaml)
      .bind(6, record.device)
      .bind(7, record.dataset)
      .bind(8, currentHost())
      .bind(9, currentProcessId());
  insert.run();
  return impl_->db.lastInsertId();
}

long long RunStore::saveTrial(long long experimentId, const TrialSummary& t) {
  // ?1 is the experiment, ?2 .. the table's fields; an update sets every field but the index.
  const int count = store::trialSummaryColumnCount();
  std::string values = "?1";
  for (int p = 2; p <= count + 1; ++p) values += ", ?" + std::to_string(p);
  std::string updates;
  std::size_t start = 0;
  for (int p = 2; p <= count + 1; ++p) {
    const std::string& columns = store::trialSummaryColumns();
    const std::size_t end = std::min(columns.find(", ", start), columns.size());
    const std::string column = columns.substr(start, end - start);
    start = end + 2;
    if (column == "trial_index") continue;
    updates += (updates.empty() ? "" : ", ") + column + " = ?" + std::to_string(p);
  }
  const std::string sql = "INSERT INTO trials (experiment_id, " + store::trialSummaryColumns() +
                          ") VALUES (" + values +
                          ") ON CONFLICT (experiment_id, trial_index) DO UPDATE SET " + updates;
  Statement upsert(impl_->db, sql.c_str());
  upsert.bind(1, experimentId);
  store::bindTrialSummary(upsert, 2, t);
  upsert.run();
  Statement id(impl_->db, "SELECT id FROM trials WHERE experiment_id = ?1 AND trial_index = ?2");
  id.bind(1, experimentId).bind(2, t.index);
  if (!id.step()) throw StoreError(path() + ": the trial just written is missing");
  return id.integer(0);
}

void RunStore::setTrialStart(long long trialId, const std::string& configYaml,
                             const std::string& startedAt, double startedUnix) {
  Statement update(impl_->db,
                   "UPDATE trials SET config_yaml = ?2, started_at = ?3, started_unix = ?4"
                   " WHERE id = ?1");
  update.bind(1, trialId).bind(2, configYaml).bind(3, startedAt).bind(4, startedUnix).run();
}

void RunStore::addMetricPoints(long long trialId, const std::vector<MetricPoint>& points) {
  if (points.empty()) return;
  if (!impl_->insertPoint) {
    impl_->insertPoint = std::make_unique<Statement>(
        impl_->db,
        "INSERT INTO metric_points (trial_id, name, step, epoch, samples, wall_seconds, value)"
        " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)");
  }
  Statement& insert = *impl_->insertPoint;
  transaction([&] {
    for (const MetricPoint& point : points) {
      insert.bind(1, trialId)
          .bind(2, point.name)
          .bind(3, point.step)
          .bind(4, point.epoch)
          .bind(5, point.samples)
          .bind(6, point.wall_seconds)
          .bind(7, point.value);
      insert.run();
    }
  });
}

void RunStore::addArtifact(long long trialId, const StoredArtifact& artifact) {
  Statement insert(impl_->db,
                   "INSERT OR IGNORE INTO artifacts (trial_id, kind, path) VALUES (?1, ?2, ?3)");
  insert.bind(1, trialId).bind(2, artifact.kind).bind(3, artifact.path).run();
}

void RunStore::recordRun(long long experimentId, const RunSummary& summary,
                         const std::string& status) {
  transaction([&] {
    for (const TrialSummary& trial : summary.trials) saveTrial(experimentId, trial);
    Statement update(impl_->db,
                     "UPDATE experiments SET status = ?2, finished_at = ?3, started_at = ?4,"
                     " experiment_file = ?5, device = ?6, dataset = ?7, dataset_fingerprint = ?8,"
                     " sweeplab_version = ?9, libtorch_version = ?10, cpu_model = ?11,"
                     " cpu_threads = ?12, parallel_trials = ?13, threads_per_trial = ?14,"
                     " dataset_source = ?15, dataset_content_hash = ?16, train_rows = ?17,"
                     " val_rows = ?18, test_rows = ?19, class_names_json = ?20,"
                     " writer_host = CASE WHEN ?21 = 0 THEN writer_host ELSE ?22 END,"
                     " writer_pid = CASE WHEN ?21 = 0 THEN writer_pid ELSE ?21 END WHERE id = ?1");
    update.bind(1, experimentId)
        .bind(2, status)
        .bind(3, summary.finished_at)
        .bind(4, summary.started_at)
        .bind(5, summary.experiment_file)
        .bind(6, summary.device)
        .bind(7, summary.dataset)
        .bind(8, summary.dataset_fingerprint)
        .bind(9, summary.sweeplab_version)
        .bind(10, summary.libtorch_version)
        .bind(11, summary.cpu_model)
        .bind(12, summary.cpu_threads)
        .bind(13, summary.parallel_trials)
        .bind(14, summary.threads_per_trial)
        .bind(15, summary.dataset_source)
        .bind(16, summary.dataset_content_hash)
        .bind(17, summary.train_rows)
        .bind(18, summary.val_rows)
        .bind(19, summary.test_rows)
        .bind(20, store::listToJson(summary.class_names))
        .bind(21, summary.writer_pid)
        .bind(22, summary.writer_host);
    update.run();
  });
}

void RunStore::finishExperiment(long long experimentId, const RunSummary& summary,
                                const std::string& finishedAt) {
  RunSummary ended = summary;
  if (ended.finished_at.empty()) ended.finished_at = finishedAt;
  // Pruned trials ended as their study meant them to, as derivedRunStatus counts them.
  const bool allFinished =
      std::all_of(summary.trials.begin(), summary.trials.end(), [](const TrialSummary& trial) {
        return trial.status == TrialStatus::Finished || trial.status == TrialStatus::Pruned;
      });
  recordRun(experimentId, ended, allFinished ? "finished" : "incomplete");
}

long long RunStore::experimentForRunDir(const std::string& runDir) const {
  if (runDir.empty()) return 0;
  // Run folders are recorded by their absolute path, as the process that ran them named it.
  const auto find = [this](const std::string& path) {
    Statement query(impl_->db,
                    "SELECT id FROM experiments WHERE run_dir = ?1 ORDER BY id DESC LIMIT 1");
    query.bind(1, path);
    return query.step() ? query.integer(0) : 0LL;
  };
  std::error_code error;
  const fs::path absolute = fs::absolute(runDir, error).lexically_normal();
  if (const long long id = find(absolute.string())) return id;
  return find(fs::weakly_canonical(absolute, error).string());
}

void RunStore::clearTrialResults(long long trialId) {
  transaction([&] {
    Statement(impl_->db, "DELETE FROM metric_points WHERE trial_id = ?1").bind(1, trialId).run();
    Statement(impl_->db, "DELETE FROM artifacts WHERE trial_id = ?1").bind(1, trialId).run();
  });
}

long long RunStore::metricPointCount(long long trialId) const {
  Statement count(impl_->db, "SELECT COUNT(*) FROM metric_points WHERE trial_id = ?1");
  count.bind(1, trialId);
  return count.step() ? count.integer(0) : 0;
}

void RunStore::renameExperiment(long long experimentId, const std::string& name) {
  if (name.empty()) throw StoreError("an experiment's name cannot be empty");
  Statement update(impl_->db, "UPDATE experiments SET name = ?2 WHERE id = ?1");
  update.bind(1, experimentId).bind(2, name).run();
  if (impl_->db.changes() == 0) experiment(experimentId);  // throws the "no such" message
}

void RunStore::setExperimentNote(long long experimentId, const std::string& note) {
  Statement update(impl_->db, "UPDATE experiments SET note = ?2 WHERE id = ?1");
  update.bind(1, experimentId).bind(2, note).run();
  if (impl_->db.changes() == 0) experiment(experimentId);
}

void RunStore::deleteExperiment(long long experimentId) {
  Statement remove(impl_->db, "DELETE FROM experiments WHERE id = ?1");
  remove.bind(1, experimentId).run();
}

}  // namespace sweeplab
