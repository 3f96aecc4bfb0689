// The Markdown that formatResultsTable writes, as HTML: pipe tables become <table>, "- " lines
// (the dead-class warnings) a list, headings and text lines stay headings and paragraphs, so a
// report shows exactly the cells of the Markdown file beside it.
#pragma once

#include <QString>

namespace sweeplab::ui {

// Only the subset the results tables use: pipe tables (alignment row read for right-aligned
// columns), "#" headings, plain lines. Everything is HTML-escaped. tableAttributes go into
// each <table> tag (the PDF's layout engine reads widths from attributes, not CSS).
QString markdownTablesToHtml(const QString& markdown, const QString& tableAttributes = {});

// The leading pipe table alone, without the text and tables that follow it.
QString firstMarkdownTable(const QString& markdown);

}  // namespace sweeplab::ui
