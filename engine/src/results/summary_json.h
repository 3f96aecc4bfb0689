// JSON form of trial and run summaries, shared by summary.json, run.json, trial.json and the
// JSON results table.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "sweeplab/metrics.h"

namespace sweeplab {

// Ordered, so files list fields in the order of the structs and swept keys in sweep order.
using Json = nlohmann::ordered_json;

class ObjectReader;

inline constexpr int kSummaryFormatVersion = 1;

// Every field of the trial field table (trial_fields.h), or only those of the results tables.
// Missing values (NaN) become null.
Json trialSummaryToJson(const TrialSummary& trial, bool resultsTableOnly = false);
TrialSummary trialSummaryFromJson(const Json& json, const std::string& where);

// The run-level facts that summary.json and run.json share (experiment, dataset, machine).
Json runFieldsToJson(const RunSummary& summary);
void runFieldsFromJson(const ObjectReader& in, RunSummary& summary);

// Helpers of every JSON file of a run folder; errors name `origin` (the file).
std::string readRecordFile(const std::string& path);  // throws InputError
Json parseJsonFile(const std::string& text, const std::string& origin);
void checkFormatVersion(const ObjectReader& in, int newest);
// Pretty-printed; invalid UTF-8 (a label from a Latin-1 file) is replaced, never unwritable.
std::string jsonFileText(const Json& json);

}  // namespace sweeplab
