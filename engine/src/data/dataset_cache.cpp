// Layout: a fixed header (magic, format version, byte-order mark, payload size, payload hash)
// then the payload. Every length is checked against the bytes left before it is used, so a
// damaged file is rejected rather than trusted.
#include "data/dataset_cache.h"

#include <cstring>
#include <filesystem>
#include <fstream>
#include <random>

#include "data/content_hash.h"

namespace sweeplab {
namespace {

namespace fs = std::filesystem;

constexpr char kMagic[8] = {'S', 'W', 'L', 'D', 'S', 'E', 'T', '\n'};
constexpr std::uint32_t kFormatVersion = 1;
constexpr std::uint32_t kByteOrderMark = 0x01020304;
constexpr std::size_t kHeaderSize = 8 + 4 + 4 + 8 + 8;

class Writer {
 public:
  template <typename T>
  void pod(const T& value) {
    bytes_.append(reinterpret_cast<const char*>(&value), sizeof value);
  }
  void string(const std::string& text) {
    pod<std::uint64_t>(text.size());
    bytes_ += text;
  }
  template <typename T>
  void vector(const std::vector<T>& values) {
    pod<std::uint64_t>(values.size());
    bytes_.append(reinterpret_cast<const char*>(values.data()), values.size() * sizeof(T));
  }
  void strings(const std::vector<std::string>& texts) {
    pod<std::uint64_t>(texts.size());
    for (const auto& text : texts) string(text);
  }
  std::string& bytes() { return bytes_; }

 private:
  std::string bytes_;
};

class Reader {
 public:
  Reader(const char* data, std::size_t size) : data_(data), left_(size) {}
  template <typename T>
  bool pod(T& value) {
    if (left_ < sizeof value) return false;
    std::memcpy(&value, data_, sizeof value);
    data_ += sizeof value;
    left_ -= sizeof value;
    return true;
  }
  bool string(std::string& text) {
    std::uint64_t size = 0;
    if (!pod(size) || size > left_) return false;
    text.assign(data_, size);
    data_ += size;
    left_ -= size;
    return true;
  }
  template <typename T>
  bool vector(std::vector<T>& values) {
    std::uint64_t count = 0;
    if (!pod(count) || count > left_ / sizeof(T)) return false;
    values.resize(count);
    std::memcpy(values.data(), data_, count * sizeof(T));
    data_ += count * sizeof(T);
    left_ -= count * sizeof(T);
    return true;
  }
  bool strings(std::vector<std::string>& texts) {
    std::uint64_t count = 0;
    if (!pod(count) || count > left_ / 8) return false;
    texts.resize(count);
    for (auto& text : texts) {
      if (!string(text)) return false;
    }
    return true;
  }
  bool atEnd() const { return left_ == 0; }

 private:
  const char* data_;
  std::size_t left_;
};

void writeTable(Writer& out, const Table& table) {
  out.vector(table.features);
  out.vector(table.labels);
}

bool readTable(Reader& in, Table& table, int num_features, int num_classes) {
  if (!in.vector(table.features) || !in.vector(table.labels)) return false;
  if (table.features.size() != table.labels.size() * num_features) return false;
  for (std::int64_t label : table.labels) {
    if (label < 0 || label >= num_classes) return false;
  }
  return true;
}

}  // namespace

std::string datasetCachePath(const std::string& cache_dir, const std::string& fingerprint) {
  return (fs::path(cache_dir) / (fingerprint + ".dataset")).string();
}

std::shared_ptr<PreparedDataset> loadCachedDataset(const std::string& path,
                                                   const std::string& fingerprint) {
  std::ifstream file(path, std::ios::binary | std::ios::ate);
  if (!file) return nullptr;
  const std::streamoff size = file.tellg();
  if (size < static_cast<std::streamoff>(kHeaderSize)) return nullptr;
  std::string bytes(static_cast<std::size_t>(size), '\0');
  file.seekg(0);
  if (!file.read(bytes.data(), size)) return nullptr;

  Reader header(bytes.data(), kHeaderSize);
  char magic[8];
  std::uint32_t version = 0, byte_order = 0;
  std::uint64_t payload_size = 0, payload_hash = 0;
  for (char& c : magic) header.pod(c);
  header.pod(version);
  header.pod(byte_order);
  header.pod(payload_size);
  header.pod(payload_hash);
  if (std::memcmp(magic, kMagic, sizeof magic) != 0 || version != kFormatVersion ||
      byte_order != kByteOrderMark || payload_size != bytes.size() - kHeaderSize) {
    return nullptr;
  }
  ContentHash hash;
  hash.add(bytes.data() + kHeaderSize, payload_size);
  if (hash.digest() != payload_hash) return nullptr;

  auto dataset = std::make_shared<PreparedDataset>();
  Reader in(bytes.data() + kHeaderSize, payload_size);
  std::uint64_t source_rows = 0, duplicates = 0;
  const bool parsed = in.string(dataset->fingerprint) && in.string(dataset->description) &&
                      in.pod(source_rows) && in.pod(duplicates) &&
                      in.strings(dataset->feature_names) && in.strings(dataset->class_names) &&
                      in.vector(dataset->scaler_mean) && in.vector(dataset->scaler_scale);
  if (!parsed || dataset->fingerprint != fingerprint) return nullptr;
  const int features = dataset->numFeatures();
  const int classes = dataset->numClasses();
  if (dataset->scaler_mean.size() != static_cast<std::size_t>(features) ||
      dataset->scaler_scale.size() != static_cast<std::size_t>(features) ||
      !readTable(in, dataset->train, features, classes) ||
      !readTable(in, dataset->val, features, classes) ||
      !readTable(in, dataset->test, features, classes) || !in.atEnd()) {
    return nullptr;
  }
  dataset->source_rows = static_cast<std::int64_t>(source_rows);
  dataset->duplicates_dropped = static_cast<std::int64_t>(duplicates);
  return dataset;
}

bool storeCachedDataset(const std::string& path, const PreparedDataset& dataset) {
  Writer payload;
  payload.string(dataset.fingerprint);
  payload.string(dataset.description);
  payload.pod<std::uint64_t>(dataset.source_rows);
  payload.pod<std::uint64_t>(dataset.duplicates_dropped);
  payload.strings(dataset.feature_names);
  payload.strings(dataset.class_names);
  payload.vector(dataset.scaler_mean);
  payload.vector(dataset.scaler_scale);
  writeTable(payload, dataset.train);
  writeTable(payload, dataset.val);
  writeTable(payload, dataset.test);

  ContentHash hash;
  hash.add(payload.bytes().data(), payload.bytes().size());
  Writer header;
  header.bytes().append(kMagic, sizeof kMagic);
  header.pod(kFormatVersion);
  header.pod(kByteOrderMark);
  header.pod<std::uint64_t>(payload.bytes().size());
  header.pod<std::uint64_t>(hash.digest());

  std::error_code error;
  fs::create_directories(fs::path(path).parent_path(), error);
  // A unique temporary name, so two processes filling the same cache do not collide.
  const std::string temporary =
      path + ".tmp-" +
      toHex(std::random_device{}() ^ (std::uint64_t{std::random_device{}()} << 32));
  {
    std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
    out.write(header.bytes().data(), static_cast<std::streamsize>(header.bytes().size()));
    out.write(payload.bytes().data(), static_cast<std::streamsize>(payload.bytes().size()));
    out.close();
    if (!out) {
      fs::remove(temporary, error);
      return false;
    }
  }
  fs::rename(temporary, path, error);
  if (error) {
    fs::remove(temporary, error);
    return false;
  }
  return true;
}

}  // namespace sweeplab
