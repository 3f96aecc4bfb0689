// Layout: a fixed header (magic, format version, byte-order mark, payload size, payload hash)
// then the payload. Every length is checked against the bytes left before it is used, so a
// damaged file is rejected rather than trusted.
#include "data/dataset_cache.h"

#include <cstring>
#include <filesystem>
#include <fstream>
#include <istream>
#include <ostream>
#include <random>

#include "data/content_hash.h"

namespace sweeplab {
namespace {

namespace fs = std::filesystem;

constexpr char kMagic[8] = {'S', 'W', 'L', 'D', 'S', 'E', 'T', '\n'};
constexpr std::uint32_t kFormatVersion = 1;
constexpr std::uint32_t kByteOrderMark = 0x01020304;
constexpr std::size_t kHeaderSize = 8 + 4 + 4 + 8 + 8;

// Streams the payload to the file while hashing and counting it, so the header can be
// completed afterwards without holding a second copy of the data.
class Writer {
 public:
  explicit Writer(std::ostream& out) : out_(out) {}
  void raw(const void* data, std::uint64_t size) {
    out_.write(static_cast<const char*>(data), static_cast<std::streamsize>(size));
    hash_.add(data, size);
    size_ += size;
  }
  template <typename T>
  void pod(const T& value) {
    raw(&value, sizeof value);
  }
  void string(const std::string& text) {
    pod<std::uint64_t>(text.size());
    raw(text.data(), text.size());
  }
  template <typename T>
  void vector(const std::vector<T>& values) {
    pod<std::uint64_t>(values.size());
    raw(values.data(), values.size() * sizeof(T));
  }
  void strings(const std::vector<std::string>& texts) {
    pod<std::uint64_t>(texts.size());
    for (const auto& text : texts) string(text);
  }
  std::uint64_t size() const { return size_; }
  std::uint64_t digest() const { return hash_.digest(); }

 private:
  std::ostream& out_;
  ContentHash hash_;
  std::uint64_t size_ = 0;
};

// Reads the payload straight into its destination (no second copy of a large file in memory)
// and hashes what it reads; no length is trusted beyond the bytes left in the file.
class Reader {
 public:
  Reader(std::istream& in, std::uint64_t size) : in_(in), left_(size) {}
  bool raw(void* data, std::uint64_t size) {
    if (size > left_ || !in_.read(static_cast<char*>(data), static_cast<std::streamsize>(size))) {
      return false;
    }
    hash_.add(data, size);
    left_ -= size;
    return true;
  }
  template <typename T>
  bool pod(T& value) {
    return raw(&value, sizeof value);
  }
  bool string(std::string& text) {
    std::uint64_t size = 0;
    if (!pod(size) || size > left_) return false;
    text.resize(size);
    return raw(text.data(), size);
  }
  template <typename T>
  bool vector(std::vector<T>& values) {
    std::uint64_t count = 0;
    if (!pod(count) || count > left_ / sizeof(T)) return false;
    values.resize(count);
    return raw(values.data(), count * sizeof(T));
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
  std::uint64_t digest() const { return hash_.digest(); }

 private:
  std::istream& in_;
  std::uint64_t left_;
  ContentHash hash_;
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
  file.seekg(0);
  char magic[sizeof kMagic];
  std::uint32_t version = 0, byte_order = 0;
  std::uint64_t payload_size = 0, payload_hash = 0;
  Reader header(file, kHeaderSize);
  if (!header.raw(magic, sizeof magic) || !header.pod(version) || !header.pod(byte_order) ||
      !header.pod(payload_size) || !header.pod(payload_hash) ||
      std::memcmp(magic, kMagic, sizeof magic) != 0 || version != kFormatVersion ||
      byte_order != kByteOrderMark ||
      payload_size != static_cast<std::uint64_t>(size) - kHeaderSize) {
    return nullptr;
  }

  auto dataset = std::make_shared<PreparedDataset>();
  Reader in(file, payload_size);
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
      !readTable(in, dataset->test, features, classes) || !in.atEnd() ||
      in.digest() != payload_hash) {
    return nullptr;
  }
  dataset->source_rows = static_cast<std::int64_t>(source_rows);
  dataset->duplicates_dropped = static_cast<std::int64_t>(duplicates);
  return dataset;
}

void writeHeader(std::ostream& out, std::uint64_t payload_size, std::uint64_t payload_hash) {
  Writer header(out);
  header.raw(kMagic, sizeof kMagic);
  header.pod(kFormatVersion);
  header.pod(kByteOrderMark);
  header.pod(payload_size);
  header.pod(payload_hash);
}

bool storeCachedDataset(const std::string& path, const PreparedDataset& dataset) {
  std::error_code error;
  fs::create_directories(fs::path(path).parent_path(), error);
  // A unique temporary name, so two processes filling the same cache do not collide.
  std::random_device random;
  const std::string temporary = path + ".tmp-" + toHex((std::uint64_t{random()} << 32) ^ random());
  {
    std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
    writeHeader(out, 0, 0);  // completed below, once size and hash are known
    Writer payload(out);
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
    out.seekp(0);
    writeHeader(out, payload.size(), payload.digest());
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
