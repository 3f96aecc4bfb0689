// The store as an index of run folders: one experiment per folder, its rows refreshed from
// run.json, the trial records, metrics.csv and the files beside them. Indexing twice gives the
// same rows, and a store that fell behind its folder (a process killed between the two) catches
// up the next time the folder is indexed.
#include <ctime>
#include <filesystem>
#include <fstream>
#include <iomanip>
#include <map>
#include <optional>
#include <sstream>

#include "store/run_store_impl.h"
#include "sweeplab/experiment_io.h"
#include "sweeplab/interop_exports.h"
#include "sweeplab/run_store.h"
#include "sweeplab/trial.h"

namespace sweeplab {
namespace fs = std::filesystem;
using store::Statement;
namespace {

std::string readText(const fs::path& path) {
  std::ifstream file(path, std::ios::binary);
  std::ostringstream content;
  content << file.rdbuf();
  return content.str();
}

double unixSeconds(const std::string& iso) {
  std::tm utc{};
  std::istringstream in(iso);
  in >> std::get_time(&utc, "%Y-%m-%dT%H:%M:%SZ");
  return in.fail() ? kNoValue : static_cast<double>(timegm(&utc));
}

// The experiment file with each trial's swept values and seed, once per index.
class TrialConfigs {
 public:
  explicit TrialConfigs(fs::path experimentFile) : file_(std::move(experimentFile)) {}
  std::string of(int index) {
    if (!loaded_) load();
    const auto it = yaml_.find(index);
    return it == yaml_.end() ? "" : it->second;
  }

 private:
  void load() {
    loaded_ = true;
    try {
      for (const TrialSpec& trial : expandTrials(loadExperimentFile(file_.string())))
        yaml_[trial.index] = saveExperimentYaml(trial.spec);
    } catch (const std::exception&) {
      // An experiment file that no longer loads leaves the configs empty, nothing else.
    }
  }
  fs::path file_;
  bool loaded_ = false;
  std::map<int, std::string> yaml_;
};

}  // namespace

long long RunStore::indexRunFolder(const std::string& runDir, int onlyTrial,
                                   const WriterAlive& alive) {
  RunSummary run;
  try {
    run = readRunSummary(runDir, alive);
  } catch (const InputError& error) {
    throw StoreError(std::string("cannot index the run folder: ") + error.what());
  }
  std::error_code error;
  const fs::path folder = fs::absolute(runDir, error).lexically_normal();
  TrialConfigs configs(folder / kExperimentFileName);
  long long id = 0;
  transaction([&] {
    id = experimentForRunDir(runDir);
    if (!id) {
      ExperimentRecord record;
      record.name = run.experiment_name;
      record.started_at = run.started_at;
      record.run_dir = folder.string();
      record.source_file = run.source_file;
      record.config_yaml = readText(folder / kExperimentFileName);
      record.device = run.device;
      record.dataset = run.dataset;
      id = addExperiment(record);
    }
    RunSummary indexed = run;
    if (onlyTrial >= 0) {
      indexed.trials.clear();
      for (const TrialSummary& trial : run.trials)
        if (trial.index == onlyTrial) indexed.trials.push_back(trial);
    }
    recordRun(id, indexed, derivedRunStatus(run, alive));
    for (const TrialSummary& trial : indexed.trials)
      indexTrialFiles(id, folder.string(), trial, onlyTrial >= 0,
                      [&](int index) { return configs.of(index); });
  });
  return id;
}

long long RunStore::indexRunFolderTrial(const std::string& runDir, const TrialSummary& header) {
  const long long id = experimentForRunDir(runDir);
  if (!id) return indexRunFolder(runDir);  // first sight of the folder: all of it
  std::optional<TrialSummary> trial;
  try {
    trial = readTrialRecord(runDir, header);
  } catch (const InputError& error) {
    throw StoreError(std::string("cannot index the run folder: ") + error.what());
  }
  if (!trial) return id;
  std::error_code error;
  const fs::path folder = fs::absolute(runDir, error).lexically_normal();
  TrialConfigs configs(folder / kExperimentFileName);
  transaction([&] {
    saveTrial(id, *trial);
    indexTrialFiles(id, folder.string(), *trial, true,
                    [&](int index) { return configs.of(index); });
  });
  return id;
}

void RunStore::indexTrialFiles(long long experimentId, const std::string& runDir,
                               const TrialSummary& trial, bool replacePoints,
                               const std::function<std::string(int)>& configOf) {
  Statement row(impl_->db,
                "SELECT id, config_yaml = '', started_unix IS NULL FROM trials"
                " WHERE experiment_id = ?1 AND trial_index = ?2");
  row.bind(1, experimentId).bind(2, trial.index);
  if (!row.step()) return;
  const long long trialId = row.integer(0);
  const bool needsConfig = row.integer(1) != 0;
  const bool needsStart = row.integer(2) != 0;
  if (needsConfig || (needsStart && !trial.started_at.empty())) {
    Statement update(impl_->db,
                     "UPDATE trials SET config_yaml = CASE WHEN config_yaml = '' THEN ?2"
                     " ELSE config_yaml END, started_unix = COALESCE(started_unix, ?3)"
                     " WHERE id = ?1");
    update.bind(1, trialId)
        .bind(2, needsConfig ? configOf(trial.index) : std::string())
        .bind(3, unixSeconds(trial.started_at))
        .run();
  }
  if (trial.status == TrialStatus::Queued) {
    clearTrialResults(trialId);  // a trial that starts over has nothing yet
    return;
  }
  std::vector<MetricPoint> points;
  try {
    points = readTrialMetrics(runDir, trial);
  } catch (const InputError&) {
    // No metrics.csv yet (before the first epoch's end): what was streamed stays.
    return;
  }
  if (replacePoints || metricPointCount(trialId) != static_cast<long long>(points.size())) {
    clearTrialResults(trialId);
    addMetricPoints(trialId, points);
  }
  const fs::path dir = fs::path(runDir) / trial.folder;
  const std::pair<const char*, const char*> files[] = {
      {"metrics-csv", kMetricsFileName},
      {"checkpoint-best", "best.pt"},
      {"checkpoint-last", "last.pt"},
      {"state-dict-best", kBestStateDictFileName},
      {"state-dict-last", kLastStateDictFileName},
      {"tensorboard-csv", kTensorBoardCsvFolder},
  };
  for (const auto& [kind, name] : files) {
    std::error_code error;
    if (fs::exists(dir / name, error)) addArtifact(trialId, {kind, (dir / name).string()});
  }
}

std::string indexRunFolderInStore(const std::string& storePath, const std::string& runDir) {
  if (storePath.empty()) return "";
  std::error_code error;
  if (!hasRunRecord(runDir) && !fs::exists(fs::path(runDir) / kSummaryFileName, error))
    return "";  // nothing recorded yet: nothing to index
  try {
    RunStore(storePath).indexRunFolder(runDir);
    return "";
  } catch (const std::exception& error) {
    return std::string("run store not updated: ") + error.what();
  }
}

}  // namespace sweeplab
