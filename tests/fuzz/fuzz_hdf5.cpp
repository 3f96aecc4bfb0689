// JSC HDF5 files from anywhere: the bytes go to a temporary file that the reader opens as a
// person's file would be opened, in its child process. Any file must give a table or an
// InputError (a crash of the HDF5 library in the child is one); a table that loads must hold 16
// finite features and one class in 0..4 per row. Anything else (a std::logic_error from an HDF5
// object left open, a child that dies without an answer) escapes and stops the fuzzer.
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "data/jsc_hdf5_reader.h"
#include "fuzz_require.h"
#include "scratch_file.h"
#include "sweeplab/errors.h"

using namespace sweeplab;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string& path = scratchPath();
  std::FILE* file = std::fopen(path.c_str(), "wb");
  require(file != nullptr, "file != nullptr");
  require(std::fwrite(data, 1, size, file) == size, "std::fwrite(data, 1, size, file) == size");
  std::fclose(file);
  try {
    // Well inside libFuzzer's -timeout=30, so a file HDF5 loops on is caught by the reader.
    const RawDataset table = readJscHdf5(path, std::chrono::seconds(10));
    require(table.feature_names.size() == 16 && table.class_names.size() == 5,
            "table.feature_names.size() == 16 && table.class_names.size() == 5");
    require(table.table.features.size() == table.table.labels.size() * 16,
            "table.table.features.size() == table.table.labels.size() * 16");
    for (std::int64_t label : table.table.labels)
      require(label >= 0 && label < 5, "label >= 0 && label < 5");
    for (float value : table.table.features) require(std::isfinite(value), "std::isfinite(value)");
  } catch (const InputError&) {
  }
  return 0;
}
