// The cost estimate's timings on disk: a small JSON file in the cache folder, one entry per
// machine, version and training shape, so a second estimate of the same study trains nothing.
#pragma once

#include <map>
#include <optional>
#include <string>

#include "sweeplab/cost_estimate.h"

namespace sweeplab {

class TimingCache {
 public:
  // The file `cost-timings.json` in `cacheDir`; an empty folder keeps timings in memory only.
  explicit TimingCache(const std::string& cacheDir);

  // A timing is only reused on the machine and versions that measured it, for the same data.
  static std::string keyOf(const TimingShape& shape, long long trainRows, long long valRows,
                           long long testRows);
  // The dataset's loading time is kept beside the shapes, under its fingerprint.
  static std::string dataKeyOf(const std::string& fingerprint);
  // Other figures of this machine and version, e.g. "files-per-write".
  static std::string machineKeyOf(const std::string& what);

  std::optional<ShapeTiming> find(const std::string& key) const;
  std::optional<double> findSeconds(const std::string& key) const;
  void put(const std::string& key, const ShapeTiming& timing);
  void putSeconds(const std::string& key, double seconds);
  // Writes the file when something was added; a cache that cannot be written is no error.
  void save();

  std::string path() const { return path_; }

 private:
  void load();

  std::string path_;
  std::map<std::string, ShapeTiming> entries_;
  std::map<std::string, double> seconds_;
  bool changed_ = false;
};

}  // namespace sweeplab
