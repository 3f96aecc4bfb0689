// Opening the store and every write to it.
#include "sweeplab/run_store.h"

#include <unistd.h>

#include <cerrno>
#include <cmath>
#include <csignal>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <type_traits>

#include "store/run_store_impl.h"
#include "store/schema.h"

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

std::string thisHost() {
  char name[256] = {};
  if (gethostname(name, sizeof name - 1) != 0) return "";
  return name;
}

bool writerIsGone(const std::string& host, long long pid) {
  if (pid <= 0 || host != thisHost()) return false;
  if (pid == static_cast<long long>(getpid())) return false;
  return ::kill(static_cast<pid_t>(pid), 0) != 0 && errno == ESRCH;
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
  db.exec("PRAGMA journal_mode = WAL");
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
      .bind(8, store::thisHost())
      .bind(9, static_cast<long long>(getpid()));
  insert.run();
  return impl_->db.lastInsertId();
}

long long RunStore::saveTrial(long long experimentId, const TrialSummary& t) {
  const std::string sql =
      std::string("INSERT INTO trials (experiment_id, ") + store::kTrialSummaryColumns +
      ") VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18,"
      " ?19, ?20, ?21, ?22, ?23, ?24, ?25, ?26, ?27, ?28, ?29, ?30, ?31, ?32)"
      " ON CONFLICT (experiment_id, trial_index) DO UPDATE SET label = ?3, swept_json = ?4,"
      " repeat = ?5, seed = ?6, model = ?7, status = ?8, message = ?9, train_acc = ?10,"
      " train_loss = ?11, val_acc = ?12, val_loss = ?13, best_val_acc = ?14,"
      " best_val_loss = ?15, best_epoch = ?16, test_acc = ?17, test_loss = ?18,"
      " test_acc_micro = ?19, tested_checkpoint = ?20, trainable_parameters = ?21,"
      " train_rows = ?22, val_rows = ?23, test_rows = ?24, device = ?25, wall_seconds = ?26,"
      " epochs_completed = ?27, steps = ?28, folder = ?29, test_class_recall_json = ?30,"
      " test_confusion_json = ?31, dead_classes_json = ?32";
  Statement upsert(impl_->db, sql.c_str());
  upsert.bind(1, experimentId)
      .bind(2, t.index)
      .bind(3, t.label)
      .bind(4, store::sweptToJson(t.swept))
      .bind(5, t.repeat)
      .bind(6, t.seed)
      .bind(7, t.model)
      .bind(8, toString(t.status))
      .bind(9, t.message)
      .bind(10, t.train_acc)
      .bind(11, t.train_loss)
      .bind(12, t.val_acc)
      .bind(13, t.val_loss)
      .bind(14, t.best_val_acc)
      .bind(15, t.best_val_loss)
      .bind(16, t.best_epoch)
      .bind(17, t.test_acc)
      .bind(18, t.test_loss)
      .bind(19, t.test_acc_micro)
      .bind(20, t.tested_checkpoint)
      .bind(21, t.trainable_parameters)
      .bind(22, t.train_rows)
      .bind(23, t.val_rows)
      .bind(24, t.test_rows)
      .bind(25, t.device)
      .bind(26, t.wall_seconds)
      .bind(27, t.epochs_completed)
      .bind(28, t.steps)
      .bind(29, t.folder)
      .bind(30, store::listToJson(t.test_class_recall))
      .bind(31, store::listToJson(t.test_confusion))
      .bind(32, store::listToJson(t.dead_classes));
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

void RunStore::finishExperiment(long long experimentId, const RunSummary& summary,
                                const std::string& finishedAt) {
  transaction([&] {
    bool allFinished = true;
    for (const TrialSummary& trial : summary.trials) {
      saveTrial(experimentId, trial);
      allFinished = allFinished && trial.status == TrialStatus::Finished;
    }
    Statement update(impl_->db,
                     "UPDATE experiments SET status = ?2, finished_at = ?3, started_at = ?4,"
                     " experiment_file = ?5, device = ?6, dataset = ?7, dataset_fingerprint = ?8,"
                     " sweeplab_version = ?9, libtorch_version = ?10, cpu_model = ?11,"
                     " cpu_threads = ?12, parallel_trials = ?13, threads_per_trial = ?14,"
                     " dataset_source = ?15, dataset_content_hash = ?16, train_rows = ?17,"
                     " val_rows = ?18, test_rows = ?19, class_names_json = ?20 WHERE id = ?1");
    update.bind(1, experimentId)
        .bind(2, allFinished ? "finished" : "incomplete")
        .bind(3, summary.finished_at.empty() ? finishedAt : summary.finished_at)
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
        .bind(20, store::listToJson(summary.class_names));
    update.run();
  });
}

void RunStore::markInterrupted(long long experimentId) {
  transaction([&] {
    Statement(impl_->db, "UPDATE experiments SET status = 'interrupted' WHERE id = ?1")
        .bind(1, experimentId)
        .run();
    Statement(impl_->db,
              "UPDATE trials SET status = 'interrupted'"
              " WHERE experiment_id = ?1 AND status IN ('running', 'queued')")
        .bind(1, experimentId)
        .run();
  });
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

void RunStore::reopenExperiment(long long experimentId) {
  Statement update(impl_->db,
                   "UPDATE experiments SET status = 'running', finished_at = '',"
                   " writer_host = ?2, writer_pid = ?3 WHERE id = ?1");
  update.bind(1, experimentId)
      .bind(2, store::thisHost())
      .bind(3, static_cast<long long>(getpid()))
      .run();
  if (impl_->db.changes() == 0) experiment(experimentId);  // throws the "no such" message
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

bool storeLagsBehindRunFolder(const std::string& storePath, const std::string& runDir) {
  std::error_code error;
  if (storePath.empty() || !fs::exists(storePath, error)) return false;
  try {
    const RunStore store(storePath, /*create=*/false);
    const long long id = store.experimentForRunDir(runDir);
    if (!id) return false;
    // A dead writer's "running" experiment reads as interrupted; a live one is left alone.
    return store.experiment(id).status == "interrupted";
  } catch (const StoreError&) {
    return false;  // the resume that follows reports an unusable store as it writes
  }
}

}  // namespace sweeplab
