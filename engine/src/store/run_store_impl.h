// What RunStore's writing and reading halves share: the connection and JSON list columns.
#pragma once

#include <memory>

#include "store/sqlite_db.h"
#include "sweeplab/run_store.h"

namespace sweeplab {

struct RunStore::Impl {
  Impl(const std::string& path, bool create) : db(path, create, kStoreBusyTimeoutMs) {}
  store::SqliteDb db;
  int transactionDepth = 0;
  // Prepared once: points arrive a few at a time, and preparing costs more than inserting.
  std::unique_ptr<store::Statement> insertPoint;
};

namespace store {

std::string sweptToJson(const std::vector<std::pair<std::string, std::string>>& swept);
std::vector<std::pair<std::string, std::string>> sweptFromJson(const std::string& json);

// Lists kept as JSON text in one column (NaN as null). A column that does not parse reads as
// an empty list: these are derived results, never worth refusing a run over.
std::string listToJson(const std::vector<double>& values);
std::string listToJson(const std::vector<long long>& values);
std::string listToJson(const std::vector<int>& values);
std::string listToJson(const std::vector<std::string>& values);
void listFromJson(const std::string& json, std::vector<double>& out);
void listFromJson(const std::string& json, std::vector<long long>& out);
void listFromJson(const std::string& json, std::vector<int>& out);
void listFromJson(const std::string& json, std::vector<std::string>& out);

}  // namespace store
}  // namespace sweeplab
