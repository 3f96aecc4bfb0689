// A hand-written scanner: std::getline plus stringstreams would be several times slower on the
// 830,000-row JSC export.
#include "data/csv_records.h"

#include <cstring>

#include "sweeplab/errors.h"

namespace sweeplab {

CsvRecords::CsvRecords(std::string_view text) : text_(text) {
  if (text_.substr(0, 3) == "\xEF\xBB\xBF") pos_ = 3;  // UTF-8 byte order mark
}

std::string_view trimField(std::string_view field) {
  while (!field.empty() && (field.front() == ' ' || field.front() == '\t')) field.remove_prefix(1);
  while (!field.empty() && (field.back() == ' ' || field.back() == '\t')) field.remove_suffix(1);
  return field;
}

std::string_view CsvRecords::quotedField(const std::string& file) {
  const int start_line = next_line_;
  const std::size_t begin = ++pos_;  // after the opening quote
  bool escaped = false;
  for (;;) {
    const std::size_t quote = text_.find('"', pos_);
    if (quote == std::string_view::npos) {
      throw InputError(file + ":" + std::to_string(start_line) +
                       ": a quoted field is never closed (missing \")");
    }
    for (std::size_t i = pos_; i < quote; ++i) next_line_ += text_[i] == '\n';
    if (quote + 1 < text_.size() && text_[quote + 1] == '"') {
      escaped = true;
      pos_ = quote + 2;
      continue;
    }
    pos_ = quote + 1;
    std::string_view raw = text_.substr(begin, quote - begin);
    if (!escaped) return raw;
    std::string& value = unescaped_.emplace_back();
    for (std::size_t i = 0; i < raw.size(); ++i) {
      value.push_back(raw[i]);
      if (raw[i] == '"') ++i;  // "" stands for one quote
    }
    return value;
  }
}

bool CsvRecords::next(std::vector<std::string_view>& fields, const std::string& file) {
  fields.clear();
  unescaped_.clear();
  // Blank lines carry no record, as in pandas.read_csv.
  while (pos_ < text_.size() && (text_[pos_] == '\n' || text_[pos_] == '\r')) {
    next_line_ += text_[pos_] == '\n';
    ++pos_;
  }
  if (pos_ >= text_.size()) return false;
  record_line_ = next_line_;
  for (;;) {
    std::string_view field;
    std::size_t after = 0;
    const bool quoted = text_[pos_] == '"';
    if (quoted) {
      field = quotedField(file);
      after = pos_;
      // Text between the closing quote and the separator is kept out, like most readers do.
      while (after < text_.size() && text_[after] != ',' && text_[after] != '\n') ++after;
    } else {
      const char* start = text_.data() + pos_;
      const std::size_t rest = text_.size() - pos_;
      const void* comma = std::memchr(start, ',', rest);
      const void* newline =
          std::memchr(start, '\n', comma ? static_cast<const char*>(comma) - start : rest);
      const char* end = newline ? static_cast<const char*>(newline)
                        : comma ? static_cast<const char*>(comma)
                                : start + rest;
      field = std::string_view(start, end - start);
      after = pos_ + field.size();
    }
    if (!quoted && !field.empty() && field.back() == '\r') field.remove_suffix(1);
    fields.push_back(field);
    pos_ = after;
    if (pos_ >= text_.size()) return true;
    if (text_[pos_] == '\n') {
      ++pos_;
      ++next_line_;
      return true;
    }
    ++pos_;  // the comma
    if (pos_ >= text_.size()) {
      fields.emplace_back();
      return true;
    }
  }
}

}  // namespace sweeplab
