// The results table for programs: CSV with every summary field and JSON trial objects.
#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include "csv_text.h"
#include "spec/validation.h"
#include "summary_json.h"
#include "sweeplab/class_results.h"
#include "table_formats.h"

namespace sweeplab {
namespace {

std::string csvNumber(double value) {
  return std::isfinite(value) ? formatNumber(value, "%.9g") : "";
}

// Swept keys become columns of their own, so a sweep loads straight into a plotting tool. A
// column is named by the key's full dotted form: a model sweep's key "model" would otherwise
// repeat the name of the standard "model" column, and a tool reading by name takes one of them.
std::string sweptColumnName(const std::string& key) {
  return canonicalKey(key);
}

std::vector<std::string> sweptKeys(const RunSummary& summary) {
  std::vector<std::string> keys;
  for (const TrialSummary& trial : summary.trials) {
    for (const auto& entry : trial.swept) {
      if (std::find(keys.begin(), keys.end(), entry.first) == keys.end()) {
        keys.push_back(entry.first);
      }
    }
  }
  return keys;
}

std::string sweptValue(const TrialSummary& trial, const std::string& key) {
  for (const auto& [sweptKey, value] : trial.swept) {
    if (sweptKey == key) return value;
  }
  return "";
}

void appendRecord(std::string& csv, const std::vector<std::string>& fields) {
  for (std::size_t i = 0; i < fields.size(); ++i) {
    if (i > 0) csv += ',';
    csv += csvField(fields[i]);
  }
  csv += "\n";
}

}  // namespace

std::string csvTable(const RunSummary& summary, const TableOptions& options) {
  const std::vector<std::string> keys = sweptKeys(summary);
  // Per-class fields go last, so the columns a script reads by position stay where they were.
  const std::vector<std::string> classes =
      options.per_class_recall ? runClassNames(summary) : std::vector<std::string>{};
  std::vector<std::string> header{"index", "label"};
  for (const std::string& key : keys) header.push_back(sweptColumnName(key));
  for (const char* name : {"repeat",
                           "seed",
                           "model",
                           "status",
                           "message",
                           "train_acc",
                           "train_loss",
                           "val_acc",
                           "val_loss",
                           "best_val_acc",
                           "best_val_loss",
                           "best_epoch",
                           "test_acc",
                           "test_loss",
                           "test_acc_micro",
                           "tested_checkpoint",
                           "trainable_parameters",
                           "train_rows",
                           "val_rows",
                           "test_rows",
                           "device",
                           "wall_seconds",
                           "epochs_completed",
                           "steps",
                           "folder"}) {
    header.push_back(name);
  }
  for (std::string name : classes) {
    std::replace(name.begin(), name.end(), ' ', '_');  // "class 3" when the names are unknown
    header.push_back("test_recall_" + name);
  }
  std::string csv;
  appendRecord(csv, header);
  for (const TrialSummary& t : summary.trials) {
    std::vector<std::string> row{std::to_string(t.index), t.label};
    for (const std::string& key : keys) row.push_back(sweptValue(t, key));
    const std::vector<std::string> rest{
        std::to_string(t.repeat),
        std::to_string(t.seed),
        t.model,
        toString(t.status),
        t.message,
        csvNumber(t.train_acc),
        csvNumber(t.train_loss),
        csvNumber(t.val_acc),
        csvNumber(t.val_loss),
        csvNumber(t.best_val_acc),
        csvNumber(t.best_val_loss),
        t.best_epoch >= 0 ? std::to_string(t.best_epoch) : "",
        csvNumber(t.test_acc),
        csvNumber(t.test_loss),
        csvNumber(t.test_acc_micro),
        t.tested_checkpoint,
        std::to_string(t.trainable_parameters),
        std::to_string(t.train_rows),
        std::to_string(t.val_rows),
        std::to_string(t.test_rows),
        t.device,
        csvNumber(t.wall_seconds),
        std::to_string(t.epochs_completed),
        std::to_string(t.steps),
        t.folder,
    };
    row.insert(row.end(), rest.begin(), rest.end());
    for (int c = 0; c < static_cast<int>(classes.size()); ++c)
      row.push_back(csvNumber(testClassRecall(t, c)));
    appendRecord(csv, row);
  }
  return csv;
}

std::string jsonTable(const RunSummary& summary) {
  Json trials = Json::array();
  for (const TrialSummary& trial : summary.trials)
    trials.push_back(trialSummaryToJson(trial, true));
  return trials.dump(2, ' ', false, Json::error_handler_t::replace) + "\n";
}

}  // namespace sweeplab
