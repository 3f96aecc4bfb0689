// The Markdown that formatResultsTable writes, as HTML: pipe tables become <table>, "- " lines
// (the dead-class warnings) a list, headings and text lines stay headings and paragraphs, so a
// report shows exactly the cells of the Markdown file beside it.
#pragma once

#include <QString>
#include <QStringList>
#include <functional>
#include <vector>

namespace sweeplab::ui {

// A pipe table's cells, unescaped; rows[0] is the header.
struct MarkdownTable {
  std::vector<QStringList> rows;
  std::vector<bool> alignRight;  // per column, from the alignment row
};
using TableRenderer = std::function<QString(const MarkdownTable&)>;

// Only the subset the results tables use: pipe tables (alignment row read for right-aligned
// columns), "#" headings, plain lines. Everything is HTML-escaped. Each table goes through
// `renderTable`; without one, through browserTableHtml.
QString markdownTablesToHtml(const QString& markdown, const TableRenderer& renderTable = {});

// A table for a browser. A cell breaks only between its space-separated words: each word
// ("batch_size=128", "0.7166", "learning_rate=1e-4,") sits in a span that does not wrap, so a
// narrow column never splits a number or a key=value label.
QString browserTableHtml(const MarkdownTable& table);

// The leading pipe table alone, without the text and tables that follow it.
QString firstMarkdownTable(const QString& markdown);

}  // namespace sweeplab::ui
