// Fields are read through a memory compound type that names only the 21 fields we need, so
// HDF5 picks them out of the wide on-disk records and converts their types for us; rows are
// read in blocks to keep the buffer small however large the file is.
#include "data/jsc_hdf5_reader.h"

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdio>
#include <filesystem>
#include <mutex>
#include <stdexcept>

#include "data/child_process_reader.h"
#include "data/hdf5_handle.h"
#include "data/hdf5_layout_checks.h"
#include "sweeplab/errors.h"

namespace sweeplab {
namespace {

constexpr const char* kDatasetName = "t_allpar_new";
constexpr int kFeatures = 16;
constexpr int kClasses = 5;
constexpr hsize_t kBlockRows = 65536;
const char* const kLabelFields[kClasses] = {"j_g", "j_q", "j_w", "j_z", "j_t"};

struct MemoryRow {
  float features[kFeatures];
  double labels[kClasses];
};

std::string quotedList(const std::vector<std::string>& names, std::size_t limit) {
  std::string text;
  for (std::size_t i = 0; i < names.size() && i < limit; ++i) {
    text += (i ? ", '" : "'") + names[i] + "'";
  }
  if (names.size() > limit) text += ", ... (" + std::to_string(names.size()) + " in all)";
  return text;
}

const char* typeClassName(H5T_class_t type_class) {
  switch (type_class) {
    case H5T_STRING:
      return "a string";
    case H5T_COMPOUND:
      return "a compound";
    case H5T_ARRAY:
      return "an array";
    case H5T_ENUM:
      return "an enum";
    case H5T_VLEN:
      return "a variable-length";
    case H5T_OPAQUE:
      return "an opaque";
    case H5T_REFERENCE:
      return "a reference";
    case H5T_BITFIELD:
      return "a bitfield";
    case H5T_TIME:
      return "a time";
    default:
      return "a non-numeric";
  }
}

// Checks that every field exists and is numeric before any data is read.
void checkFields(hid_t file_type, const std::string& where) {
  std::vector<std::string> wanted = jscFeatureNames();
  wanted.insert(wanted.end(), std::begin(kLabelFields), std::end(kLabelFields));
  std::vector<std::string> missing;
  for (const std::string& name : wanted) {
    const int index = H5Tget_member_index(file_type, name.c_str());
    if (index < 0) {
      missing.push_back(name);
      continue;
    }
    const H5T_class_t type_class = H5Tget_member_class(file_type, static_cast<unsigned>(index));
    if (type_class != H5T_INTEGER && type_class != H5T_FLOAT) {
      throw InputError(where + ": field '" + name + "' is " + typeClassName(type_class) +
                       " field; it must be an integer or floating-point number");
    }
  }
  if (missing.empty()) return;
  std::vector<std::string> present;
  const int members = H5Tget_nmembers(file_type);
  for (int i = 0; i < members; ++i) {
    char* name = H5Tget_member_name(file_type, static_cast<unsigned>(i));
    if (name) present.emplace_back(name);
    H5free_memory(name);
  }
  throw InputError(where + ": missing field(s) " + quotedList(missing, 21) +
                   "; the fields present are " + quotedList(present, 40));
}

Hdf5Handle memoryRowType() {
  Hdf5Handle type(H5Tcreate(H5T_COMPOUND, sizeof(MemoryRow)), H5Tclose);
  const auto& names = jscFeatureNames();
  for (int i = 0; i < kFeatures; ++i) {
    H5Tinsert(type.get(), names[i].c_str(), offsetof(MemoryRow, features) + i * sizeof(float),
              H5T_NATIVE_FLOAT);
  }
  for (int i = 0; i < kClasses; ++i) {
    H5Tinsert(type.get(), kLabelFields[i], offsetof(MemoryRow, labels) + i * sizeof(double),
              H5T_NATIVE_DOUBLE);
  }
  return type;
}

std::int64_t oneHotClass(const double* labels, hsize_t row, const std::string& where) {
  int hot = -1;
  int nonzero = 0;
  for (int c = 0; c < kClasses; ++c) {
    if (labels[c] != 0.0) {
      hot = c;
      ++nonzero;
    }
  }
  if (nonzero == 1) return hot;
  std::string values;
  for (int c = 0; c < kClasses; ++c) {
    char number[32];
    std::snprintf(number, sizeof number, "%g", labels[c]);
    values += std::string(c ? ", " : "") + kLabelFields[c] + "=" + number;
  }
  throw InputError(where + ": row " + std::to_string(row) +
                   " (counting from 0) is not labelled with exactly one class: " + values);
}

}  // namespace

RawDataset readJscHdf5(const std::string& path, std::chrono::seconds limit) {
  std::error_code error;
  const std::uint64_t size = std::filesystem::file_size(path, error);
  const std::uint64_t fileBytes = error ? 0 : size;
  if (limit.count() <= 0) limit = std::chrono::seconds(120 + fileBytes / (10u << 20));
  // The table needs less memory than the file holds; HDF5's caches and the program's own
  // mappings fit in the extra gigabyte.
  const std::uint64_t memory = 4 * fileBytes + (1ull << 30);
  // The HDF5 library as commonly packaged is not thread-safe; trials may load data in parallel.
  // Holding the lock across the fork also means no other thread is inside HDF5 when it forks.
  static std::mutex hdf5_mutex;
  const std::lock_guard<std::mutex> lock(hdf5_mutex);
  return readInChildProcess(
      path,
      [&path] {
        RawDataset data = readJscHdf5InThisProcess(path);
        // Cheap proof that the reader closes what it opens, whichever way it returns.
        if (H5Fget_obj_count(H5F_OBJ_ALL, H5F_OBJ_ALL) != 0)
          throw std::logic_error("the HDF5 reader left objects open");
        return data;
      },
      ChildLimits{limit, memory});
}

RawDataset readJscHdf5InThisProcess(const std::string& path) {
  Hdf5QuietErrors quiet;
  const htri_t is_hdf5 = H5Fis_hdf5(path.c_str());
  if (is_hdf5 <= 0) {
    throw InputError(path +
                     ": not an HDF5 file (the jsc-hdf5 source expects the hls4ml file "
                     "with dataset '" +
                     std::string(kDatasetName) + "')");
  }
  Hdf5Handle file(H5Fopen(path.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT), H5Fclose);
  if (!file.valid()) throw InputError(path + ": the HDF5 file cannot be opened");
  const std::string where = path + ": dataset '" + kDatasetName + "'";
  if (H5Lexists(file.get(), kDatasetName, H5P_DEFAULT) <= 0) {
    throw InputError(where + " not found (it holds the jet features of the hls4ml JSC file)");
  }
  Hdf5Handle dataset(H5Dopen2(file.get(), kDatasetName, H5P_DEFAULT), H5Dclose);
  if (!dataset.valid()) throw InputError(where + " cannot be opened as a dataset");
  Hdf5Handle file_type(H5Dget_type(dataset.get()), H5Tclose);
  if (H5Tget_class(file_type.get()) != H5T_COMPOUND) {
    throw InputError(where + ": expected a compound (table) dataset with named fields");
  }
  checkRecordLayout(file_type.get(), where);
  checkFields(file_type.get(), where);

  Hdf5Handle space(H5Dget_space(dataset.get()), H5Sclose);
  if (H5Sget_simple_extent_ndims(space.get()) != 1) {
    throw InputError(where + ": expected a one-dimensional array of rows");
  }
  hsize_t rows = 0;
  H5Sget_simple_extent_dims(space.get(), &rows, nullptr);
  if (rows == 0) throw InputError(where + ": has no rows (is this the full hls4ml file?)");
  checkStoredRows(dataset.get(), file_type.get(), rows, where);

  RawDataset data;
  data.feature_names = jscFeatureNames();
  data.class_names = jscClassNames();
  data.table.features.resize(rows * kFeatures);
  data.table.labels.resize(rows);
  const Hdf5Handle memory_type = memoryRowType();
  std::vector<MemoryRow> block(std::min(rows, kBlockRows));
  std::int64_t non_finite = 0;
  hsize_t first_non_finite = 0;
  for (hsize_t start = 0; start < rows; start += kBlockRows) {
    hsize_t count = std::min(kBlockRows, rows - start);
    Hdf5Handle memory_space(H5Screate_simple(1, &count, nullptr), H5Sclose);
    H5Sselect_hyperslab(space.get(), H5S_SELECT_SET, &start, nullptr, &count, nullptr);
    if (H5Dread(dataset.get(), memory_type.get(), memory_space.get(), space.get(), H5P_DEFAULT,
                block.data()) < 0) {
      throw InputError(where + ": reading rows " + std::to_string(start) + " to " +
                       std::to_string(start + count - 1) + " failed (damaged file?)");
    }
    for (hsize_t i = 0; i < count; ++i) {
      const hsize_t row = start + i;
      float* features = &data.table.features[row * kFeatures];
      std::copy(block[i].features, block[i].features + kFeatures, features);
      for (int f = 0; f < kFeatures; ++f) {
        if (!std::isfinite(features[f]) && non_finite++ == 0) first_non_finite = row;
      }
      data.table.labels[row] = oneHotClass(block[i].labels, row, where);
    }
  }
  if (non_finite > 0) {
    throw InputError(where + ": " + std::to_string(non_finite) +
                     " feature value(s) are NaN or infinite; the first is in row " +
                     std::to_string(first_non_finite) +
                     " (counting from 0); drop or fill those rows before training on the file");
  }
  return data;
}

}  // namespace sweeplab
