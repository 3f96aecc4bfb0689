// summary.json: every field of a run and its trials, written pretty-printed for people and
// read back strictly, with messages that name the file and the field that is wrong.
#include "summary_json.h"

#include <fstream>
#include <sstream>
#include <vector>

#include "json_object_reader.h"
#include "sweeplab/errors.h"
#include "sweeplab/run_folder.h"
#include "trial_fields.h"

namespace sweeplab {

std::string readRecordFile(const std::string& path) {
  std::ifstream file(path, std::ios::binary);
  if (!file) throw InputError(path + ": cannot read the file");
  std::ostringstream content;
  content << file.rdbuf();
  return content.str();
}

Json parseJsonFile(const std::string& text, const std::string& origin) {
  try {
    return Json::parse(text);
  } catch (const Json::parse_error& error) {
    throw InputError(origin + ": not valid JSON (" + error.what() + ")");
  }
}

void checkFormatVersion(const ObjectReader& in, int newest) {
  int version = newest;
  in.read("format_version", version);
  if (version > newest) {
    in.fail("format_version", std::to_string(version) +
                                  " is newer than this version of Sweeplab reads (up to " +
                                  std::to_string(newest) + ")");
  }
}

std::string jsonFileText(const Json& json) {
  return json.dump(2, ' ', false, Json::error_handler_t::replace) + "\n";
}

Json trialSummaryToJson(const TrialSummary& trial, bool resultsTableOnly) {
  return trialFieldsToJson(trial, resultsTableOnly);
}

TrialSummary trialSummaryFromJson(const Json& json, const std::string& where) {
  TrialSummary trial;
  trialFieldsFromJson(ObjectReader(json, where), trial);
  return trial;
}

Json runFieldsToJson(const RunSummary& summary) {
  return Json{
      {"experiment_name", summary.experiment_name},
      {"experiment_file", summary.experiment_file},
      {"source_file", summary.source_file},
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
  };
}

void runFieldsFromJson(const ObjectReader& in, RunSummary& summary) {
  in.read("experiment_name", summary.experiment_name);
  in.read("experiment_file", summary.experiment_file);
  in.read("source_file", summary.source_file);
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
}

std::string runSummaryToJson(const RunSummary& summary) {
  Json trials = Json::array();
  // Each trial as the results tables show it: when it ran and which process trained it stay in
  // its own record (trial.json), so summary.json reads as it always has.
  for (const TrialSummary& trial : summary.trials)
    trials.push_back(trialSummaryToJson(trial, true));
  Json json{{"format_version", kSummaryFormatVersion}};
  json.update(runFieldsToJson(summary));
  json["writer_host"] = summary.writer_host;
  json["writer_pid"] = summary.writer_pid;
  json["finished_at"] = summary.finished_at;
  json["trials"] = trials;
  return jsonFileText(json);
}

RunSummary runSummaryFromJson(const std::string& text, const std::string& origin) {
  const Json json = parseJsonFile(text, origin);
  try {
    const ObjectReader in(json, "");
    checkFormatVersion(in, kSummaryFormatVersion);
    RunSummary summary;
    runFieldsFromJson(in, summary);
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

}  // namespace sweeplab
