#include "store/schema.h"

#include <string>

namespace sweeplab::store {
namespace {

// Version 1: experiments, trials with every summary field as a column (so the history can
// filter and sort on them), metric points in report order, artifact paths.
const char* const kVersion1 = R"sql(
CREATE TABLE experiments (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  started_at TEXT NOT NULL,
  finished_at TEXT NOT NULL DEFAULT '',
  status TEXT NOT NULL,
  run_dir TEXT NOT NULL DEFAULT '',
  source_file TEXT NOT NULL DEFAULT '',
  experiment_file TEXT NOT NULL DEFAULT '',
  config_yaml TEXT NOT NULL DEFAULT '',
  device TEXT NOT NULL DEFAULT '',
  dataset TEXT NOT NULL DEFAULT '',
  dataset_fingerprint TEXT NOT NULL DEFAULT '',
  sweeplab_version TEXT NOT NULL DEFAULT '',
  libtorch_version TEXT NOT NULL DEFAULT ''
);
CREATE TABLE trials (
  id INTEGER PRIMARY KEY,
  experiment_id INTEGER NOT NULL REFERENCES experiments(id) ON DELETE CASCADE,
  trial_index INTEGER NOT NULL,
  label TEXT NOT NULL DEFAULT '',
  swept_json TEXT NOT NULL DEFAULT '[]',
  repeat INTEGER NOT NULL DEFAULT 0,
  seed INTEGER NOT NULL DEFAULT 0,
  model TEXT NOT NULL DEFAULT '',
  status TEXT NOT NULL,
  message TEXT NOT NULL DEFAULT '',
  config_yaml TEXT NOT NULL DEFAULT '',
  started_at TEXT NOT NULL DEFAULT '',
  train_acc REAL, train_loss REAL, val_acc REAL, val_loss REAL,
  best_val_acc REAL, best_val_loss REAL, best_epoch INTEGER NOT NULL DEFAULT -1,
  test_acc REAL, test_loss REAL, test_acc_micro REAL,
  tested_checkpoint TEXT NOT NULL DEFAULT '',
  trainable_parameters INTEGER NOT NULL DEFAULT 0,
  train_rows INTEGER NOT NULL DEFAULT 0,
  val_rows INTEGER NOT NULL DEFAULT 0,
  test_rows INTEGER NOT NULL DEFAULT 0,
  device TEXT NOT NULL DEFAULT '',
  wall_seconds REAL NOT NULL DEFAULT 0,
  epochs_completed INTEGER NOT NULL DEFAULT 0,
  steps INTEGER NOT NULL DEFAULT 0,
  folder TEXT NOT NULL DEFAULT '',
  UNIQUE (experiment_id, trial_index)
);
CREATE TABLE metric_points (
  id INTEGER PRIMARY KEY,
  trial_id INTEGER NOT NULL REFERENCES trials(id) ON DELETE CASCADE,
  name TEXT NOT NULL,
  step INTEGER NOT NULL,
  epoch REAL NOT NULL,
  samples INTEGER NOT NULL,
  wall_seconds REAL NOT NULL,
  value REAL
);
CREATE INDEX metric_points_of_trial ON metric_points (trial_id, id);
CREATE TABLE artifacts (
  trial_id INTEGER NOT NULL REFERENCES trials(id) ON DELETE CASCADE,
  kind TEXT NOT NULL,
  path TEXT NOT NULL,
  PRIMARY KEY (trial_id, kind, path)
);
)sql";

// Version 2: notes on experiments and trials, the writing process (so a run whose process died
// reads as interrupted), each trial's start as Unix time (absolute wall times for exports) and
// indexes for the history's date and model filters. Version 1 could not tell a live run from a
// dead one, so its unfinished runs become interrupted.
const char* const kVersion2 = R"sql(
ALTER TABLE experiments ADD COLUMN note TEXT NOT NULL DEFAULT '';
ALTER TABLE experiments ADD COLUMN writer_host TEXT NOT NULL DEFAULT '';
ALTER TABLE experiments ADD COLUMN writer_pid INTEGER NOT NULL DEFAULT 0;
ALTER TABLE trials ADD COLUMN note TEXT NOT NULL DEFAULT '';
ALTER TABLE trials ADD COLUMN started_unix REAL;
UPDATE experiments SET status = 'interrupted' WHERE status = 'running';
UPDATE trials SET status = 'interrupted' WHERE status = 'running';
CREATE INDEX experiments_by_start ON experiments (started_at);
CREATE INDEX trials_by_model ON trials (model);
)sql";

