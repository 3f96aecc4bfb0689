// A thin RAII layer over the SQLite C API: a connection, prepared statements and transactions.
// Every failure throws StoreError with SQLite's message and the database path, so callers never
// check return codes.
#pragma once

#include <sqlite3.h>

#include <string>

#include "sweeplab/run_store.h"

namespace sweeplab::store {

class SqliteDb {
 public:
  // Opens (creating when allowed) the database and sets the busy timeout before anything else,
  // so a second process that holds the lock makes this one wait instead of failing.
  SqliteDb(const std::string& path, bool create, int busyTimeoutMs);
  ~SqliteDb();
  SqliteDb(const SqliteDb&) = delete;
  SqliteDb& operator=(const SqliteDb&) = delete;

  void exec(const std::string& sql);  // one or more statements without results
  // Switches to write-ahead logging. SQLite answers "database is locked" at once, without
  // calling the busy handler, when two processes switch a new file at the same moment; this
  // waits and tries again for up to the busy timeout instead.
  void useWriteAheadLog();
  long long lastInsertId() const { return sqlite3_last_insert_rowid(db_); }
  int changes() const { return sqlite3_changes(db_); }
  const std::string& path() const { return path_; }
  sqlite3* handle() const { return db_; }

  [[noreturn]] void fail(const std::string& what, int code) const;

 private:
  sqlite3* db_ = nullptr;
  std::string path_;
  int busyTimeoutMs_;
};

class Statement {
 public:
  Statement(SqliteDb& db, const char* sql);
  ~Statement();
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;

  // Parameters are numbered from 1, as in SQL's ?1. A NaN double binds as NULL.
  Statement& bind(int index, const std::string& text);
  Statement& bind(int index, const char* text) { return bind(index, std::string(text)); }
  Statement& bind(int index, double value);
  Statement& bind(int index, long long value);
  Statement& bind(int index, int value) { return bind(index, static_cast<long long>(value)); }
  Statement& bindNull(int index);

  bool step();  // true while a row is available; throws on errors
  void run();   // steps once for statements without results, then resets for reuse
  void reset();

  // Columns are numbered from 0. NULL reads as "" / NaN / fallback.
  std::string text(int column) const;
  double real(int column) const;
  long long integer(int column, long long fallback = 0) const;
  bool isNull(int column) const;

 private:
  SqliteDb& db_;
  sqlite3_stmt* stmt_ = nullptr;
};

// BEGIN IMMEDIATE takes the write lock at once (waiting up to the busy timeout), so two writers
// never deadlock upgrading read locks. Rolls back unless commit() was called.
class Transaction {
 public:
  explicit Transaction(SqliteDb& db);
  ~Transaction();
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;
  void commit();

 private:
  SqliteDb& db_;
  bool open_ = true;
};

}  // namespace sweeplab::store
