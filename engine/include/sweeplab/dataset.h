// Datasets as the engine keeps them: resident, preprocessed tables shared read-only by all
// trials of a sweep. No torch types here; the trainer wraps the buffers without copying.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "sweeplab/experiment_spec.h"

namespace sweeplab {

// Row-major float features and integer class labels.
struct Table {
  std::vector<float> features;  // rows() * num_features values
  std::vector<std::int64_t> labels;
  std::int64_t rows() const { return static_cast<std::int64_t>(labels.size()); }
};

// What a reader returns before preprocessing.
struct RawDataset {
  std::vector<std::string> feature_names;
  std::vector<std::string> class_names;  // index = label
  Table table;
};

struct PreparedDataset {
  std::vector<std::string> feature_names;
  std::vector<std::string> class_names;
  Table train;  // the scaler is fitted on train + val (MASE fits it on train_val)
  Table val;    // held out from train_val (MASE validated on its training rows; we do not)
  Table test;
  std::vector<double> scaler_mean;      // per feature, fitted on train_val
  std::vector<double> scaler_scale;     // per feature (population std; 1 where it is 0)
  std::int64_t source_rows = 0;         // rows read
  std::int64_t duplicates_dropped = 0;  // exact duplicate rows (features and label) removed
  std::string fingerprint;              // hex hash of the source content and preprocessing options
  std::string description;              // one line, e.g. "synthetic-jsc, 830000 rows, seed 42"
  std::string source;                   // "synthetic-jsc, 3000 samples" or "csv /data/jets.csv"
  std::string content_hash;             // hex hash of the rows trained, validated and tested on

  int numFeatures() const { return static_cast<int>(feature_names.size()); }
  int numClasses() const { return static_cast<int>(class_names.size()); }
};

struct DatasetLoadOptions {
  std::string cache_dir;  // empty: no on-disk cache
  std::string base_dir;   // relative dataset paths resolve against it (the experiment's folder)
  std::function<void(const std::string&)> status;  // optional progress messages
};

// Reads or generates, drops duplicates, splits, standardises. Uses the on-disk cache when the
// source content and options match. Throws InputError naming file, row and column on bad data.
std::shared_ptr<const PreparedDataset> prepareDataset(const DatasetSpec& spec,
                                                      const DatasetLoadOptions& options = {});

// The 16 JSC input features, in the order of the hls4ml files.
const std::vector<std::string>& jscFeatureNames();
// JSC classes in the HDF5 one-hot order: g, q, w, z, t.
const std::vector<std::string>& jscClassNames();

// Default cache folder: $XDG_CACHE_HOME/sweeplab or ~/.cache/sweeplab.
std::string defaultCacheDir();

}  // namespace sweeplab
