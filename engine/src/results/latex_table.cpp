// The results table as a booktabs tabular, ready for \input in a report.
#include <string>

#include "table_formats.h"

namespace sweeplab {
namespace {

std::string escapeLatex(const std::string& text) {
  std::string escaped;
  for (char c : text) {
    switch (c) {
      case '\\':
        escaped += "\\textbackslash{}";
        break;
      case '~':
        escaped += "\\textasciitilde{}";
        break;
      case '^':
        escaped += "\\textasciicircum{}";
        break;
      case '&':
      case '%':
      case '$':
      case '#':
      case '_':
      case '{':
      case '}':
        escaped += '\\';
        escaped += c;
        break;
      case '\n':
      case '\r':
        escaped += ' ';
        break;
      default:
        escaped += c;
    }
  }
  return escaped;
}

std::string joinedRow(const std::vector<std::string>& cells) {
  std::string row;
  for (const std::string& cell : cells) row += (row.empty() ? "" : " & ") + cell;
  return row + " \\\\\n";
}

}  // namespace

std::string latexTable(const RunSummary& summary) {
  const auto& columns = trialRowColumns();
  std::string alignment;
  std::vector<std::string> header;
  for (const TableColumn& column : columns) {
    alignment += column.numeric ? 'r' : 'l';
    header.push_back(escapeLatex(column.header));
  }
  std::string table = "\\begin{tabular}{" + alignment + "}\n\\toprule\n";
  table += joinedRow(header);
  table += "\\midrule\n";
  for (const TrialSummary& trial : summary.trials) {
    std::vector<std::string> cells;
    for (const TableColumn& column : columns) cells.push_back(escapeLatex(column.cell(trial)));
    table += joinedRow(cells);
  }
  table += "\\bottomrule\n\\end{tabular}\n";
  return table;
}

}  // namespace sweeplab
