// RFC 4180 fields and round-trippable numbers, shared by metrics.csv and the CSV results table.
#pragma once

#include <string>
#include <vector>

namespace sweeplab {

// Quotes a field when it holds a comma, a quote, a line break or edge spaces; doubles quotes.
std::string csvField(const std::string& text);

// Splits one CSV record (no embedded line breaks). Throws InputError with `where` on an
// unterminated quote.
std::vector<std::string> splitCsvRecord(const std::string& line, const std::string& where);

// printf-style formatting of one number, e.g. formatNumber(0.5, "%.9g").
std::string formatNumber(double value, const char* format);

}  // namespace sweeplab
