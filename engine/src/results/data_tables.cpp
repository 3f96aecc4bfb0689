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
#include "trial_fields.h"

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
  // The table's CSV columns in its order; the swept field becomes one column per swept key.
  std::vector<std::string> header;
  for (const TrialField& field : trialFields()) {
    if (field.csv) header.push_back(field.csv);
    if (std::holds_alternative<SweptValues TrialSummary::*>(field.member))
      for (const std::string& key : keys) header.push_back(sweptColumnName(key));
  }
  for (std::string name : classes) {
    std::replace(name.begin(), name.end(), ' ', '_');  // "class 3" when the names are unknown
    header.push_back("test_recall_" + name);
  }
  std::string csv;
  appendRecord(csv, header);
  for (const TrialSummary& t : summary.trials) {
    std::vector<std::string> row;
    for (const TrialField& field : trialFields()) {
      if (field.csv) row.push_back(trialFieldCsvValue(field, t));
      if (std::holds_alternative<SweptValues TrialSummary::*>(field.member))
        for (const std::string& key : keys) row.push_back(sweptValue(t, key));
    }
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
