// Writes the seed files of tests/fuzz/corpus/fuzz_hdf5: small files in the hls4ml JSC layout
// and a few near misses, so the fuzzer starts from inputs that reach every check of the reader.
#include <cstdio>
#include <string>
#include <vector>

#include "hdf5_test_writer.h"
#include "sweeplab/dataset.h"

using namespace sweeplab::test;

namespace {

std::vector<Hdf5Field> jscFields(FieldType featureType, FieldType labelType) {
  std::vector<Hdf5Field> fields;
  const auto& names = sweeplab::jscFeatureNames();
  for (std::size_t f = 0; f < names.size(); ++f)
    fields.push_back({names[f], featureType, [f](int row) { return 0.5 * row - double(f); }});
  const char* labels[] = {"j_g", "j_q", "j_w", "j_z", "j_t"};
  for (int c = 0; c < 5; ++c)
    fields.push_back({labels[c], labelType, [c](int row) { return row % 5 == c ? 1 : 0; }});
  return fields;
}

}  // namespace

int main(int argc, char** argv) {
  const std::string folder = argc > 1 ? argv[1] : ".";
  bool ok = true;
  const auto write = [&](const char* name, const std::vector<Hdf5Field>& fields, int rows,
                         const char* dataset = "t_allpar_new") {
    ok = writeCompoundHdf5(folder + "/" + name, dataset, fields, rows) && ok;
  };
  write("float32-int8-8rows.h5", jscFields(FieldType::Float32, FieldType::Int8), 8);
  write("float64-float64-3rows.h5", jscFields(FieldType::Float64, FieldType::Float64), 3);
  write("int64-features.h5", jscFields(FieldType::Int64, FieldType::Int8), 4);
  std::vector<Hdf5Field> missing = jscFields(FieldType::Float32, FieldType::Int8);
  missing.erase(missing.begin() + 2);
  write("missing-field.h5", missing, 4);
  std::vector<Hdf5Field> text = jscFields(FieldType::Float32, FieldType::Int8);
  text.back().type = FieldType::String8;
  write("string-label.h5", text, 2);
  write("zero-rows.h5", jscFields(FieldType::Float32, FieldType::Int8), 0);
  write("other-dataset.h5", jscFields(FieldType::Float32, FieldType::Int8), 2, "jets");
  if (!ok) std::fprintf(stderr, "make_hdf5_seeds: HDF5 reported an error\n");
  return ok ? 0 : 1;
}
