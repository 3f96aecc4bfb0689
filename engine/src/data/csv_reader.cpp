// Numbers go through std::from_chars (locale-independent, no allocation) as double and are
// then rounded to float, as pandas followed by a float32 tensor would do.
#include "data/csv_reader.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <unordered_map>

#include "data/csv_records.h"
#include "sweeplab/errors.h"

namespace sweeplab {
namespace {

std::string joinQuoted(const std::vector<std::string>& names) {
  std::string text;
  for (const auto& name : names) text += (text.empty() ? "'" : ", '") + name + "'";
  return text;
}

bool parseDouble(std::string_view text, double& value) {
  text = trimField(text);
  if (!text.empty() && text.front() == '+') text.remove_prefix(1);
  if (text.empty()) return false;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  return error == std::errc() && end == text.data() + text.size();
}

bool parseInteger(const std::string& text, long long& value) {
  const char* begin = text.data() + (!text.empty() && text.front() == '+');
  const auto [end, error] = std::from_chars(begin, text.data() + text.size(), value);
  return !text.empty() && error == std::errc() && end == text.data() + text.size();
}

struct ColumnLayout {
  std::vector<std::string> header;
  std::size_t label = 0;
  std::vector<std::size_t> features;
};

ColumnLayout chooseColumns(const std::vector<std::string_view>& header_fields,
                           const std::string& file, const CsvColumns& columns) {
  ColumnLayout layout;
  std::unordered_map<std::string, std::size_t> index;
  for (std::string_view field : header_fields) {
    const std::string name(trimField(field));
    if (!index.emplace(name, layout.header.size()).second) {
      throw InputError(file + ":1: column '" + name + "' appears twice in the header");
    }
    layout.header.push_back(name);
  }
  if (layout.header.size() < 2) {
    throw InputError(file + ":1: the header has " + std::to_string(layout.header.size()) +
                     " column; expected feature columns and a label column separated by commas");
  }
  const std::string available = " (columns: " + joinQuoted(layout.header) + ")";
  if (!columns.label.empty()) {
    const auto found = index.find(columns.label);
    if (found == index.end()) {
      throw InputError(file + ": label column '" + columns.label +
                       "' not found (dataset.label_column must name one of the columns: " +
                       joinQuoted(layout.header) + ")");
    }
    layout.label = found->second;
  } else {
    const auto found = index.find("class");
    layout.label = found != index.end() ? found->second : layout.header.size() - 1;
  }
  if (columns.features.empty()) {
    for (std::size_t i = 0; i < layout.header.size(); ++i) {
      if (i != layout.label) layout.features.push_back(i);
    }
    return layout;
  }
  std::vector<std::string> missing;
  for (const std::string& name : columns.features) {
    const auto found = index.find(name);
    if (found == index.end()) {
      missing.push_back(name);
    } else if (found->second == layout.label) {
      throw InputError(file + ": column '" + name +
                       "' is the label column and cannot be a feature");
    } else {
      layout.features.push_back(found->second);
    }
  }
  if (!missing.empty()) {
    throw InputError(file + ": feature column(s) " + joinQuoted(missing) + " not found" +
                     available);
  }
  return layout;
}

// Orders classes by name, or numerically when all are integers ("01" and "1" are then one
// class), and relabels the rows with positions in that order.
std::vector<std::string> orderClasses(const std::vector<std::string>& seen,
                                      std::vector<std::int64_t>& labels) {
  std::vector<long long> values(seen.size());
  bool all_integers = true;
  for (std::size_t i = 0; i < seen.size() && all_integers; ++i) {
    all_integers = parseInteger(seen[i], values[i]);
  }
  std::vector<std::string> names;
  std::vector<std::int64_t> rank(seen.size());
  if (all_integers) {
    std::vector<long long> sorted = values;
    std::sort(sorted.begin(), sorted.end());
    sorted.erase(std::unique(sorted.begin(), sorted.end()), sorted.end());
    for (long long value : sorted) names.push_back(std::to_string(value));
    for (std::size_t i = 0; i < seen.size(); ++i) {
      rank[i] = std::lower_bound(sorted.begin(), sorted.end(), values[i]) - sorted.begin();
    }
  } else {
    names = seen;
    std::sort(names.begin(), names.end());
    for (std::size_t i = 0; i < seen.size(); ++i) {
      rank[i] = std::lower_bound(names.begin(), names.end(), seen[i]) - names.begin();
    }
  }
  for (auto& label : labels) label = rank[label];
  return names;
}

}  // namespace

RawDataset readCsv(std::string_view text, const std::string& file, const CsvColumns& columns) {
  CsvRecords records(text);
  std::vector<std::string_view> fields;
  if (!records.next(fields, file)) {
    throw InputError(file + ": the file is empty; expected a header row of column names");
  }
  const ColumnLayout layout = chooseColumns(fields, file, columns);

  RawDataset data;
  // Growing the tables row by row would copy them ~20 times on a large file.
  const auto lines = static_cast<std::size_t>(std::count(text.begin(), text.end(), '\n')) + 1;
  data.table.labels.reserve(lines);
  data.table.features.reserve(lines * layout.features.size());
  for (std::size_t column : layout.features) data.feature_names.push_back(layout.header[column]);
  std::vector<std::string> seen_classes;
  std::unordered_map<std::string, std::int64_t> class_ids;
  std::string label_text;
  std::int64_t non_finite = 0;
  std::string first_non_finite;

  while (records.next(fields, file)) {
    const auto where = [&] { return file + ":" + std::to_string(records.line()); };
    if (fields.size() != layout.header.size()) {
      throw InputError(where() + ": the row has " + std::to_string(fields.size()) +
                       " fields but the header has " + std::to_string(layout.header.size()) +
                       " (a missing or extra comma, or a cut-off line?)");
    }
    for (std::size_t column : layout.features) {
      double value = 0.0;
      if (!parseDouble(fields[column], value)) {
        throw InputError(where() + ": column '" + layout.header[column] + "': '" +
                         std::string(trimField(fields[column]).substr(0, 40)) +
                         "' is not a number");
      }
      if (!std::isfinite(value) || !std::isfinite(static_cast<float>(value))) {
        if (non_finite++ == 0) {
          first_non_finite =
              "line " + std::to_string(records.line()) + ", column '" + layout.header[column] + "'";
        }
      }
      data.table.features.push_back(static_cast<float>(value));
    }
    label_text.assign(trimField(fields[layout.label]));
    if (label_text.empty()) {
      throw InputError(where() + ": column '" + layout.header[layout.label] +
                       "': the label is empty");
    }
    auto known = class_ids.find(label_text);
    if (known == class_ids.end()) {
      known = class_ids.emplace(label_text, static_cast<std::int64_t>(seen_classes.size())).first;
      seen_classes.push_back(label_text);
    }
    data.table.labels.push_back(known->second);
  }

  if (data.table.labels.empty())
    throw InputError(file + ": the file has a header but no data rows");
  if (non_finite > 0) {
    throw InputError(file + ": " + std::to_string(non_finite) +
                     " value(s) are NaN or infinite (or too large for float); the first is at " +
                     first_non_finite + "; drop or fill those rows before training on the file");
  }
  data.class_names = orderClasses(seen_classes, data.table.labels);
  if (data.class_names.size() < 2) {
    throw InputError(file + ": label column '" + layout.header[layout.label] +
                     "' has a single class '" + data.class_names.front() +
                     "'; classification needs at least two (set dataset.label_column?)");
  }
  return data;
}

}  // namespace sweeplab
