// The one entry point of the data layer: source -> duplicates dropped -> sklearn-identical
// train_val/test and train/val splits -> standard scaling fitted on train_val -> cache.
#include <chrono>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "data/content_hash.h"
#include "data/csv_reader.h"
#include "data/dataset_cache.h"
#include "data/dedupe.h"
#include "data/jsc_hdf5_reader.h"
#include "data/sklearn_split.h"
#include "data/source_file.h"
#include "data/standard_scaler.h"
#include "data/synthetic_jsc.h"
#include "sweeplab/errors.h"

namespace sweeplab {
namespace {

// Bump when the meaning of prepared data changes (generator, split or scaling rules), so old
// cache files stop matching.
constexpr std::uint64_t kPreparationVersion = 1;

const char* sourceName(DatasetSource source) {
  switch (source) {
    case DatasetSource::SyntheticJsc:
      return "synthetic-jsc";
    case DatasetSource::JscHdf5:
      return "jsc-hdf5";
    case DatasetSource::Csv:
      return "csv";
  }
  return "unknown";
}

void checkOptions(const DatasetSpec& spec) {
  const auto checkFraction = [](double value, const char* key) {
    if (!(value >= 0.0 && value < 1.0)) {
      throw InputError(std::string("dataset.") + key + ": " + std::to_string(value) +
                       " is outside the allowed range [0, 1)");
    }
  };
  checkFraction(spec.test_fraction, "test_fraction");
  checkFraction(spec.val_fraction, "val_fraction");
  if (spec.split_seed < 0) {
    throw InputError("dataset.split_seed: " + std::to_string(spec.split_seed) +
                     " is negative (allowed: 0 to 2147483647, as for numpy's RandomState)");
  }
  if (spec.source == DatasetSource::SyntheticJsc && spec.samples < 2) {
    throw InputError("dataset.samples: " + std::to_string(spec.samples) +
                     " is too small (allowed: 2 or more)");
  }
}

std::uint64_t hashFileStream(const std::string& path) {
  std::ifstream file(path, std::ios::binary);
  std::vector<char> buffer(1 << 20);
  ContentHash hash;
  while (file) {
    file.read(buffer.data(), static_cast<std::streamsize>(buffer.size()));
    hash.add(buffer.data(), static_cast<std::size_t>(file.gcount()));
  }
  if (file.bad()) throw InputError(path + ": reading failed (check the file and its permissions)");
  return hash.digest();
}

std::string fingerprintOf(const DatasetSpec& spec, std::uint64_t content_hash) {
  ContentHash key;
  key.addString("sweeplab prepared dataset");
  key.addU64(kPreparationVersion);
  key.addString(sourceName(spec.source));
  key.addU64(content_hash);
  if (spec.source == DatasetSource::SyntheticJsc) {
    key.addU64(static_cast<std::uint64_t>(spec.samples));
    if (kSyntheticJscVersion > 1) key.addU64(kSyntheticJscVersion);  // version 1 added nothing
  }
  if (spec.source == DatasetSource::Csv) {
    key.addString(spec.label_column);
    key.addU64(spec.feature_columns.size());
    for (const auto& column : spec.feature_columns) key.addString(column);
  }
  key.addDouble(spec.test_fraction);
  key.addDouble(spec.val_fraction);
  key.addU64(static_cast<std::uint64_t>(spec.split_seed));
  return toHex(key.digest());
}

Table gatherRows(const Table& source, const std::vector<std::int64_t>& rows, int num_features) {
  Table table;
  table.features.resize(rows.size() * num_features);
  table.labels.resize(rows.size());
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const float* from = &source.features[rows[i] * num_features];
    std::copy(from, from + num_features, &table.features[i * num_features]);
    table.labels[i] = source.labels[rows[i]];
  }
  return table;
}

std::shared_ptr<PreparedDataset> preprocess(RawDataset raw, const DatasetSpec& spec) {
  auto prepared = std::make_shared<PreparedDataset>();
  const int num_features = static_cast<int>(raw.feature_names.size());
  prepared->source_rows = raw.table.rows();
  prepared->duplicates_dropped = dropDuplicateRows(raw.table, num_features);

  // The train/val split uses the next seed so it is not a rescaled copy of the outer one.
  const auto seed = static_cast<std::uint32_t>(spec.split_seed);
  const SplitIndices outer = trainTestSplit(raw.table.rows(), spec.test_fraction, seed);
  const auto train_val_rows = static_cast<std::int64_t>(outer.train.size());
  const SplitIndices inner = trainTestSplit(train_val_rows, spec.val_fraction, seed + 1u);
  if (inner.train.empty()) {
    throw InputError("dataset: " + std::to_string(raw.table.rows()) +
                     " distinct rows leave no training rows after holding out test_fraction " +
                     std::to_string(spec.test_fraction) + " and val_fraction " +
                     std::to_string(spec.val_fraction));
  }
  const auto pick = [&](const std::vector<std::int64_t>& positions) {
    std::vector<std::int64_t> rows(positions.size());
    for (std::size_t i = 0; i < positions.size(); ++i) rows[i] = outer.train[positions[i]];
    return rows;
  };
  prepared->train = gatherRows(raw.table, pick(inner.train), num_features);
  prepared->val = gatherRows(raw.table, pick(inner.test), num_features);
  prepared->test = gatherRows(raw.table, outer.test, num_features);

  const StandardScaler scaler = fitStandardScaler({&prepared->train, &prepared->val}, num_features);
  for (Table* table : {&prepared->train, &prepared->val, &prepared->test}) {
    applyStandardScaler(scaler, *table);
  }
  prepared->scaler_mean = scaler.mean;
  prepared->scaler_scale = scaler.scale;
  prepared->feature_names = std::move(raw.feature_names);
  prepared->class_names = std::move(raw.class_names);
  return prepared;
}

// What the trials saw, split by split: two runs with equal hashes trained, validated and
// tested on the same rows in the same order, whatever the source.
std::string hashPreparedRows(const PreparedDataset& data) {
  ContentHash hash;
  for (const Table* table : {&data.train, &data.val, &data.test}) {
    hash.addU64(static_cast<std::uint64_t>(table->rows()));
    hash.add(table->features.data(), table->features.size() * sizeof(float));
    hash.add(table->labels.data(), table->labels.size() * sizeof(std::int64_t));
  }
  return toHex(hash.digest());
}

std::string describeSource(const DatasetSpec& spec, const std::string& file) {
  if (spec.source == DatasetSource::SyntheticJsc)
    return std::string(sourceName(spec.source)) + ", " + std::to_string(spec.samples) +
           " generated samples";
  return std::string(sourceName(spec.source)) + " " + file;
}

std::string describe(const DatasetSpec& spec, const std::string& file,
                     const PreparedDataset& data) {
  std::string text = sourceName(spec.source);
  if (!file.empty()) text += " " + file;
  text += ", " + std::to_string(data.source_rows) + " rows";
  if (data.duplicates_dropped > 0) {
    text += " (" + std::to_string(data.duplicates_dropped) + " duplicates dropped)";
  }
  text += ", split seed " + std::to_string(spec.split_seed) + ": " +
          std::to_string(data.train.rows()) + " train / " + std::to_string(data.val.rows()) +
          " val / " + std::to_string(data.test.rows()) + " test";
  return text;
}

}  // namespace

