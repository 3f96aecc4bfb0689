// Reader for tabular CSV data such as the OpenML hls4ml_lhc_jets_hlf export: a header row,
// numeric feature columns and one label column of class names or integers.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "sweeplab/dataset.h"

namespace sweeplab {

struct CsvColumns {
  std::string label;                  // empty: "class" when present, else the last column
  std::vector<std::string> features;  // empty: every column but the label
};

// `file` is used in messages only. Classes are sorted by name, or by value when every label
// is an integer; the label index is the position in that order.
RawDataset readCsv(std::string_view text, const std::string& file, const CsvColumns& columns);

}  // namespace sweeplab
