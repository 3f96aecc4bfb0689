// Checks of an HDF5 table's description before any row is read. HDF5 trusts what a file says
// about itself: a field placed outside its record or a row count the file cannot hold makes
// H5Dread read out of bounds or allocate without limit. A damaged or hostile file must give a
// message instead.
#pragma once

#include <hdf5.h>

#include <string>

namespace sweeplab {

// Every field of the compound type lies inside the record, and every numeric field has a bit
// layout that fits its size. Throws InputError prefixed with `where`.
void checkRecordLayout(hid_t compound_type, const std::string& where);

// The stored bytes can hold `rows` records (allowing for compression). Throws InputError.
void checkStoredRows(hid_t dataset, hid_t compound_type, hsize_t rows, const std::string& where);

}  // namespace sweeplab
