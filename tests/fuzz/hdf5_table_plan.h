// A JSC-like HDF5 table described by fuzz input: which fields, of which types, in which order,
// stored how, holding which values. The HDF5 library itself writes the file, so every file is
// one HDF5 can make; the fuzzer then explores the reader's own checks (names, types, layouts,
// storage, labels, non-finite values) instead of HDF5's parser, and can predict the result.
#pragma once

#include <fuzzer/FuzzedDataProvider.h>

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace sweeplab::fuzz {

enum class FieldKind {
  Float32,
  Float64,
  Float32BigEndian,
  Float64BigEndian,
  Half,  // 16-bit IEEE, converted by HDF5's soft conversion
  Int8,
  UInt8,
  Int16BigEndian,
  Int32,
  UInt32,
  Int64,
  UInt64,
  String8,
  Enum8,
  Bitfield8,
  FloatPair,  // an array of two floats: a field, but not a number
};

struct FieldPlan {
  std::string name;
  FieldKind kind = FieldKind::Float32;
  std::size_t offset = 0;
};

enum class Storage { Contiguous, Chunked, Deflated, Compact, NeverWritten };
enum class Placement { Dataset, Group, DanglingLink, LinkToDataset, InSubgroup };

struct TablePlan {
  std::string dataset_name = "t_allpar_new";
  Placement placement = Placement::Dataset;
  bool compound = true;  // else a plain 2-D float array
  int rank = 1;
  std::uint64_t rows = 0;
  std::vector<FieldPlan> fields;
  std::size_t record_size = 0;
  Storage storage = Storage::Contiguous;
  std::uint64_t chunk_rows = 1;
  bool raw_bytes = false;          // rows as bytes from the input, else numbers below
  std::vector<unsigned char> raw;  // rows * record_size bytes
  std::vector<double> values;      // rows * fields.size(), converted by HDF5 on writing
};

TablePlan planTable(FuzzedDataProvider& input);

// Writes the plan with the HDF5 library; false (and nothing to read) when HDF5 refuses it.
bool writeTable(const TablePlan& plan, const std::string& path);

std::size_t fieldSize(FieldKind kind);
bool isNumeric(FieldKind kind);

// True when `value` survives being stored in a field of `kind` and read back as a float
// exactly, so that the reader's result can be predicted.
bool storedExactly(double value, FieldKind kind);

}  // namespace sweeplab::fuzz
