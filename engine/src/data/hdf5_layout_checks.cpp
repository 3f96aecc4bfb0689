#include "data/hdf5_layout_checks.h"

#include "data/hdf5_handle.h"
#include "sweeplab/errors.h"

namespace sweeplab {
namespace {

// Deflate, the usual HDF5 filter, cannot shrink data more than about 1032:1; a table that claims
// more rows than that over its stored bytes is damaged (or made to exhaust memory).
constexpr double kMostCompression = 1100.0;

std::string memberName(hid_t type, unsigned index) {
  char* name = H5Tget_member_name(type, index);
  std::string text = name ? name : "?";
  H5free_memory(name);
  return text;
}

bool numericLayoutFits(hid_t type) {
  const size_t bits = H5Tget_size(type) * 8;
  const size_t precision = H5Tget_precision(type);
  const int offset = H5Tget_offset(type);
  if (bits == 0 || precision == 0 || offset < 0 || precision + size_t(offset) > bits) return false;
  if (H5Tget_class(type) != H5T_FLOAT) return true;
  size_t sign = 0, exponent = 0, exponentBits = 0, mantissa = 0, mantissaBits = 0;
  if (H5Tget_fields(type, &sign, &exponent, &exponentBits, &mantissa, &mantissaBits) < 0)
    return false;
  return sign < precision && exponentBits > 0 && exponent + exponentBits <= precision &&
         mantissa + mantissaBits <= precision && exponentBits < 64 && mantissaBits < 64;
}

}  // namespace

void checkRecordLayout(hid_t compound_type, const std::string& where) {
  const size_t record = H5Tget_size(compound_type);
  const int members = H5Tget_nmembers(compound_type);
  if (record == 0 || members < 0) throw InputError(where + ": the row type is damaged");
  for (int i = 0; i < members; ++i) {
    const unsigned index = static_cast<unsigned>(i);
    Hdf5Handle member(H5Tget_member_type(compound_type, index), H5Tclose);
    const size_t offset = H5Tget_member_offset(compound_type, index);
    const size_t size = member.valid() ? H5Tget_size(member.get()) : 0;
    if (!member.valid() || size == 0 || offset > record || size > record - offset) {
      throw InputError(where + ": field '" + memberName(compound_type, index) +
                       "' lies outside the " + std::to_string(record) + "-byte rows (offset " +
                       std::to_string(offset) + ", size " + std::to_string(size) +
                       "); the file is damaged");
    }
    const H5T_class_t type_class = H5Tget_class(member.get());
    if ((type_class == H5T_INTEGER || type_class == H5T_FLOAT) && !numericLayoutFits(member.get()))
      throw InputError(where + ": field '" + memberName(compound_type, index) +
                       "' has a number format that does not fit its size; the file is damaged");
  }
}

void checkStoredRows(hid_t dataset, hid_t compound_type, hsize_t rows, const std::string& where) {
  const double needed = double(rows) * double(H5Tget_size(compound_type));
  const double stored = double(H5Dget_storage_size(dataset));
  Hdf5Handle plist(H5Dget_create_plist(dataset), H5Pclose);
  const bool chunked = plist.valid() && H5Pget_layout(plist.get()) == H5D_CHUNKED;
  if (needed <= stored * (chunked ? kMostCompression : 1.0)) return;
  throw InputError(where + ": claims " + std::to_string(rows) + " rows but stores only " +
                   std::to_string(static_cast<unsigned long long>(stored)) +
                   " bytes of them; the file is truncated or damaged");
}

}  // namespace sweeplab
