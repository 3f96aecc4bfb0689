// summary.json: every field of a run and its trials, written pretty-printed for people and
// read back strictly, with messages that name the file and the field that is wrong.
#include "summary_json.h"

#include <sys/stat.h>
#include <cmath>
#include <fstream>
#include <sstream>
#include <type_traits>
#include <vector>

#include "sweeplab/errors.h"
#include "sweeplab/run_folder.h"

namespace sweeplab {
namespace {

Json numberOrNull(double value) {
  if (std::isfinite(value)) return value;
  return nullptr;
}

Json numbersOrNulls(const std::vector<double>& values) {
  Json list = Json::array();
  for (double value : values) list.push_back(numberOrNull(value));
  return list;
}

// Reads fields of one JSON object. A missing field keeps its default so that files written
// before a field existed still load; a field of the wrong type is an error.
class ObjectReader {
 public:
  ObjectReader(const Json& object, std::string where) : object_(object), where_(std::move(where)) {
    if (!object_.is_object()) fail("", "expected an object");
  }

  void read(const char* key, std::string& out) const {
    if (const Json* value = find(key)) {
      if (!value->is_string()) fail(key, "expected a string");
      out = value->get<std::string>();
    }
  }

  void read(const char* key, double& out) const {
    if (const Json* value = find(key)) {
      if (value->is_null()) {
        out = kNoValue;
      } else if (value->is_number()) {
        out = value->get<double>();
      } else {
        fail(key, "expected a number or null");
      }
    }
  }

  void read(const char* key, long long& out) const {
    if (const Json* value = find(key)) {
      if (!value->is_number_integer()) fail(key, "expected a whole number");
      out = value->get<long long>();
    }
  }

  void read(const char* key, int& out) const {
    long long wide = out;
    read(key, wide);
    out = static_cast<int>(wide);
  }

  // A list of numbers (null for NaN), whole numbers or strings.
  template <typename T>
  void read(const char* key, std::vector<T>& out) const {
    const Json* value = find(key);
    if (!value) return;
    if (!value->is_array()) fail(key, "expected a list");
    out.clear();
    for (std::size_t i = 0; i < value->size(); ++i) {
      const Json& item = (*value)[i];
      const std::string place = std::string(key) + "[" + std::to_string(i) + "]";
      if constexpr (std::is_same_v<T, double>) {
        if (!item.is_null() && !item.is_number()) fail(place, "expected a number or null");
        out.push_back(item.is_null() ? kNoValue : item.get<double>());
      } else if constexpr (std::is_same_v<T, std::string>) {
        if (!item.is_string()) fail(place, "expected a string");
        out.push_back(item.get<std::string>());
      } else {
        if (!item.is_number_integer()) fail(place, "expected a whole number");
        out.push_back(item.get<T>());
      }
    }
  }

  const Json* find(const char* key) const {
    const auto it = object_.find(key);
    return it == object_.end() ? nullptr : &*it;
  }

  [[noreturn]] void fail(const std::string& key, const std::string& problem) const {
    std::string place = where_;
    if (!key.empty()) place += place.empty() ? key : "." + key;
    throw InputError(place + ": " + problem);
  }

