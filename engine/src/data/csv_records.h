// Splits CSV text (RFC 4180: commas, double quotes, "" inside quotes, CRLF or LF) into records
// without copying unquoted fields.
#pragma once

#include <cstddef>
#include <deque>
#include <string>
#include <string_view>
#include <vector>

namespace sweeplab {

class CsvRecords {
 public:
  explicit CsvRecords(std::string_view text);

  // Reads the next non-blank record into `fields`; false at the end of the text. Throws
  // InputError (prefixed with `file`) for a quote that is never closed.
  bool next(std::vector<std::string_view>& fields, const std::string& file);
  int line() const { return record_line_; }  // 1-based line where the last record started

 private:
  std::string_view text_;
  std::size_t pos_ = 0;
  int next_line_ = 1;
  int record_line_ = 0;
  std::deque<std::string> unescaped_;  // storage for quoted fields that contained ""

  std::string_view quotedField(const std::string& file);
};

// Field with surrounding spaces and tabs removed.
std::string_view trimField(std::string_view field);

}  // namespace sweeplab
