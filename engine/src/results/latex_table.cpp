// The results table as a booktabs tabular, ready for \input in a report.
#include <string>
#include <utility>

#include "table_formats.h"

namespace sweeplab {

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

// Plain cell text with its few non-ASCII signs in math mode.
std::string latexCell(const std::string& text) {
  std::string cell = escapeLatex(text);
  for (const auto& [from, to] :
       {std::pair<std::string, std::string>{"±", "$\\pm$"}, {"Δ", "$\\Delta$"}}) {
    for (size_t at = cell.find(from); at != std::string::npos; at = cell.find(from, at)) {
      cell.replace(at, from.size(), to);
      at += to.size();
    }
  }
  return cell;
}

namespace {

std::string joinedRow(const std::vector<std::string>& cells) {
  std::string row;
  for (const std::string& cell : cells) row += (row.empty() ? "" : " & ") + cell;
  return row + " \\\\\n";
}

}  // namespace

std::string latexTabular(const std::vector<std::vector<std::string>>& rows,
                         const std::string& align) {
  std::string table = "\\begin{tabular}{" + align + "}\n\\toprule\n";
  for (size_t r = 0; r < rows.size(); ++r) {
    std::vector<std::string> cells;
    for (const std::string& cell : rows[r]) cells.push_back(latexCell(cell));
    table += joinedRow(cells);
    if (r == 0) table += "\\midrule\n";
  }
  return table + "\\bottomrule\n\\end{tabular}\n";
}

namespace {

// Below the trials, as in the Markdown tables: a paragraph and a tabular per section.
std::string repeatSections(const RunSummary& summary) {
  const RepeatTables tables = repeatStatisticsTables(summary);
  if (tables.gridPoints.empty()) return "";
  std::string text =
      "\n" + latexCell(kRepeatsCaption) + "\n\n" + latexTabular(tables.gridPoints, "lrrrr");
  if (!tables.comparisons.empty()) {
    text += "\n" + latexCell(kWelchCaption) + "\n\n" + latexTabular(tables.comparisons, "lrrrrl");
  }
  return text;
}

}  // namespace

std::string latexTable(const RunSummary& summary, const TableOptions& options) {
  const std::vector<TableColumn> columns = trialRowColumns(summary, options);
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
  return table + repeatSections(summary);
}

}  // namespace sweeplab