std::shared_ptr<const PreparedDataset> prepareDataset(const DatasetSpec& spec,
                                                      const DatasetLoadOptions& options) {
  checkOptions(spec);
  const auto status = [&](const std::string& message) {
    if (options.status) options.status(message);
  };
  std::string file;
  std::uint64_t content_hash = 0;
  if (spec.source != DatasetSource::SyntheticJsc) {
    file = resolveDataFile(spec.path, options.base_dir);
    status("Reading " + file);
    // Streaming the file for its hash touches little memory, so a cache hit stays cheap; the
    // CSV text is only read whole when it has to be parsed.
    content_hash = hashFileStream(file);
  }
  const std::string fingerprint = fingerprintOf(spec, content_hash);
  const std::string cache_path =
      options.cache_dir.empty() ? std::string() : datasetCachePath(options.cache_dir, fingerprint);
  if (!cache_path.empty()) {
    if (auto cached = loadCachedDataset(cache_path, fingerprint)) {
      cached->description = describe(spec, file, *cached);
      cached->source = describeSource(spec, file);
      cached->content_hash = hashPreparedRows(*cached);
      status("Loaded prepared data from the cache " + cache_path);
      return cached;
    }
  }

  RawDataset raw;
  switch (spec.source) {
    case DatasetSource::SyntheticJsc:
      status("Generating " + std::to_string(spec.samples) + " synthetic jets");
      raw = generateSyntheticJsc(spec.samples);
      break;
    case DatasetSource::JscHdf5:
      raw = readJscHdf5(file);
      break;
    case DatasetSource::Csv:
      raw = readCsv(readWholeFile(file), file, CsvColumns{spec.label_column, spec.feature_columns});
      break;
  }
  status("Removing duplicates, splitting and standardising " + std::to_string(raw.table.rows()) +
         " rows");
  std::shared_ptr<PreparedDataset> prepared = preprocess(std::move(raw), spec);
  prepared->fingerprint = fingerprint;
  prepared->description = describe(spec, file, *prepared);
  prepared->source = describeSource(spec, file);
  prepared->content_hash = hashPreparedRows(*prepared);
  if (!cache_path.empty() && !storeCachedDataset(cache_path, *prepared)) {
    status("Could not write the dataset cache in " + options.cache_dir + " (continuing without)");
  }
  return prepared;
}

std::string defaultCacheDir() {
  namespace fs = std::filesystem;
  if (const char* xdg = std::getenv("XDG_CACHE_HOME"); xdg && *xdg) {
    return (fs::path(xdg) / "sweeplab").string();
  }
  if (const char* home = std::getenv("HOME"); home && *home) {
    return (fs::path(home) / ".cache" / "sweeplab").string();
  }
  return (fs::temp_directory_path() / "sweeplab-cache").string();
}

}  // namespace sweeplab
