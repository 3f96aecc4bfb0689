// The store's schema as a list of migrations: step N takes a database from version N-1 to N.
// A new database runs every step in order, so the upgrade path is the path every store takes.
#pragma once

#include "store/sqlite_db.h"

namespace sweeplab::store {

// SQL of the step that takes the schema from `version - 1` to `version` (1-based).
const char* migrationSql(int version);

// Brings the database to kStoreSchemaVersion inside one write transaction (PRAGMA user_version
// holds the version). Throws StoreError for a database written by a newer Sweeplab.
void migrateToCurrent(SqliteDb& db);

int schemaVersionOf(SqliteDb& db);

}  // namespace sweeplab::store
