// The one table of a trial summary's fields. Each row names a field once: its JSON key (trial.json,
// summary.json, the JSON results table), its column in the store's trials table and its CSV
// results-table header. Every writer and reader of those formats walks this table, so adding a
// field to TrialSummary is one line here (plus a store migration for its column).
#pragma once

#include <string>
#include <utility>
#include <variant>
#include <vector>

#include "json_object_reader.h"
#include "sweeplab/metrics.h"

namespace sweeplab {

using SweptValues = std::vector<std::pair<std::string, std::string>>;

// One visitor of a field's member from a lambda per type: std::visit(Overloaded{...}, member).
template <typename... Ts>
struct Overloaded : Ts... {
  using Ts::operator()...;
};
template <typename... Ts>
Overloaded(Ts...) -> Overloaded<Ts...>;

// Where a field lives in TrialSummary; its type decides how each format spells it.
using TrialFieldMember =
    std::variant<int TrialSummary::*, long long TrialSummary::*, double TrialSummary::*,
                 std::string TrialSummary::*, TrialStatus TrialSummary::*,
                 SweptValues TrialSummary::*, std::vector<double> TrialSummary::*,
                 std::vector<long long> TrialSummary::*, std::vector<int> TrialSummary::*,
                 TrialWriter TrialSummary::*>;

struct TrialField {
  const char* key;     // JSON key
  const char* column;  // column of the store's trials table
  const char* csv;     // CSV header; nullptr: not a CSV column (lists; swept keys get their own)
  // False for what only the run folder's records and the store keep (start and end times, the
  // writing process): the results tables (CSV, JSON) stay as scripts know them.
  bool in_results_table;
  TrialFieldMember member;
  bool negative_is_none = false;  // an integer below 0 means "none" (best_epoch): empty in CSV
};

const std::vector<TrialField>& trialFields();

// Every field (or only the results table's), in table order. NaN becomes null.
Json trialFieldsToJson(const TrialSummary& trial, bool resultsTableOnly);
// Fields missing from the object keep their defaults (older files).
void trialFieldsFromJson(const ObjectReader& in, TrialSummary& trial);

// The CSV cell of a field that has a CSV header.
std::string trialFieldCsvValue(const TrialField& field, const TrialSummary& trial);

Json writerToJson(const TrialWriter& writer);
TrialWriter writerFromJson(const Json& json, const std::string& where);

}  // namespace sweeplab
