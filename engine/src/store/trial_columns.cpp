#include "store/trial_columns.h"

#include <nlohmann/json.hpp>

#include "results/trial_fields.h"
#include "store/run_store_impl.h"

namespace sweeplab::store {
namespace {

using T = TrialSummary;

std::string writerText(const TrialWriter& writer) {
  return writerToJson(writer).dump(-1, ' ', false, Json::error_handler_t::replace);
}

TrialWriter writerFromText(const std::string& text) {
  const Json json = Json::parse(text, nullptr, false);
  try {
    return json.is_object() ? writerFromJson(json, "writer") : TrialWriter{};
  } catch (const InputError&) {
    return TrialWriter{};
  }
}

}  // namespace

const std::string& trialSummaryColumns() {
  static const std::string columns = [] {
    std::string list;
    for (const TrialField& field : trialFields())
      list += (list.empty() ? "" : ", ") + std::string(field.column);
    return list;
  }();
  return columns;
}

int trialSummaryColumnCount() {
  return static_cast<int>(trialFields().size());
}

void bindTrialSummary(Statement& statement, int first, const TrialSummary& trial) {
  int parameter = first;
  for (const TrialField& field : trialFields()) {
    const int p = parameter++;
    std::visit(Overloaded{
                   [&](TrialStatus T::*m) { statement.bind(p, toString(trial.*m)); },
                   [&](SweptValues T::*m) { statement.bind(p, sweptToJson(trial.*m)); },
                   [&](TrialWriter T::*m) { statement.bind(p, writerText(trial.*m)); },
                   [&](std::vector<double> T::*m) { statement.bind(p, listToJson(trial.*m)); },
                   [&](std::vector<long long> T::*m) { statement.bind(p, listToJson(trial.*m)); },
                   [&](std::vector<int> T::*m) { statement.bind(p, listToJson(trial.*m)); },
                   [&](auto m) { statement.bind(p, trial.*m); },
               },
               field.member);
  }
}

TrialSummary trialSummaryFromRow(const Statement& row, int first) {
  TrialSummary trial;
  int column = first;
  for (const TrialField& field : trialFields()) {
    const int c = column++;
    std::visit(Overloaded{
                   [&](int T::*m) {
                     trial.*m = static_cast<int>(row.integer(c, field.negative_is_none ? -1 : 0));
                   },
                   [&](long long T::*m) { trial.*m = row.integer(c); },
                   [&](double T::*m) { trial.*m = row.real(c); },
                   [&](std::string T::*m) { trial.*m = row.text(c); },
                   [&](TrialStatus T::*m) {
                     try {
                       trial.*m = trialStatusFromString(row.text(c));
                     } catch (const InputError&) {
                       trial.*m = TrialStatus::Interrupted;
                     }
                   },
                   [&](SweptValues T::*m) { trial.*m = sweptFromJson(row.text(c)); },
                   [&](TrialWriter T::*m) { trial.*m = writerFromText(row.text(c)); },
                   [&](auto m) { listFromJson(row.text(c), trial.*m); },
               },
               field.member);
  }
  return trial;
}

}  // namespace sweeplab::store
