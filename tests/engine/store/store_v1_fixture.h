// A run store as schema version 1 left it, written out in SQL: the tables of version 1 exactly as
// they shipped, one finished experiment with a trial and its points, and one whose process was
// still running. Kept apart from the test because moc cannot read raw string literals.
#pragma once

namespace sweeplab::testing {

inline const char* const kStoreVersion1 = R"sql(
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

INSERT INTO experiments (id, name, started_at, finished_at, status, run_dir, config_yaml, device,
                         dataset, dataset_fingerprint, sweeplab_version, libtorch_version,
                         experiment_file)
VALUES (1, 'batch-size', '2026-01-10T09:00:00Z', '2026-01-10T09:05:00Z', 'finished',
        '/runs/batch-size-20260110-090000', 'name: batch-size', 'CPU',
        'synthetic-jsc, 2000 rows', 'abc123', '0.1.0', '1.13.1', 'experiment.yaml');
INSERT INTO trials (id, experiment_id, trial_index, label, swept_json, model, status,
                    val_acc, best_val_acc, best_epoch, test_acc, test_loss, trainable_parameters,
                    wall_seconds, epochs_completed, steps, folder)
VALUES (1, 1, 0, 'batch_size=64', '[["training.batch_size","64"]]', 'jsc-tiny', 'finished',
        0.70, 0.71, 2, 0.705, 0.85, 117, 12.5, 2, 46, '000-batch_size-64');
INSERT INTO metric_points (trial_id, name, step, epoch, samples, wall_seconds, value)
VALUES (1, 'val_acc_epoch', 23, 1.0, 1440, 0.5, 0.65),
       (1, 'val_acc_epoch', 46, 2.0, 2880, 1.0, 0.70);
INSERT INTO artifacts VALUES (1, 'checkpoint-best', '/runs/batch-size-20260110-090000/000/best.pt');

INSERT INTO experiments (id, name, started_at, status, config_yaml)
VALUES (2, 'left-running', '2026-01-11T10:00:00Z', 'running', 'name: left-running');
INSERT INTO trials (experiment_id, trial_index, label, model, status)
VALUES (2, 0, 'trial', 'jsc-s', 'running');

PRAGMA user_version = 1;
)sql";

}  // namespace sweeplab::testing
