#include "plan/timing_cache.h"

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <thread>

#include "sweeplab/model_catalog.h"
#include "sweeplab/run_folder.h"
#include "sweeplab/runtime_info.h"

namespace sweeplab {
namespace fs = std::filesystem;
namespace {

constexpr const char* kFileName = "cost-timings.json";
constexpr size_t kMaxEntries = 500;  // old entries go when the file grows past this

// Everything that changes the pace of a step besides the shape: the machine and the code.
std::string machineKey() {
  return "cpu=" + cpuModel() + "|cores=" + std::to_string(std::thread::hardware_concurrency()) +
         "|sweeplab=" + sweeplabVersion() + "|libtorch=" + libtorchVersion();
}

// The layers, not the name: an mlp and the catalog model with its layers train alike.
std::string modelKey(const ModelSpec& model) {
  std::string key;
  for (const LayerDef& layer : describeModel(model).layers)
    key += (key.empty() ? "" : " ") + layer.toString();
  return key;
}

}  // namespace

TimingCache::TimingCache(const std::string& cacheDir) {
  if (cacheDir.empty()) return;
  path_ = (fs::path(cacheDir) / kFileName).string();
  load();
}

std::string TimingCache::keyOf(const TimingShape& shape, long long trainRows, long long valRows,
                               long long testRows) {
  std::ostringstream key;
  key << machineKey() << "|model=" << modelKey(shape.model) << "|batch=" << shape.batch_size
      << "|optimizer=" << static_cast<int>(shape.optimizer) << "|threads=" << shape.threads
      << "|side_by_side=" << shape.side_by_side << "|rows=" << trainRows << "/" << valRows << "/"
      << testRows;
  // The group loop's pace per member is another figure than the single-trial loop's.
  if (shape.grouped) key << "|loop=group";
  return key.str();
}

std::string TimingCache::dataKeyOf(const std::string& fingerprint) {
  return machineKey() + "|load=" + fingerprint;
}

std::string TimingCache::machineKeyOf(const std::string& what) {
  return machineKey() + "|" + what;
}

std::optional<ShapeTiming> TimingCache::find(const std::string& key) const {
  const auto found = entries_.find(key);
  if (found == entries_.end()) return std::nullopt;
  return found->second;
}

std::optional<double> TimingCache::findSeconds(const std::string& key) const {
  const auto found = seconds_.find(key);
  if (found == seconds_.end()) return std::nullopt;
  return found->second;
}

void TimingCache::put(const std::string& key, const ShapeTiming& timing) {
  entries_[key] = timing;
  changed_ = true;
}

void TimingCache::putSeconds(const std::string& key, double seconds) {
  seconds_[key] = seconds;
  changed_ = true;
}

void TimingCache::load() {
  std::ifstream in(path_);
  if (!in) return;
  try {
    const nlohmann::json file = nlohmann::json::parse(in);
    for (const nlohmann::json& entry : file.at("entries")) {
      if (entry.contains("seconds")) {
        seconds_[entry.at("key").get<std::string>()] = entry.at("seconds").get<double>();
        continue;
      }
      ShapeTiming timing;
      timing.seconds_per_step = entry.at("seconds_per_step").get<double>();
      timing.seconds_per_epoch = entry.at("seconds_per_epoch").get<double>();
      timing.seconds_per_test = entry.at("seconds_per_test").get<double>();
      entries_[entry.at("key").get<std::string>()] = timing;
    }
  } catch (const std::exception&) {
    entries_.clear();  // a damaged cache is measured again, not trusted
    seconds_.clear();
  }
}

void TimingCache::save() {
  if (path_.empty() || !changed_) return;
  nlohmann::json entries = nlohmann::json::array();
  for (const auto& [key, timing] : entries_) {
    entries.push_back({{"key", key},
                       {"seconds_per_step", timing.seconds_per_step},
                       {"seconds_per_epoch", timing.seconds_per_epoch},
                       {"seconds_per_test", timing.seconds_per_test}});
  }
  for (const auto& [key, seconds] : seconds_)
    entries.push_back({{"key", key}, {"seconds", seconds}});
  // Keys sort by machine first, so the entries dropped are an arbitrary few, not this machine's
  // newest; the file only needs to stay small.
  while (entries.size() > kMaxEntries) entries.erase(entries.begin());
  try {
    fs::create_directories(fs::path(path_).parent_path());
    writeFileAtomically(path_, nlohmann::json{{"version", 1}, {"entries", entries}}.dump(1));
    changed_ = false;
  } catch (const std::exception&) {
  }
}

}  // namespace sweeplab
