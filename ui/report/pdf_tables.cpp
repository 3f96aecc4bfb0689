// Column widths measured with the PDF's own font metrics, so what is measured is what is drawn.
#include "report/pdf_tables.h"

#include <QFontMetricsF>
#include <algorithm>
#include <numeric>

namespace sweeplab::ui {
namespace {

struct ColumnText {
  double word = 0;   // the widest word: narrower, a word would be split
  double whole = 0;  // the widest cell on one line
};

ColumnText measure(const MarkdownTable& table, int column, const PdfTableStyle& style,
                   QPaintDevice* device) {
  QFont bold = style.cellFont;
  bold.setBold(true);
  const QFontMetricsF body(style.cellFont, device);
  const QFontMetricsF header(bold, device);
  ColumnText text;
  for (std::size_t r = 0; r < table.rows.size(); ++r) {
    if (column >= table.rows[r].size()) continue;
    const QFontMetricsF& metrics = r == 0 ? header : body;
    const QString& cell = table.rows[r][column];
    text.whole = std::max(text.whole, metrics.horizontalAdvance(cell));
    for (const QString& word : cell.split(QLatin1Char(' '), Qt::SkipEmptyParts))
      text.word = std::max(text.word, metrics.horizontalAdvance(word));
  }
  // A hair of room: the layout rounds, and a word must never be a pixel short of its width.
  text.word = std::ceil(text.word) + kPdfCellChrome + 1;
  text.whole = std::ceil(text.whole) + kPdfCellChrome + 1;
  return text;
}

// Columns 1.. in groups that fit the page beside column 0 at their widest words.
std::vector<std::vector<int>> columnGroups(const MarkdownTable& table, const PdfTableStyle& style,
                                           QPaintDevice* device) {
  const int count = table.rows.empty() ? 0 : static_cast<int>(table.rows.front().size());
  std::vector<std::vector<int>> groups;
  if (count == 0) return groups;
  const double first = measure(table, 0, style, device).word;
  std::vector<int> group{0};
  double used = first;
  for (int c = 1; c < count; ++c) {
    const double word = measure(table, c, style, device).word;
    const double borders = kPdfBorderPerColumn * (group.size() + 3);
    if (group.size() > 1 && used + word + borders > style.pageWidth) {
      groups.push_back(group);
      group = {0};
      used = first;
    }
    group.push_back(c);
    used += word;
  }
  groups.push_back(group);
  return groups;
}

}  // namespace

std::vector<double> pdfColumnWidths(const MarkdownTable& table, const std::vector<int>& columns,
                                    const PdfTableStyle& style, QPaintDevice* device) {
  std::vector<ColumnText> texts;
  for (int c : columns) texts.push_back(measure(table, c, style, device));
  double words = 0, wholes = 0;
  for (const ColumnText& t : texts) {
    words += t.word;
    wholes += t.whole;
  }
  // The cells' borders come on top of the widths given.
  const double page = style.pageWidth - kPdfBorderPerColumn * (texts.size() + 2);
  std::vector<double> widths;
  if (wholes <= page) {
    // Every cell on one line; a table that fills the page shares the rest out evenly.
    const double extra = style.fill ? (page - wholes) / texts.size() : 0;
    for (const ColumnText& t : texts) widths.push_back(std::floor(t.whole + extra));
    return widths;
  }
  // Each column its widest word; then the room left goes first to the columns that need least
  // of it to show their cells on one line ("test accuracy", "Val acc at best loss"), and what remains
  // to the others (long labels), in proportion to what they would need.
  for (const ColumnText& t : texts) widths.push_back(t.word);
  double room = std::max(0.0, page - words);
  std::vector<std::size_t> order(texts.size());
  std::iota(order.begin(), order.end(), 0);
  std::sort(order.begin(), order.end(), [&texts](std::size_t a, std::size_t b) {
    return texts[a].whole - texts[a].word < texts[b].whole - texts[b].word;
  });
  std::vector<std::size_t> wrapping;
  for (std::size_t i : order) {
    const double need = texts[i].whole - texts[i].word;
    if (need <= room) {
      widths[i] = texts[i].whole;
      room -= need;
    } else {
      wrapping.push_back(i);
    }
  }
  double wanted = 0;
  for (std::size_t i : wrapping) wanted += texts[i].whole - texts[i].word;
  for (std::size_t i : wrapping)
    widths[i] += wanted > 0 ? room * (texts[i].whole - texts[i].word) / wanted : 0;
  for (double& width : widths) width = std::floor(width);
  return widths;
}

QString pdfTableHtml(const MarkdownTable& table, const PdfTableStyle& style, QPaintDevice* device) {
  QString html;
  for (const std::vector<int>& columns : columnGroups(table, style, device)) {
    const std::vector<double> widths = pdfColumnWidths(table, columns, style, device);
    const double total = std::accumulate(widths.begin(), widths.end(), 0.0);
    html += QStringLiteral(
                "<table class=\"results\" border=\"1\" cellspacing=\"0\" cellpadding=\"%1\" "
                "width=\"%2\">\n")
                .arg(kPdfCellPadding)
                .arg(static_cast<int>(total));
    for (std::size_t r = 0; r < table.rows.size(); ++r) {
      const QString tag = r == 0 ? QStringLiteral("th") : QStringLiteral("td");
      html += QStringLiteral("<tr>");
      for (std::size_t i = 0; i < columns.size(); ++i) {
        const int c = columns[i];
        const bool right = c < static_cast<int>(table.alignRight.size()) && table.alignRight[c];
        html += QStringLiteral("<%1 width=\"%2\"%3>%4</%1>")
                    .arg(tag)
                    .arg(static_cast<int>(widths[i]))
                    .arg(right ? QStringLiteral(" align=\"right\"") : QString(),
                         table.rows[r].value(c).toHtmlEscaped());
      }
      html += QStringLiteral("</tr>\n");
    }
    html += QStringLiteral("</table>\n");
  }
  return html;
}

}  // namespace sweeplab::ui
