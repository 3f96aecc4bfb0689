#include "sweeplab/cluster/cluster_record.h"

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "sweeplab/errors.h"
#include "sweeplab/run_folder.h"

namespace sweeplab {
namespace fs = std::filesystem;
using Json = nlohmann::ordered_json;
namespace {

fs::path recordPath(const std::string& runDir) {
  return fs::path(runDir) / kClusterFolderName / kSubmissionsFileName;
}

Json settingsToJson(const SlurmSettings& s) {
  return Json{{"partition", s.partition},
              {"account", s.account},
              {"qos", s.qos},
              {"time", s.time},
              {"mem", s.mem},
              {"cpus_per_task", s.cpus_per_task},
              {"gpus_per_task", s.gpus_per_task},
              {"array_parallelism", s.array_parallelism},
              {"trials_per_task", s.trials_per_task},
              {"sbatch_args", s.sbatch_args},
              {"command_prefix", s.command_prefix}};
}

SlurmSettings settingsFromJson(const Json& j) {
  SlurmSettings s;
  s.partition = j.value("partition", "");
  s.account = j.value("account", "");
  s.qos = j.value("qos", "");
  s.time = j.value("time", "");
  s.mem = j.value("mem", "");
  s.cpus_per_task = j.value("cpus_per_task", 0);
  s.gpus_per_task = j.value("gpus_per_task", 0);
  s.array_parallelism = j.value("array_parallelism", 0);
  s.trials_per_task = j.value("trials_per_task", 0);
  s.sbatch_args = j.value("sbatch_args", std::vector<std::string>{});
  s.command_prefix = j.value("command_prefix", "");
  return s;
}

}  // namespace

const SlurmSubmission* ClusterRecord::latestFor(int trial, int* task) const {
  for (auto it = submissions.rbegin(); it != submissions.rend(); ++it) {
    for (size_t t = 0; t < it->packs.size(); ++t) {
      for (int index : it->packs[t]) {
        if (index != trial) continue;
        if (task) *task = static_cast<int>(t);
        return &*it;
      }
    }
  }
  return nullptr;
}

bool isClusterRun(const std::string& runDir) {
  std::error_code error;
  return fs::exists(recordPath(runDir), error);
}

ClusterRecord readClusterRecord(const std::string& runDir) {
  const fs::path path = recordPath(runDir);
  std::ifstream file(path);
  if (!file) throw InputError(path.string() + ": cannot read the file (was the run submitted?)");
  std::stringstream text;
  text << file.rdbuf();
  ClusterRecord record;
  try {
    const Json json = Json::parse(text.str());
    record.settings = settingsFromJson(json.at("settings"));
    for (const Json& item : json.at("submissions")) {
      SlurmSubmission submission;
      submission.job_id = item.at("job_id").get<std::string>();
      submission.script = item.value("script", "");
      submission.submitted_at = item.value("submitted_at", "");
      submission.packs = item.at("packs").get<std::vector<std::vector<int>>>();
      record.submissions.push_back(std::move(submission));
    }
  } catch (const Json::exception& error) {
    throw InputError(path.string() + ": not a Slurm submissions record (" + error.what() + ")");
  }
  return record;
}

void writeClusterRecord(const std::string& runDir, const ClusterRecord& record) {
  Json submissions = Json::array();
  for (const SlurmSubmission& s : record.submissions)
    submissions.push_back({{"job_id", s.job_id},
                           {"script", s.script},
                           {"submitted_at", s.submitted_at},
                           {"packs", s.packs}});
  const Json json{{"settings", settingsToJson(record.settings)}, {"submissions", submissions}};
  fs::create_directories(recordPath(runDir).parent_path());
  writeFileAtomically(recordPath(runDir).string(), json.dump(2) + "\n");
}

}  // namespace sweeplab
