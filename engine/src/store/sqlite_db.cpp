#include "store/sqlite_db.h"

#include <chrono>
#include <cmath>
#include <thread>

namespace sweeplab::store {

SqliteDb::SqliteDb(const std::string& path, bool create, int busyTimeoutMs)
    : path_(path), busyTimeoutMs_(busyTimeoutMs) {
  const int flags =
      SQLITE_OPEN_READWRITE | (create ? SQLITE_OPEN_CREATE : 0) | SQLITE_OPEN_FULLMUTEX;
  const int code = sqlite3_open_v2(path.c_str(), &db_, flags, nullptr);
  if (code != SQLITE_OK) {
    const std::string message = db_ ? sqlite3_errmsg(db_) : sqlite3_errstr(code);
    sqlite3_close(db_);
    db_ = nullptr;
    throw StoreError(path + ": cannot open the run store: " + message);
  }
  sqlite3_extended_result_codes(db_, 1);
  sqlite3_busy_timeout(db_, busyTimeoutMs);
}

SqliteDb::~SqliteDb() {
  sqlite3_close_v2(db_);
}

void SqliteDb::exec(const std::string& sql) {
  char* error = nullptr;
  const int code = sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &error);
  if (code != SQLITE_OK) {
    const std::string message = error ? error : sqlite3_errstr(code);
    sqlite3_free(error);
    throw StoreError(path_ + ": " + message, (code & 0xff) == SQLITE_BUSY);
  }
}

void SqliteDb::useWriteAheadLog() {
  constexpr auto kPause = std::chrono::milliseconds(10);
  const auto deadline =
      std::chrono::steady_clock::now() + std::chrono::milliseconds(busyTimeoutMs_);
  for (;;) {
    try {
      exec("PRAGMA journal_mode = WAL");
      return;
    } catch (const StoreError& error) {
      if (!error.busy() || std::chrono::steady_clock::now() >= deadline) throw;
    }
    std::this_thread::sleep_for(kPause);
  }
}

void SqliteDb::fail(const std::string& what, int code) const {
  throw StoreError(path_ + ": " + what + ": " + sqlite3_errmsg(db_),
                   (code & 0xff) == SQLITE_BUSY || (code & 0xff) == SQLITE_LOCKED);
}

Statement::Statement(SqliteDb& db, const char* sql) : db_(db) {
  const int code = sqlite3_prepare_v2(db.handle(), sql, -1, &stmt_, nullptr);
  if (code != SQLITE_OK) db.fail("cannot prepare a query", code);
}

Statement::~Statement() {
  sqlite3_finalize(stmt_);
}

Statement& Statement::bind(int index, const std::string& text) {
  const int code =
      sqlite3_bind_text(stmt_, index, text.data(), static_cast<int>(text.size()), SQLITE_TRANSIENT);
  if (code != SQLITE_OK) db_.fail("cannot bind a value", code);
  return *this;
}

Statement& Statement::bind(int index, double value) {
  if (std::isnan(value)) return bindNull(index);
  const int code = sqlite3_bind_double(stmt_, index, value);
  if (code != SQLITE_OK) db_.fail("cannot bind a value", code);
  return *this;
}

Statement& Statement::bind(int index, long long value) {
  const int code = sqlite3_bind_int64(stmt_, index, value);
  if (code != SQLITE_OK) db_.fail("cannot bind a value", code);
  return *this;
}

Statement& Statement::bindNull(int index) {
  const int code = sqlite3_bind_null(stmt_, index);
  if (code != SQLITE_OK) db_.fail("cannot bind a value", code);
  return *this;
}

bool Statement::step() {
  const int code = sqlite3_step(stmt_);
  if (code == SQLITE_ROW) return true;
  if (code == SQLITE_DONE) return false;
  sqlite3_reset(stmt_);
  db_.fail("query failed", code);
}

void Statement::run() {
  step();
  reset();
}

void Statement::reset() {
  sqlite3_reset(stmt_);
  sqlite3_clear_bindings(stmt_);
}

std::string Statement::text(int column) const {
  const auto* data = sqlite3_column_text(stmt_, column);
  if (!data) return "";
  return std::string(reinterpret_cast<const char*>(data),
                     static_cast<size_t>(sqlite3_column_bytes(stmt_, column)));
}

double Statement::real(int column) const {
  if (isNull(column)) return std::nan("");
  return sqlite3_column_double(stmt_, column);
}

long long Statement::integer(int column, long long fallback) const {
  if (isNull(column)) return fallback;
  return sqlite3_column_int64(stmt_, column);
}

bool Statement::isNull(int column) const {
  return sqlite3_column_type(stmt_, column) == SQLITE_NULL;
}

Transaction::Transaction(SqliteDb& db) : db_(db) {
  db_.exec("BEGIN IMMEDIATE");
}

Transaction::~Transaction() {
  if (open_) sqlite3_exec(db_.handle(), "ROLLBACK", nullptr, nullptr, nullptr);
}

void Transaction::commit() {
  db_.exec("COMMIT");
  open_ = false;
}

}  // namespace sweeplab::store
