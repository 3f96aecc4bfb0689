// What RunStore's writing and reading halves share: the connection and the trial columns.
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

// The summary columns of `trials`, in TrialSummary's order; reading and writing both use it.
inline constexpr const char* kTrialSummaryColumns =
    "trial_index, label, swept_json, repeat, seed, model, status, message, train_acc, train_loss,"
    " val_acc, val_loss, best_val_acc, best_val_loss, best_epoch, test_acc, test_loss,"
    " test_acc_micro, tested_checkpoint, trainable_parameters, train_rows, val_rows, test_rows,"
    " device, wall_seconds, epochs_completed, steps, folder, test_class_recall_json,"
    " test_confusion_json, dead_classes_json";
inline constexpr int kTrialSummaryColumnCount = 31;

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

// True when the process that wrote a run can no longer be running: another pid on this host
// that does not exist. A run written on another host is taken as alive.
bool writerIsGone(const std::string& host, long long pid);
std::string thisHost();

}  // namespace store
}  // namespace sweeplab
