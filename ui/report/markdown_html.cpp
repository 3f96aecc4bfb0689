// A pipe table's cells are split on '|' except where the Markdown writer escaped one as "\|".
#include "markdown_html.h"

#include <QStringList>
#include <vector>

namespace sweeplab::ui {
namespace {

QStringList tableCells(const QString& line) {
  QString body = line.trimmed();
  if (body.startsWith(QLatin1Char('|'))) body.remove(0, 1);
  if (body.endsWith(QLatin1Char('|')) && !body.endsWith(QStringLiteral("\\|"))) body.chop(1);
  QStringList cells;
  QString cell;
  for (int i = 0; i < body.size(); ++i) {
    if (body[i] == QLatin1Char('\\') && i + 1 < body.size() && body[i + 1] == QLatin1Char('|')) {
      cell += QLatin1Char('|');
      ++i;
    } else if (body[i] == QLatin1Char('|')) {
      cells << cell.trimmed();
      cell.clear();
    } else {
      cell += body[i];
    }
  }
  cells << cell.trimmed();
  return cells;
}

bool isAlignmentRow(const QStringList& cells) {
  for (const QString& cell : cells) {
    if (cell.isEmpty()) return false;
    for (QChar c : cell)
      if (c != QLatin1Char('-') && c != QLatin1Char(':')) return false;
  }
  return !cells.isEmpty();
}

MarkdownTable parseTable(const QStringList& lines) {
  MarkdownTable table;
  for (const QString& line : lines) {
    const QStringList cells = tableCells(line);
    if (table.rows.size() == 1 && isAlignmentRow(cells)) {
      for (const QString& cell : cells) table.alignRight.push_back(cell.endsWith(QLatin1Char(':')));
      continue;
    }
    table.rows.push_back(cells);
  }
  return table;
}

// A cell of one word is left to the table's no-wrap style; a cell of several words may break
// between them, never inside one.
QString cellHtml(const QString& text, bool* breakable) {
  const QStringList words = text.split(QLatin1Char(' '), Qt::SkipEmptyParts);
  *breakable = words.size() > 1;
  if (!*breakable) return text.toHtmlEscaped();
  QStringList spans;
  for (const QString& word : words)
    spans << QStringLiteral("<span class=\"nw\">%1</span>").arg(word.toHtmlEscaped());
  return spans.join(QLatin1Char(' '));
}

}  // namespace

QString browserTableHtml(const MarkdownTable& table) {
  QString html = QStringLiteral("<div class=\"table-scroll\"><table class=\"results\">\n");
  for (std::size_t r = 0; r < table.rows.size(); ++r) {
    const QString tag = r == 0 ? QStringLiteral("th") : QStringLiteral("td");
    html += QStringLiteral("<tr>");
    for (int c = 0; c < table.rows[r].size(); ++c) {
      const bool alignRight = c < static_cast<int>(table.alignRight.size()) && table.alignRight[c];
      bool breakable = false;
      const QString text = cellHtml(table.rows[r][c], &breakable);
      QStringList classes;
      if (alignRight) classes << QStringLiteral("num");
      if (breakable) classes << QStringLiteral("words");
      QString attributes;
      if (!classes.isEmpty()) attributes = QStringLiteral(" class=\"%1\"").arg(classes.join(' '));
      if (alignRight) attributes += QStringLiteral(" align=\"right\"");
      html += QStringLiteral("<%1%2>%3</%1>").arg(tag, attributes, text);
    }
    html += QStringLiteral("</tr>\n");
  }
  return html + QStringLiteral("</table></div>\n");
}

QString markdownTablesToHtml(const QString& markdown, const TableRenderer& renderTable) {
  const TableRenderer render = renderTable ? renderTable : TableRenderer(browserTableHtml);
  QString html;
  QStringList table;
  QStringList items;
  const auto flushTable = [&] {
    if (!table.isEmpty()) html += render(parseTable(table));
    table.clear();
  };
  // The results table's warnings below it are a list ("- LABEL: sentence").
  const auto flushList = [&] {
    if (items.isEmpty()) return;
    html += QStringLiteral("<ul class=\"warnings\">\n");
    for (const QString& item : items)
      html += QStringLiteral("<li>%1</li>\n").arg(item.toHtmlEscaped());
    html += QStringLiteral("</ul>\n");
    items.clear();
  };
  for (const QString& raw : markdown.split(QLatin1Char('\n'))) {
    const QString line = raw.trimmed();
    if (line.startsWith(QLatin1Char('|'))) {
      flushList();
      table << line;
      continue;
    }
    flushTable();
    if (line.startsWith(QStringLiteral("- "))) {
      items << line.mid(2);
      continue;
    }
    flushList();
    if (line.isEmpty()) continue;
    int level = 0;
    while (level < line.size() && line[level] == QLatin1Char('#')) ++level;
    if (level > 0) {
      // Report sections are h2, so a table's own headings start at h3.
      const int tag = qBound(3, level + 1, 6);
      html +=
          QStringLiteral("<h%1>%2</h%1>\n").arg(tag).arg(line.mid(level).trimmed().toHtmlEscaped());
    } else {
      html += QStringLiteral("<p>%1</p>\n").arg(line.toHtmlEscaped());
    }
  }
  flushTable();
  flushList();
  return html;
}

QString firstMarkdownTable(const QString& markdown) {
  QStringList lines;
  for (const QString& line : markdown.split(QLatin1Char('\n'))) {
    if (!line.startsWith(QLatin1Char('|'))) break;
    lines << line;
  }
  return lines.join(QLatin1Char('\n'));
}

}  // namespace sweeplab::ui
