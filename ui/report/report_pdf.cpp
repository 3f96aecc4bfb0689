// QTextDocument understands a subset of HTML and little CSS, so the PDF gets its own simple
// markup: tables with attributes, figures as document resources sized for an A4 text column.
#include "report_pdf.h"

#include <QBuffer>
#include <QImage>
#include <QPageLayout>
#include <QPageSize>
#include <QPdfWriter>
#include <QSaveFile>
#include <QTextDocument>
#include <QUrl>

#include "report/markdown_html.h"
#include "sweeplab/runtime_info.h"

namespace sweeplab::ui {
namespace {

// Document units are 1/96 inch at the writer's resolution below; A4 less 15 mm margins
// leaves about 680 of them across.
constexpr int kResolution = 96;
constexpr int kColumnWidth = 680;

const char* const kStyle = R"(
body { font-family: "DejaVu Sans"; font-size: 9pt; color: #1d2330; }
h1 { font-size: 18pt; margin-bottom: 2px; }
h2 { font-size: 13pt; color: #2f6db5; margin-top: 14px; margin-bottom: 4px; }
h3 { font-size: 10.5pt; margin-top: 8px; margin-bottom: 4px; }
p.meta { color: #566070; margin: 0; }
th { background-color: #eef2f7; }
td.label { color: #566070; font-weight: bold; }
p.caption { font-size: 8pt; color: #3b4452; margin-top: 2px; margin-bottom: 10px; }
pre { font-family: "DejaVu Sans Mono"; font-size: 7.5pt; background-color: #f6f8fa; }
)";

QString factsTable(const std::vector<ReportFact>& facts) {
  QString html = QStringLiteral("<table cellspacing=\"0\" cellpadding=\"2\">");
  for (const ReportFact& fact : facts)
    html += QStringLiteral("<tr><td class=\"label\" width=\"110\">%1</td><td>%2</td></tr>")
                .arg(fact.label.toHtmlEscaped(), fact.value.toHtmlEscaped());
  return html + QStringLiteral("</table>");
}

QString figureCell(const ReportFigure& figure, int index, int width) {
  return QStringLiteral("<img src=\"figure-%1.png\" width=\"%2\"><p class=\"caption\">%3</p>")
      .arg(index)
      .arg(width)
      .arg(figure.caption.toHtmlEscaped());
}

QString figuresHtml(const ReportContent& c) {
  // Single charts pair up two to a row, as in the HTML page; side-by-side ones take a row.
  QString html;
  std::vector<int> pending;
  const auto flushPair = [&] {
    if (pending.empty()) return;
    html += QStringLiteral("<table width=\"100%\" cellspacing=\"0\" cellpadding=\"2\"><tr>");
    for (int i : pending)
      html += QStringLiteral("<td width=\"50%\" valign=\"top\">%1</td>")
                  .arg(figureCell(c.figures[i], i, kColumnWidth / 2 - 8));
    html += QStringLiteral("</tr></table>");
    pending.clear();
  };
  for (int i = 0; i < static_cast<int>(c.figures.size()); ++i) {
    if (c.figures[i].wide) {
      flushPair();
      html += figureCell(c.figures[i], i, kColumnWidth);
    } else {
      pending.push_back(i);
      if (pending.size() == 2) flushPair();
    }
  }
  flushPair();
  return html;
}

QString pdfHtml(const ReportContent& c) {
  QString html = QStringLiteral("<html><body>");
  html += QStringLiteral("<h1>%1</h1>").arg(c.title.toHtmlEscaped());
  html += QStringLiteral("<p class=\"meta\">Experiment file: %1</p>")
              .arg(c.experimentFile.toHtmlEscaped());
  html += QStringLiteral("<p class=\"meta\">Run started %1 &middot; report written %2</p>")
              .arg(c.startedAt.toHtmlEscaped(), c.writtenAt.toHtmlEscaped());
  html += QStringLiteral("<p class=\"meta\">From the run folder %1</p>")
              .arg(c.runFolder.toHtmlEscaped());
  html += QStringLiteral(
              "<table width=\"100%\" cellspacing=\"0\" cellpadding=\"0\"><tr>"
              "<td width=\"50%\" valign=\"top\"><h2>Environment</h2>%1</td>"
              "<td width=\"50%\" valign=\"top\"><h2>Dataset</h2>%2</td></tr></table>")
              .arg(factsTable(c.environment), factsTable(c.dataset));
  html += QStringLiteral("<h2>Results</h2>") + markdownTablesToHtml(c.resultsMarkdown);
  html += QStringLiteral("<h3>Test metrics by trial (lab report layout)</h3>") +
          markdownTablesToHtml(firstMarkdownTable(c.transposedMarkdown));
  html += QStringLiteral("<h2>Figures</h2>") + figuresHtml(c);
  html +=
      QStringLiteral("<h2>Experiment file</h2><pre>%1</pre>").arg(c.experimentYaml.toHtmlEscaped());
  html += QStringLiteral(
              "<p class=\"meta\">Written by Sweeplab %1. The files of this report "
              "(figures as PNG, SVG and PDF; tables as Markdown, CSV, LaTeX and "
              "JSON) lie in the same folder.</p>")
              .arg(QString::fromStdString(sweeplabVersion()).toHtmlEscaped());
  return html + QStringLiteral("</body></html>");
}

}  // namespace

bool writeReportPdf(const ReportContent& content, const QString& path, QString* error) {
  QByteArray bytes;
  {
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    QPdfWriter writer(&buffer);
    writer.setResolution(kResolution);
    writer.setPageLayout(QPageLayout(QPageSize(QPageSize::A4), QPageLayout::Portrait,
                                     QMarginsF(15, 15, 15, 15), QPageLayout::Millimeter));
    writer.setTitle(content.title + QStringLiteral(" - Sweeplab report"));
    writer.setCreator(QStringLiteral("Sweeplab"));

    QTextDocument document;
    document.setDefaultStyleSheet(QString::fromLatin1(kStyle));
    for (int i = 0; i < static_cast<int>(content.figures.size()); ++i) {
      document.addResource(QTextDocument::ImageResource,
                           QUrl(QStringLiteral("figure-%1.png").arg(i)),
                           QImage::fromData(content.figures[i].png, "PNG"));
    }
    document.setHtml(pdfHtml(content));
    document.print(&writer);
  }
  if (!bytes.startsWith("%PDF")) {
    if (error) *error = QStringLiteral("%1: the PDF could not be drawn").arg(path);
    return false;
  }
  QSaveFile file(path);
  if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size() || !file.commit()) {
    if (error) *error = QStringLiteral("%1: %2").arg(path, file.errorString());
    return false;
  }
  return true;
}

}  // namespace sweeplab::ui
