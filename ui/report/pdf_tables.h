// Results tables for the PDF. QTextDocument splits a word that does not fit its column anywhere
// ("batch_size=12" over "8"), so each column is given a width from its own text: the whole
// cells when the table fits the page, else at least its widest word, the rest shared out. A
// table wider than the page even then is cut into several, each repeating the first column.
#pragma once

#include <QFont>
#include <QString>
#include <vector>

#include "report/markdown_html.h"

class QPaintDevice;

namespace sweeplab::ui {

struct PdfTableStyle {
  QFont cellFont;     // what td and th are drawn in (th bold)
  double pageWidth;   // the text column, in the device's units
  bool fill = false;  // stretch a table narrower than the page across it
};

// Column widths (cell padding and border included) for the columns given, within
// style.pageWidth when their widest words allow it.
std::vector<double> pdfColumnWidths(const MarkdownTable& table, const std::vector<int>& columns,
                                    const PdfTableStyle& style, QPaintDevice* device);

// The table as QTextDocument HTML: one table, or several stacked when it is too wide.
QString pdfTableHtml(const MarkdownTable& table, const PdfTableStyle& style, QPaintDevice* device);

// Cell padding and border around a cell's text, in the device's units.
inline constexpr double kPdfCellPadding = 3;
inline constexpr double kPdfCellChrome = 2 * kPdfCellPadding + 2;  // and a border each side
// What QTextDocument adds to each column for its border, beyond the width asked.
inline constexpr double kPdfBorderPerColumn = 1.5;

}  // namespace sweeplab::ui