 private:
  const Json& object_;
  std::string where_;
};

TrialSummary trialSummaryFromJson(const Json& json, const std::string& where) {
  const ObjectReader in(json, where);
  TrialSummary trial;
  in.read("index", trial.index);
  in.read("label", trial.label);
  if (const Json* swept = in.find("swept")) {
    if (!swept->is_object()) in.fail("swept", "expected an object of key: value");
    for (const auto& [key, value] : swept->items()) {
      if (!value.is_string()) in.fail("swept." + key, "expected a string");
      trial.swept.emplace_back(key, value.get<std::string>());
    }
  }
  in.read("repeat", trial.repeat);
  in.read("seed", trial.seed);
  in.read("model", trial.model);
  std::string status = toString(trial.status);
  in.read("status", status);
  try {
    trial.status = trialStatusFromString(status);
  } catch (const InputError& error) {
    in.fail("status", error.what());
  }
  in.read("message", trial.message);
  in.read("train_acc", trial.train_acc);
  in.read("train_loss", trial.train_loss);
  in.read("val_acc", trial.val_acc);
  in.read("val_loss", trial.val_loss);
  in.read("best_val_acc", trial.best_val_acc);
  in.read("best_val_loss", trial.best_val_loss);
  in.read("best_epoch", trial.best_epoch);
  in.read("test_acc", trial.test_acc);
  in.read("test_loss", trial.test_loss);
  in.read("test_acc_micro", trial.test_acc_micro);
  in.read("tested_checkpoint", trial.tested_checkpoint);
  in.read("test_class_recall", trial.test_class_recall);
  in.read("test_confusion", trial.test_confusion);
  in.read("dead_classes", trial.dead_classes);
  in.read("trainable_parameters", trial.trainable_parameters);
  in.read("train_rows", trial.train_rows);
  in.read("val_rows", trial.val_rows);
  in.read("test_rows", trial.test_rows);
  in.read("device", trial.device);
  in.read("wall_seconds", trial.wall_seconds);
  in.read("epochs_completed", trial.epochs_completed);
  in.read("steps", trial.steps);
  in.read("folder", trial.folder);
  return trial;
}

std::string readWholeFile(const std::string& path) {
  std::ifstream file(path, std::ios::binary);
  if (!file) throw InputError(path + ": cannot read the file");
  std::ostringstream content;
  content << file.rdbuf();
  return content.str();
}

bool isFolder(const std::string& path) {
  struct stat info {};
  return ::stat(path.c_str(), &info) == 0 && S_ISDIR(info.st_mode);
}

bool exists(const std::string& path) {
  struct stat info {};
  return ::stat(path.c_str(), &info) == 0;
}

}  // namespace

Json trialSummaryToJson(const TrialSummary& trial) {
  Json swept = Json::object();
  for (const auto& [key, value] : trial.swept) swept[key] = value;
  return Json{
      {"index", trial.index},
      {"label", trial.label},
      {"swept", swept},
      {"repeat", trial.repeat},
      {"seed", trial.seed},
      {"model", trial.model},
      {"status", toString(trial.status)},
      {"message", trial.message},
      {"train_acc", numberOrNull(trial.train_acc)},
      {"train_loss", numberOrNull(trial.train_loss)},
      {"val_acc", numberOrNull(trial.val_acc)},
      {"val_loss", numberOrNull(trial.val_loss)},
      {"best_val_acc", numberOrNull(trial.best_val_acc)},
      {"best_val_loss", numberOrNull(trial.best_val_loss)},
      {"best_epoch", trial.best_epoch},
      {"test_acc", numberOrNull(trial.test_acc)},
      {"test_loss", numberOrNull(trial.test_loss)},
      {"test_acc_micro", numberOrNull(trial.test_acc_micro)},
      {"tested_checkpoint", trial.tested_checkpoint},
      {"test_class_recall", numbersOrNulls(trial.test_class_recall)},
      {"test_confusion", trial.test_confusion},
      {"dead_classes", trial.dead_classes},
      {"trainable_parameters", trial.trainable_parameters},
      {"train_rows", trial.train_rows},
      {"val_rows", trial.val_rows},
      {"test_rows", trial.test_rows},
      {"device", trial.device},
      {"wall_seconds", numberOrNull(trial.wall_seconds)},
      {"epochs_completed", trial.epochs_completed},
      {"steps", trial.steps},
      {"folder", trial.folder},
  };
}

std::string runSummaryToJson(const RunSummary& summary) {
  Json trials = Json::array();
  for (const TrialSummary& trial : summary.trials) trials.push_back(trialSummaryToJson(trial));
  const Json json{
      {"format_version", kSummaryFormatVersion},
      {"experiment_name", summary.experiment_name},
      {"experiment_file", summary.experiment_file},
      {"started_at", summary.started_at},
      {"device", summary.device},
      {"dataset", summary.dataset},
      {"dataset_fingerprint", summary.dataset_fingerprint},
      {"sweeplab_version", summary.sweeplab_version},
      {"libtorch_version", summary.libtorch_version},
      {"cpu_model", summary.cpu_model},
      {"cpu_threads", summary.cpu_threads},
      {"parallel_trials", summary.parallel_trials},
      {"threads_per_trial", summary.threads_per_trial},
      {"dataset_source", summary.dataset_source},
      {"dataset_content_hash", summary.dataset_content_hash},
      {"train_rows", summary.train_rows},
      {"val_rows", summary.val_rows},
      {"test_rows", summary.test_rows},
      {"class_names", summary.class_names},
      {"writer_host", summary.writer_host},
      {"writer_pid", summary.writer_pid},
      {"finished_at", summary.finished_at},
      {"trials", trials},
  };
  // Invalid UTF-8 (a label from a Latin-1 file) must not make the whole summary unwritable.
  return json.dump(2, ' ', false, Json::error_handler_t::replace) + "\n";
}

RunSummary runSummaryFromJson(const std::string& text, const std::string& origin) {
  Json json;
  try {
    json = Json::parse(text);
  } catch (const Json::parse_error& error) {
    throw InputError(origin + ": not valid JSON (" + error.what() + ")");
  }
  try {
    const ObjectReader in(json, "");
    int version = kSummaryFormatVersion;
    in.read("format_version", version);
    if (version > kSummaryFormatVersion) {
      in.fail("format_version", std::to_string(version) +
                                    " is newer than this version of Sweeplab reads (up to " +
                                    std::to_string(kSummaryFormatVersion) + ")");
    }
    RunSummary summary;
    in.read("experiment_name", summary.experiment_name);
    in.read("experiment_file", summary.experiment_file);
    in.read("started_at", summary.started_at);
    in.read("device", summary.device);
    in.read("dataset", summary.dataset);
    in.read("dataset_fingerprint", summary.dataset_fingerprint);
    in.read("sweeplab_version", summary.sweeplab_version);
    in.read("libtorch_version", summary.libtorch_version);
    in.read("cpu_model", summary.cpu_model);
    in.read("cpu_threads", summary.cpu_threads);
    in.read("parallel_trials", summary.parallel_trials);
    in.read("threads_per_trial", summary.threads_per_trial);
    in.read("dataset_source", summary.dataset_source);
    in.read("dataset_content_hash", summary.dataset_content_hash);
    in.read("train_rows", summary.train_rows);
    in.read("val_rows", summary.val_rows);
    in.read("test_rows", summary.test_rows);
    in.read("class_names", summary.class_names);
    in.read("writer_host", summary.writer_host);
    in.read("writer_pid", summary.writer_pid);
    in.read("finished_at", summary.finished_at);
    if (const Json* trials = in.find("trials")) {
      if (!trials->is_array()) in.fail("trials", "expected a list of trials");
      for (std::size_t i = 0; i < trials->size(); ++i) {
        summary.trials.push_back(
            trialSummaryFromJson((*trials)[i], "trials[" + std::to_string(i) + "]"));
      }
    }
    return summary;
  } catch (const InputError& error) {
    throw InputError(origin + ": " + error.what());
  }
}

void writeRunSummary(const std::string& runDir, const RunSummary& summary) {
  writeFileAtomically(runDir + "/" + kSummaryFileName, runSummaryToJson(summary));
}

RunSummary readRunSummary(const std::string& runDir) {
  if (!exists(runDir)) throw InputError(runDir + ": no such folder");
  if (!isFolder(runDir)) throw InputError(runDir + ": not a folder (expected a run folder)");
  const std::string path = runDir + "/" + kSummaryFileName;
  if (!exists(path)) {
    throw InputError(runDir + ": no " + kSummaryFileName + " (is this a Sweeplab run folder?)");
  }
  RunSummary summary = runSummaryFromJson(readWholeFile(path), path);
  markInterruptedTrials(summary);
  return summary;
}

}  // namespace sweeplab
