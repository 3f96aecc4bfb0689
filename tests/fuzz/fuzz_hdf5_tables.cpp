// JSC HDF5 tables that the HDF5 library writes from a description in the fuzz input (field
// names, types, order, gaps, storage, links, values: hdf5_table_plan.h), read in this process by
// the reader's core. fuzz_hdf5 feeds damaged bytes to the reader's child process and checks that
// nothing brings Sweeplab down; this one reaches every check of the reader hundreds of times a
// second and checks its answers: where the plan makes the outcome clear (the 21 fields
// present and numeric, values stored exactly), the table must load exactly when every row has
// one class and finite features, and hold the values written; any table that loads holds 16
// finite features and a class in 0..4 per row; the reader closes every HDF5 identifier it opens.
#include <hdf5.h>
#include <unistd.h>

#include <cfloat>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "data/jsc_hdf5_reader.h"
#include "fuzz_require.h"
#include "hdf5_table_plan.h"
#include "scratch_file.h"
#include "sweeplab/dataset.h"
#include "sweeplab/errors.h"

using namespace sweeplab;
using namespace sweeplab::fuzz;

namespace {

bool featureReadExactly(double value, FieldKind kind) {
  return storedExactly(value, kind) &&
         (!std::isfinite(value) || (std::fabs(value) <= FLT_MAX && double(float(value)) == value));
}

// What the reader must answer, when the plan decides it: the expected row values, or an error.
struct Prediction {
  bool known = false;
  bool loads = false;
  std::vector<float> features;  // rows x 16, in the reader's column order
  std::vector<std::int64_t> labels;
};

Prediction predict(const TablePlan& plan) {
  Prediction prediction;
  const bool found =
      plan.dataset_name == "t_allpar_new" &&
      (plan.placement == Placement::Dataset || plan.placement == Placement::LinkToDataset);
  if (!found || !plan.compound || plan.rank != 1 || plan.rows == 0 || plan.raw_bytes) return {};
  const std::vector<std::string>& featureNames = jscFeatureNames();
  const char* const labelNames[] = {"j_g", "j_q", "j_w", "j_z", "j_t"};
  std::vector<int> columns(21, -1);  // field index of each wanted name: 16 features, 5 classes
  for (std::size_t f = 0; f < plan.fields.size(); ++f)
    for (int c = 0; c < 21; ++c)
      if (plan.fields[f].name == (c < 16 ? featureNames[c] : std::string(labelNames[c - 16])))
        columns[c] = int(f);
  for (int column : columns)
    if (column < 0 || !isNumeric(plan.fields[column].kind)) return {};
  prediction.known = true;
  if (plan.storage == Storage::NeverWritten) return prediction;  // every row without a class
  bool loads = true;
  const std::size_t width = plan.fields.size();
  for (std::uint64_t row = 0; row < plan.rows; ++row) {
    int classes = 0, hot = -1;
    for (int c = 0; c < 21; ++c) {
      const FieldPlan& field = plan.fields[columns[c]];
      const double value = plan.values[row * width + columns[c]];
      if (c < 16 ? !featureReadExactly(value, field.kind) : !storedExactly(value, field.kind))
        return {};
      if (c < 16) {
        loads = loads && std::isfinite(value);
        prediction.features.push_back(float(value));
      } else if (value != 0.0) {
        ++classes, hot = c - 16;
      }
    }
    loads = loads && classes == 1;
    prediction.labels.push_back(hot);
  }
  prediction.loads = loads;
  return prediction;
}

void checkTable(const RawDataset& data, const TablePlan& plan, const Prediction& prediction) {
  require(data.feature_names.size() == 16 && data.class_names.size() == 5,
          "16 features and 5 classes");
  require(data.table.labels.size() == plan.rows, "one row per row in the file");
  require(data.table.features.size() == data.table.labels.size() * 16, "16 features a row");
  for (std::int64_t label : data.table.labels) require(label >= 0 && label < 5, "class in 0..4");
  for (float value : data.table.features) require(std::isfinite(value), "finite features");
  if (!prediction.known) return;
  require(data.table.features == prediction.features, "the features written are read");
  require(data.table.labels == prediction.labels, "the classes written are read");
}

// Identifiers of every kind a reader or writer may leave behind; H5Fget_obj_count sees only
// files and the objects in them, not transient types, spaces or property lists.
std::vector<hsize_t> openIdentifiers() {
  std::vector<hsize_t> counts;
  for (H5I_type_t type :
       {H5I_FILE, H5I_GROUP, H5I_DATATYPE, H5I_DATASPACE, H5I_DATASET, H5I_ATTR, H5I_GENPROP_LST}) {
    hsize_t count = 0;
    H5Inmembers(type, &count);
    counts.push_back(count);
  }
  return counts;
}

// HDF5 keeps what it learns about each new pair of compound types (a conversion path) until it
// closes. The application reads each file in a fresh child process; here the library is closed
// every kResetEvery inputs, so that its state stays small however long the fuzzer runs.
constexpr int kResetEvery = 10000;

void configureHdf5() {
  H5Eset_auto2(H5E_DEFAULT, nullptr, nullptr);  // the writer's refusals are expected, not news
  // HDF5 allocates a 1 MB metadata cache per open file and a 1 MB conversion buffer plus a zeroed
  // 1 MB background buffer per compound read or write. Its free lists hand such blocks back to
  // malloc by default (64 KB to 1 MB per list); under ASan each is then a fresh mmap to fault in,
  // about 40 ms per input on this project's machines. Free lists of up to 64 MB each keep them
  // for reuse: ten times the inputs a second, for a few hundred MB that stay reachable.
  H5set_free_list_limits(64 << 20, 64 << 20, 64 << 20, 64 << 20, 64 << 20, 64 << 20);
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  configureHdf5();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::vector<hsize_t> before = openIdentifiers();
  FuzzedDataProvider input(data, size);
  const TablePlan plan = planTable(input);
  const std::string& path = scratchPath();
  const bool written = writeTable(plan, path);
  require(openIdentifiers() == before, "the writer closes what it opens");
  if (!written) return 0;  // a plan HDF5 refuses to write, e.g. a compact table over 64 KB
  const Prediction prediction = predict(plan);
  try {
    const RawDataset table = readJscHdf5InThisProcess(path);
    if (prediction.known && !prediction.loads) {
      std::fprintf(stderr, "%zu rows loaded\n", table.table.labels.size());
      require(false, "a table with a row without one class or with a non-finite feature fails");
    }
    checkTable(table, plan, prediction);
  } catch (const InputError& error) {
    if (prediction.known && prediction.loads) {
      std::fprintf(stderr, "%s\n", error.what());
      require(false, "a table with one class and finite features per row loads");
    }
  }
  require(openIdentifiers() == before, "the reader closes what it opens");
  static int inputs = 0;
  if (++inputs % kResetEvery == 0) {
    H5close();
    configureHdf5();
  }
  return 0;
}
