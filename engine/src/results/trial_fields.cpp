// The trial field table and its JSON and CSV spellings; the store's lives in
// store/trial_columns.cpp.
#include "trial_fields.h"

#include <cmath>

#include "csv_text.h"

namespace sweeplab {
namespace {

using T = TrialSummary;

Json numberOrNull(double value) {
  if (std::isfinite(value)) return value;
  return nullptr;
}

}  // namespace

const std::vector<TrialField>& trialFields() {
  static const std::vector<TrialField> fields = {
      {"index", "trial_index", "index", true, &T::index},
      {"label", "label", "label", true, &T::label},
      {"swept", "swept_json", nullptr, true, &T::swept},
      {"repeat", "repeat", "repeat", true, &T::repeat},
      {"seed", "seed", "seed", true, &T::seed},
      {"model", "model", "model", true, &T::model},
      {"status", "status", "status", true, &T::status},
      {"message", "message", "message", true, &T::message},
      {"train_acc", "train_acc", "train_acc", true, &T::train_acc},
      {"train_loss", "train_loss", "train_loss", true, &T::train_loss},
      {"val_acc", "val_acc", "val_acc", true, &T::val_acc},
      {"val_loss", "val_loss", "val_loss", true, &T::val_loss},
      {"best_val_acc", "best_val_acc", "best_val_acc", true, &T::best_val_acc},
      {"best_val_loss", "best_val_loss", "best_val_loss", true, &T::best_val_loss},
      {"best_epoch", "best_epoch", "best_epoch", true, &T::best_epoch, true},
      {"test_acc", "test_acc", "test_acc", true, &T::test_acc},
      {"test_loss", "test_loss", "test_loss", true, &T::test_loss},
      {"test_acc_micro", "test_acc_micro", "test_acc_micro", true, &T::test_acc_micro},
      {"tested_checkpoint", "tested_checkpoint", "tested_checkpoint", true, &T::tested_checkpoint},
      {"test_class_recall", "test_class_recall_json", nullptr, true, &T::test_class_recall},
      {"test_confusion", "test_confusion_json", nullptr, true, &T::test_confusion},
      {"dead_classes", "dead_classes_json", nullptr, true, &T::dead_classes},
      {"trainable_parameters", "trainable_parameters", "trainable_parameters", true,
       &T::trainable_parameters},
      {"train_rows", "train_rows", "train_rows", true, &T::train_rows},
      {"val_rows", "val_rows", "val_rows", true, &T::val_rows},
      {"test_rows", "test_rows", "test_rows", true, &T::test_rows},
      {"device", "device", "device", true, &T::device},
      {"wall_seconds", "wall_seconds", "wall_seconds", true, &T::wall_seconds},
      {"epochs_completed", "epochs_completed", "epochs_completed", true, &T::epochs_completed},
      {"steps", "steps", "steps", true, &T::steps},
      {"folder", "folder", "folder", true, &T::folder},
      {"group", "trial_group", nullptr, true, &T::group},
      {"started_at", "started_at", nullptr, false, &T::started_at},
      {"finished_at", "finished_at", nullptr, false, &T::finished_at},
      {"writer", "writer_json", nullptr, false, &T::writer},
  };
  return fields;
}

Json writerToJson(const TrialWriter& writer) {
  Json json{{"host", writer.host}, {"pid", writer.pid}};
  const std::pair<const char*, const std::string*> slurm[] = {
      {"slurm_job_id", &writer.slurm_job_id},
      {"slurm_array_job_id", &writer.slurm_array_job_id},
      {"slurm_array_task_id", &writer.slurm_array_task_id},
      {"slurm_restart_count", &writer.slurm_restart_count},
  };
  for (const auto& [key, value] : slurm)
    if (!value->empty()) json[key] = *value;
  return json;
}

TrialWriter writerFromJson(const Json& json, const std::string& where) {
  const ObjectReader in(json, where);
  TrialWriter writer;
  in.read("host", writer.host);
  in.read("pid", writer.pid);
  in.read("slurm_job_id", writer.slurm_job_id);
  in.read("slurm_array_job_id", writer.slurm_array_job_id);
  in.read("slurm_array_task_id", writer.slurm_array_task_id);
  in.read("slurm_restart_count", writer.slurm_restart_count);
  return writer;
}

Json trialFieldsToJson(const TrialSummary& trial, bool resultsTableOnly) {
  Json json = Json::object();
  for (const TrialField& field : trialFields()) {
    if (resultsTableOnly && !field.in_results_table) continue;
    Json& out = json[field.key];
    std::visit(Overloaded{
                   [&](double T::*m) { out = numberOrNull(trial.*m); },
                   [&](TrialStatus T::*m) { out = toString(trial.*m); },
                   [&](SweptValues T::*m) {
                     out = Json::object();
                     for (const auto& [key, value] : trial.*m) out[key] = value;
                   },
                   [&](std::vector<double> T::*m) {
                     out = Json::array();
                     for (double value : trial.*m) out.push_back(numberOrNull(value));
                   },
                   [&](TrialWriter T::*m) { out = writerToJson(trial.*m); },
                   [&](auto m) { out = trial.*m; },
               },
               field.member);
  }
  return json;
}

void trialFieldsFromJson(const ObjectReader& in, TrialSummary& trial) {
  for (const TrialField& field : trialFields()) {
    std::visit(Overloaded{
                   [&](TrialStatus T::*m) {
                     std::string status = toString(trial.*m);
                     in.read(field.key, status);
                     try {
                       trial.*m = trialStatusFromString(status);
                     } catch (const InputError& error) {
                       in.fail(field.key, error.what());
                     }
                   },
                   [&](SweptValues T::*m) {
                     const Json* swept = in.find(field.key);
                     if (!swept) return;
                     if (!swept->is_object())
                       in.fail(field.key, "expected an object of key: value");
                     (trial.*m).clear();
                     for (const auto& [key, value] : swept->items()) {
                       if (!value.is_string())
                         in.fail(std::string(field.key) + "." + key, "expected a string");
                       (trial.*m).emplace_back(key, value.get<std::string>());
                     }
                   },
                   [&](TrialWriter T::*m) {
                     if (const Json* writer = in.find(field.key))
                       trial.*m = writerFromJson(*writer, field.key);
                   },
                   [&](auto m) { in.read(field.key, trial.*m); },
               },
               field.member);
  }
}

std::string trialFieldCsvValue(const TrialField& field, const TrialSummary& trial) {
  return std::visit(Overloaded{
                        [&](double T::*m) {
                          return std::isfinite(trial.*m) ? formatNumber(trial.*m, "%.9g")
                                                         : std::string();
                        },
                        [&](int T::*m) {
                          return field.negative_is_none && trial.*m < 0 ? std::string()
                                                                        : std::to_string(trial.*m);
                        },
                        [&](long long T::*m) { return std::to_string(trial.*m); },
                        [&](std::string T::*m) { return trial.*m; },
                        [&](TrialStatus T::*m) { return std::string(toString(trial.*m)); },
                        [&](auto) { return std::string(); },  // lists and objects have no CSV cell
                    },
                    field.member);
}

}  // namespace sweeplab
