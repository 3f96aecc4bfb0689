// Writes a TablePlan through the HDF5 C API. Every identifier is closed on every path, so the
// target can check afterwards that the reader, too, left nothing open.
#include <hdf5.h>

#include <array>
#include <functional>
#include <vector>

#include "hdf5_table_plan.h"

namespace sweeplab::fuzz {
namespace {

// Closes the identifiers it was given, last first, however the writer returns.
class Closer {
 public:
  Closer() = default;
  Closer(const Closer&) = delete;
  Closer& operator=(const Closer&) = delete;
  ~Closer() {
    for (auto it = closers_.rbegin(); it != closers_.rend(); ++it) (*it)();
  }
  hid_t keep(hid_t id, herr_t (*close)(hid_t)) {
    if (id >= 0) closers_.push_back([id, close] { close(id); });
    return id;
  }

 private:
  std::vector<std::function<void()>> closers_;
};

hid_t halfFloatType() {
  const hid_t type = H5Tcopy(H5T_IEEE_F32LE);
  if (H5Tset_fields(type, 15, 10, 5, 0, 10) < 0 || H5Tset_precision(type, 16) < 0 ||
      H5Tset_size(type, 2) < 0 || H5Tset_ebias(type, 15) < 0) {
    H5Tclose(type);
    return -1;
  }
  return type;
}

hid_t createKind(FieldKind kind) {
  switch (kind) {
    case FieldKind::Float32:
      return H5Tcopy(H5T_IEEE_F32LE);
    case FieldKind::Float64:
      return H5Tcopy(H5T_IEEE_F64LE);
    case FieldKind::Float32BigEndian:
      return H5Tcopy(H5T_IEEE_F32BE);
    case FieldKind::Float64BigEndian:
      return H5Tcopy(H5T_IEEE_F64BE);
    case FieldKind::Half:
      return halfFloatType();
    case FieldKind::Int8:
      return H5Tcopy(H5T_STD_I8LE);
    case FieldKind::UInt8:
      return H5Tcopy(H5T_STD_U8LE);
    case FieldKind::Int16BigEndian:
      return H5Tcopy(H5T_STD_I16BE);
    case FieldKind::Int32:
      return H5Tcopy(H5T_STD_I32LE);
    case FieldKind::UInt32:
      return H5Tcopy(H5T_STD_U32LE);
    case FieldKind::Int64:
      return H5Tcopy(H5T_STD_I64LE);
    case FieldKind::UInt64:
      return H5Tcopy(H5T_STD_U64LE);
    case FieldKind::String8: {
      const hid_t type = H5Tcopy(H5T_C_S1);
      H5Tset_size(type, 8);
      return type;
    }
    case FieldKind::Enum8: {
      const hid_t type = H5Tenum_create(H5T_NATIVE_INT8);
      signed char no = 0, yes = 1;
      H5Tenum_insert(type, "no", &no);
      H5Tenum_insert(type, "yes", &yes);
      return type;
    }
    case FieldKind::Bitfield8:
      return H5Tcopy(H5T_STD_B8LE);
    case FieldKind::FloatPair: {
      const hsize_t two = 2;
      return H5Tarray_create2(H5T_IEEE_F32LE, 1, &two);
    }
  }
  return -1;
}

hid_t createRowType(const TablePlan& plan, Closer& closer) {
  if (!plan.compound) return H5T_NATIVE_FLOAT;
  const hid_t row = closer.keep(H5Tcreate(H5T_COMPOUND, plan.record_size), H5Tclose);
  for (const FieldPlan& field : plan.fields) {
    const hid_t type = closer.keep(createKind(field.kind), H5Tclose);
    if (type < 0 || H5Tinsert(row, field.name.c_str(), field.offset, type) < 0) return -1;
  }
  return row;
}

// The numbers of the plan as doubles; HDF5 converts each to its field's type.
herr_t writeValues(const TablePlan& plan, hid_t dataset, Closer& closer) {
  std::vector<const FieldPlan*> numeric;
  for (const FieldPlan& field : plan.fields)
    if (isNumeric(field.kind)) numeric.push_back(&field);
  if (numeric.empty()) return 0;
  const hid_t memory =
      closer.keep(H5Tcreate(H5T_COMPOUND, numeric.size() * sizeof(double)), H5Tclose);
  for (std::size_t i = 0; i < numeric.size(); ++i)
    H5Tinsert(memory, numeric[i]->name.c_str(), i * sizeof(double), H5T_NATIVE_DOUBLE);
  std::vector<double> rows;
  const std::size_t fields = plan.fields.size();
  for (std::size_t record = 0; record * fields < plan.values.size(); ++record)
    for (std::size_t f = 0; f < fields; ++f)
      if (isNumeric(plan.fields[f].kind)) rows.push_back(plan.values[record * fields + f]);
  return H5Dwrite(dataset, memory, H5S_ALL, H5S_ALL, H5P_DEFAULT, rows.data());
}

hid_t createStorage(const TablePlan& plan, int rank, const hsize_t* dims, Closer& closer) {
  const hid_t create = closer.keep(H5Pcreate(H5P_DATASET_CREATE), H5Pclose);
  if (plan.storage == Storage::Compact) H5Pset_layout(create, H5D_COMPACT);
  if (plan.storage == Storage::Chunked || plan.storage == Storage::Deflated) {
    std::array<hsize_t, 2> chunk = {plan.chunk_rows, rank == 2 ? dims[1] : 1};
    H5Pset_chunk(create, rank, chunk.data());
    if (plan.storage == Storage::Deflated) {
      H5Pset_shuffle(create);
      H5Pset_deflate(create, 6);
    }
  }
  return create;
}

}  // namespace

bool writeTable(const TablePlan& plan, const std::string& path) {
  Closer closer;
  const hid_t file =
      closer.keep(H5Fcreate(path.c_str(), H5F_ACC_TRUNC, H5P_DEFAULT, H5P_DEFAULT), H5Fclose);
  if (file < 0) return false;
  const char* name = plan.dataset_name.c_str();
  if (plan.placement == Placement::Group)
    return closer.keep(H5Gcreate2(file, name, H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT), H5Gclose) >=
           0;
  if (plan.placement == Placement::DanglingLink)
    return H5Lcreate_soft("/nowhere", file, name, H5P_DEFAULT, H5P_DEFAULT) >= 0;
  hid_t parent = file;
  if (plan.placement == Placement::InSubgroup)
    parent = closer.keep(H5Gcreate2(file, "data", H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT), H5Gclose);
  if (plan.placement == Placement::LinkToDataset) {
    if (H5Lcreate_soft("/table", file, name, H5P_DEFAULT, H5P_DEFAULT) < 0) return false;
    name = "table";
  }
  const hid_t rowType = createRowType(plan, closer);
  const int rank = plan.compound ? plan.rank : 2;
  const hsize_t dims[2] = {plan.rows, hsize_t(plan.compound ? 2 : 21)};
  const bool chunked = plan.storage == Storage::Chunked || plan.storage == Storage::Deflated;
  const hsize_t maxDims[2] = {chunked ? H5S_UNLIMITED : dims[0], dims[1]};
  const hid_t space = closer.keep(H5Screate_simple(rank, dims, maxDims), H5Sclose);
  const hid_t create = createStorage(plan, rank, dims, closer);
  if (parent < 0 || rowType < 0 || space < 0) return false;
  const hid_t dataset = closer.keep(
      H5Dcreate2(parent, name, rowType, space, H5P_DEFAULT, create, H5P_DEFAULT), H5Dclose);
  if (dataset < 0) return false;
  if (plan.storage == Storage::NeverWritten || plan.rows == 0 || !plan.compound) return true;
  if (plan.raw_bytes)
    return H5Dwrite(dataset, rowType, H5S_ALL, H5S_ALL, H5P_DEFAULT, plan.raw.data()) >= 0;
  return writeValues(plan, dataset, closer) >= 0;
}

}  // namespace sweeplab::fuzz
