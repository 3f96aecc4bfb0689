// Writes small files in the hls4ml JSC HDF5 layout (a 1-D compound dataset with named fields of
// any numeric type, in any order) for the reader tests, through the HDF5 C API.
#pragma once

// The test target does not get HDF5's include folder; Debian keeps the header one level down.
#if __has_include(<hdf5.h>)
#include <hdf5.h>
#else
#include <hdf5/serial/hdf5.h>
#endif

#include <cstdint>
#include <cstring>
#include <functional>
#include <string>
#include <vector>

namespace sweeplab::test {

enum class FieldType { Float64, Float32, Int8, Int64, String8 };

struct Hdf5Field {
  std::string name;
  FieldType type;
  std::function<double(int row)> value;  // ignored for strings
};

inline hid_t createFieldType(FieldType type) {
  switch (type) {
    case FieldType::Float64:
      return H5Tcopy(H5T_NATIVE_DOUBLE);
    case FieldType::Float32:
      return H5Tcopy(H5T_NATIVE_FLOAT);
    case FieldType::Int8:
      return H5Tcopy(H5T_NATIVE_INT8);
    case FieldType::Int64:
      return H5Tcopy(H5T_NATIVE_INT64);
    case FieldType::String8: {
      const hid_t string = H5Tcopy(H5T_C_S1);
      H5Tset_size(string, 8);
      return string;
    }
  }
  return -1;
}

inline void storeValue(FieldType type, double value, unsigned char* at) {
  const auto put = [at](auto typed) { std::memcpy(at, &typed, sizeof typed); };
  switch (type) {
    case FieldType::Float64:
      put(value);
      break;
    case FieldType::Float32:
      put(static_cast<float>(value));
      break;
    case FieldType::Int8:
      put(static_cast<std::int8_t>(value));
      break;
    case FieldType::Int64:
      put(static_cast<std::int64_t>(value));
      break;
    case FieldType::String8:
      std::memcpy(at, "text\0\0\0\0", 8);
      break;
  }
}

// Returns false when HDF5 reports an error.
inline bool writeCompoundHdf5(const std::string& path, const std::string& dataset_name,
                              const std::vector<Hdf5Field>& fields, int rows) {
  std::vector<hid_t> types;
  std::vector<std::size_t> offsets;
  std::size_t record_size = 0;
  for (const auto& field : fields) {
    types.push_back(createFieldType(field.type));
    offsets.push_back(record_size);
    record_size += H5Tget_size(types.back());
  }
  const hid_t compound = H5Tcreate(H5T_COMPOUND, record_size);
  for (std::size_t i = 0; i < fields.size(); ++i) {
    H5Tinsert(compound, fields[i].name.c_str(), offsets[i], types[i]);
  }
  std::vector<unsigned char> records(record_size * static_cast<std::size_t>(rows) + 1);
  for (int row = 0; row < rows; ++row) {
    for (std::size_t i = 0; i < fields.size(); ++i) {
      const double value = fields[i].type == FieldType::String8 ? 0.0 : fields[i].value(row);
      storeValue(fields[i].type, value, &records[row * record_size + offsets[i]]);
    }
  }
  const hsize_t dims = static_cast<hsize_t>(rows);
  const hid_t file = H5Fcreate(path.c_str(), H5F_ACC_TRUNC, H5P_DEFAULT, H5P_DEFAULT);
  const hid_t space = H5Screate_simple(1, &dims, nullptr);
  const hid_t dataset = H5Dcreate2(file, dataset_name.c_str(), compound, space, H5P_DEFAULT,
                                   H5P_DEFAULT, H5P_DEFAULT);
  const herr_t written =
      rows > 0 ? H5Dwrite(dataset, compound, H5S_ALL, H5S_ALL, H5P_DEFAULT, records.data()) : 0;
  H5Dclose(dataset);
  H5Sclose(space);
  H5Tclose(compound);
  for (hid_t type : types) H5Tclose(type);
  const herr_t closed = H5Fclose(file);
  return file >= 0 && dataset >= 0 && written >= 0 && closed >= 0;
}

}  // namespace sweeplab::test