// Version 3: the machine and the data of a run (CPU, threads, dataset source, content hash and
// split sizes), so a run reopened from the history reports them as its summary.json does.
const char* const kVersion3 = R"sql(
ALTER TABLE experiments ADD COLUMN cpu_model TEXT NOT NULL DEFAULT '';
ALTER TABLE experiments ADD COLUMN cpu_threads INTEGER NOT NULL DEFAULT 0;
ALTER TABLE experiments ADD COLUMN parallel_trials INTEGER NOT NULL DEFAULT 0;
ALTER TABLE experiments ADD COLUMN threads_per_trial INTEGER NOT NULL DEFAULT 0;
ALTER TABLE experiments ADD COLUMN dataset_source TEXT NOT NULL DEFAULT '';
ALTER TABLE experiments ADD COLUMN dataset_content_hash TEXT NOT NULL DEFAULT '';
ALTER TABLE experiments ADD COLUMN train_rows INTEGER NOT NULL DEFAULT 0;
ALTER TABLE experiments ADD COLUMN val_rows INTEGER NOT NULL DEFAULT 0;
ALTER TABLE experiments ADD COLUMN test_rows INTEGER NOT NULL DEFAULT 0;
)sql";

// Version 4: per-class results of a trial's tested checkpoint (recall and confusion matrix, JSON
// lists), the dead-class diagnostic, and the run's class names, so a reopened run can name the
// class that macro accuracy hides.
const char* const kVersion4 = R"sql(
ALTER TABLE trials ADD COLUMN test_class_recall_json TEXT NOT NULL DEFAULT '[]';
ALTER TABLE trials ADD COLUMN test_confusion_json TEXT NOT NULL DEFAULT '[]';
ALTER TABLE trials ADD COLUMN dead_classes_json TEXT NOT NULL DEFAULT '[]';
ALTER TABLE experiments ADD COLUMN class_names_json TEXT NOT NULL DEFAULT '[]';
)sql";

// Version 5: the store indexes run folders, whose trial records say when each trial started and
// ended and which process trains it; a run's state derives from them. Rows kept from version 4
// take their experiment's writing process as each trial's writer, so a trial that was running
// when that process died still reads as interrupted.
const char* const kVersion5 = R"sql(
ALTER TABLE trials ADD COLUMN finished_at TEXT NOT NULL DEFAULT '';
ALTER TABLE trials ADD COLUMN writer_json TEXT NOT NULL DEFAULT '{}';
UPDATE trials SET writer_json = (SELECT json_object('host', e.writer_host, 'pid', e.writer_pid)
                                 FROM experiments e WHERE e.id = trials.experiment_id);
)sql";

// Version 6: which trials trained together as one group (the trial number of the group's first
// trial, 0 for a trial trained on its own).
const char* const kVersion6 = R"sql(
ALTER TABLE trials ADD COLUMN trial_group INTEGER NOT NULL DEFAULT 0;
)sql";

const char* const kMigrations[] = {kVersion1, kVersion2, kVersion3,
                                   kVersion4, kVersion5, kVersion6};
static_assert(sizeof kMigrations / sizeof kMigrations[0] == kStoreSchemaVersion,
              "one migration per schema version");

}  // namespace

const char* migrationSql(int version) {
  if (version < 1 || version > kStoreSchemaVersion) return nullptr;
  return kMigrations[version - 1];
}

int schemaVersionOf(SqliteDb& db) {
  Statement query(db, "PRAGMA user_version");
  return query.step() ? static_cast<int>(query.integer(0)) : 0;
}

void migrateToCurrent(SqliteDb& db) {
  if (schemaVersionOf(db) == kStoreSchemaVersion) return;
  // Read the version again under the write lock: another process may have migrated meanwhile.
  Transaction transaction(db);
  const int found = schemaVersionOf(db);
  if (found > kStoreSchemaVersion) {
    throw StoreError(db.path() + ": the run store has schema version " + std::to_string(found) +
                     ", written by a newer Sweeplab; this one reads up to version " +
                     std::to_string(kStoreSchemaVersion));
  }
  for (int version = found + 1; version <= kStoreSchemaVersion; ++version) {
    try {
      db.exec(migrationSql(version));
    } catch (const StoreError& error) {
      throw StoreError(std::string(error.what()) + " (while upgrading the schema to version " +
                       std::to_string(version) + ")");
    }
  }
  db.exec("PRAGMA user_version = " + std::to_string(kStoreSchemaVersion));
  transaction.commit();
}

}  // namespace sweeplab::store
