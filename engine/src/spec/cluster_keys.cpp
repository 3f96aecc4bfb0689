// The `cluster:` section's keys. They say where a study runs, never what a trial trains, so they
// are not sweepable, the comparison guard ignores them (it looks at dataset, model and training
// keys only) and a saved file leaves the section out while it holds only defaults.
#include "spec/cluster_keys.h"

#include <cctype>

#include "spec/key_builders.h"

namespace sweeplab {
namespace {

using S = ExperimentSpec;

bool digits(const std::string& text, size_t most) {
  if (text.empty() || text.size() > most) return false;
  for (char c : text)
    if (!std::isdigit(static_cast<unsigned char>(c))) return false;
  return true;
}

std::vector<std::string> split(const std::string& text, char separator) {
  std::vector<std::string> parts;
  size_t begin = 0;
  for (size_t at = text.find(separator); at != std::string::npos;
       begin = at + 1, at = text.find(separator, begin))
    parts.push_back(text.substr(begin, at - begin));
  parts.push_back(text.substr(begin));
  return parts;
}

KeyDef timeKey() {
  KeyDef def = stringKey(
      "cluster.time", [](S& s) -> std::string& { return s.cluster.time; },
      "The time limit of each array task, in Slurm's form D-HH:MM:SS (also HH:MM:SS, MM:SS or "
      "minutes); empty: the partition's default.");
  def.info.pattern = "^([0-9]{1,9}(:[0-9]{1,2}){0,2}|[0-9]{1,5}-[0-9]{1,2}(:[0-9]{1,2}){0,2})?$";
  def.check = [](const S& spec) {
    if (!spec.cluster.time.empty() && !isSlurmTime(spec.cluster.time))
      throw ValueError{
          "expected a Slurm time limit: D-HH:MM:SS, HH:MM:SS, MM:SS or minutes "
          "(e.g. 0-02:00:00 or 120), got '" +
          spec.cluster.time + "'"};
  };
  return def;
}

// A list, even of one option: a bare text would otherwise be taken for one sbatch argument
// whose spaces sbatch would never split.
KeyDef sbatchArgsKey() {
  KeyDef def = stringListKey(
      "cluster.sbatch_args",
      [](S& s) -> std::vector<std::string>& { return s.cluster.sbatch_args; },
      "Other sbatch options, one per item, passed as they are after the others, e.g. "
      "[--exclusive, --constraint=a100].");
  auto set = def.set;
  def.set = [set](S& spec, const YAML::Node& node) {
    if (!node.IsSequence() && !node.IsNull())
      throw ValueError{
          "expected a list of sbatch options, e.g. [--exclusive, "
          "--constraint=a100], got '" +
          scalarText(node) + "'"};
    set(spec, node);
  };
  return def;
}

}  // namespace

bool isSlurmTime(const std::string& text) {
  const std::vector<std::string> dayAndRest = split(text, '-');
  if (dayAndRest.size() > 2) return false;
  const bool withDays = dayAndRest.size() == 2;
  if (withDays && !digits(dayAndRest[0], 5)) return false;
  const std::vector<std::string> fields = split(dayAndRest.back(), ':');
  if (fields.size() > 3) return false;
  // Without days the first field is minutes (MM, MM:SS) or hours (HH:MM:SS), and may be large;
  // every later field, and the hours after days, are two digits at most.
  for (size_t i = 0; i < fields.size(); ++i)
    if (!digits(fields[i], i == 0 && !withDays ? 9 : 2)) return false;
  return true;
}

bool isClusterKey(const std::string& key) {
  return key.rfind("cluster.", 0) == 0;
}

bool clusterSectionIsDefault(const ExperimentSpec& spec) {
  const ExperimentSpec defaults;
  for (const KeyDef& def : keyDefs())
    if (isClusterKey(def.info.key) && def.get(spec) != def.get(defaults)) return false;
  return true;
}

std::vector<KeyDef> clusterKeyDefs() {
  std::vector<KeyDef> t;
  t.push_back(stringKey(
      "cluster.partition", [](S& s) -> std::string& { return s.cluster.partition; },
      "The Slurm partition the array job is submitted to; empty: the cluster's default."));
  t.push_back(stringKey(
      "cluster.account", [](S& s) -> std::string& { return s.cluster.account; },
      "The Slurm account charged for the array job; empty: your default account."));
  t.push_back(stringKey(
      "cluster.qos", [](S& s) -> std::string& { return s.cluster.qos; },
      "The Slurm quality of service of the array job; empty: the default one."));
  t.push_back(timeKey());
  t.push_back(stringKey(
      "cluster.mem", [](S& s) -> std::string& { return s.cluster.mem; },
      "Memory of each array task as sbatch's --mem takes it, e.g. 4G; empty: Slurm's default."));
  t.push_back(integerKey(
      "cluster.cpus_per_task", [](S& s) -> int& { return s.cluster.cpus_per_task; }, atLeast(0),
      "CPUs of each array task; its trials train side by side on them. 0: sbatch's default "
      "(one)."));
  t.push_back(integerKey(
      "cluster.gpus_per_task", [](S& s) -> int& { return s.cluster.gpus_per_task; }, atLeast(0),
      "GPUs of each array task; 0 asks for none."));
  t.push_back(integerKey(
      "cluster.array_parallelism", [](S& s) -> int& { return s.cluster.array_parallelism; },
      atLeast(0),
      "At most this many array tasks run at a time (sbatch's --array=0-M%N); 0: as many as "
      "Slurm allows."));
  t.push_back(integerKey(
      "cluster.trials_per_task", [](S& s) -> int& { return s.cluster.trials_per_task; }, atLeast(0),
      "Trials each array task trains one after the other; 0: one per task up to 100 trials, "
      "then enough to keep about 100 tasks."));
  t.push_back(sbatchArgsKey());
  t.push_back(stringKey(
      "cluster.command_prefix", [](S& s) -> std::string& { return s.cluster.command_prefix; },
      "Runs every Slurm command through this command, e.g. 'ssh login.cluster.example' from a "
      "workstation; empty: the commands run here."));
  return t;
}

}  // namespace sweeplab
