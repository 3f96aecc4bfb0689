#include "split_dump.h"
#include "json_text.h"

#include <cstdint>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "sweeplab/errors.h"

namespace sweeplab {
namespace {

namespace fs = std::filesystem;

bool littleEndianHost() {
  const std::uint16_t probe = 1;
  unsigned char first = 0;
  std::memcpy(&first, &probe, 1);
  return first == 1;
}

template <typename T>
void writeRaw(const fs::path& path, const std::vector<T>& values) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(reinterpret_cast<const char*>(values.data()),
            static_cast<std::streamsize>(values.size() * sizeof(T)));
  if (!out) throw InputError(path.string() + ": cannot write (disk full or no permission?)");
}

std::string jsonStrings(const std::vector<std::string>& names) {
  std::string out = "[";
  for (size_t i = 0; i < names.size(); ++i) out += (i ? ", " : "") + jsonQuoted(names[i]);
  return out + "]";
}

}  // namespace

void dumpSplits(const PreparedDataset& dataset, const std::string& dir) {
  // The files are read with numpy.fromfile('<f4' / '<i8'); a big-endian host would need a swap.
  if (!littleEndianHost())
    throw InputError("--dump-splits: only little-endian hosts are supported");
  std::error_code error;
  fs::create_directories(dir, error);
  if (error) throw InputError(dir + ": cannot create the folder: " + error.message());
  std::ostringstream json;
  json << "{\n  \"features\": " << dataset.numFeatures()
       << ",\n  \"classes\": " << dataset.numClasses()
       << ",\n  \"feature_names\": " << jsonStrings(dataset.feature_names)
       << ",\n  \"class_names\": " << jsonStrings(dataset.class_names)
       << ",\n  \"description\": " << jsonQuoted(dataset.description)
       << ",\n  \"fingerprint\": " << jsonQuoted(dataset.fingerprint) << ",\n  \"splits\": {";
  const std::pair<const char*, const Table*> splits[] = {
      {"train", &dataset.train}, {"val", &dataset.val}, {"test", &dataset.test}};
  bool first = true;
  for (const auto& [name, table] : splits) {
    writeRaw(fs::path(dir) / (std::string(name) + "_x.f32"), table->features);
    writeRaw(fs::path(dir) / (std::string(name) + "_y.i64"), table->labels);
    json << (first ? "" : ",") << "\n    \"" << name << "\": {\"rows\": " << table->rows()
         << ", \"x\": \"" << name << "_x.f32\", \"y\": \"" << name << "_y.i64\"}";
    first = false;
  }
  json << "\n  }\n}\n";
  std::ofstream out(fs::path(dir) / "splits.json", std::ios::trunc);
  out << json.str();
  if (!out) throw InputError(dir + "/splits.json: cannot write");
}

}  // namespace sweeplab
