// CSV data from anywhere: any bytes must give a table or an InputError. A table that loads must
// be consistent: one label per row, labels inside the class list, every value finite.
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string_view>

#include "data/csv_reader.h"
#include "fuzz_require.h"
#include "sweeplab/errors.h"

using namespace sweeplab;

namespace {

void check(const RawDataset& data) {
  const std::size_t features = data.feature_names.size();
  require(features >= 1, "features >= 1");
  require(data.class_names.size() >= 2, "data.class_names.size() >= 2");
  require(data.table.features.size() == data.table.labels.size() * features,
          "data.table.features.size() == data.table.labels.size() * features");
  for (std::int64_t label : data.table.labels)
    require(label >= 0 && label < static_cast<std::int64_t>(data.class_names.size()),
            "label >= 0 && label < static_cast<std::int64_t>(data.class_names.size())");
  for (float value : data.table.features) require(std::isfinite(value), "std::isfinite(value)");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  // The default columns (label "class" or the last column), then an explicit choice.
  for (const CsvColumns& columns : {CsvColumns{}, CsvColumns{"class", {"f1", "f2"}}}) {
    try {
      check(readCsv(text, "fuzz.csv", columns));
    } catch (const InputError&) {
    }
  }
  return 0;
}
