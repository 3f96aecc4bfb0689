// QTextDocument understands a subset of HTML and little CSS, so the PDF gets its own simple
// markup: tables with attributes, figures as document resources sized for an A4 text column.
#include "report_pdf.h"

#include <QAbstractTextDocumentLayout>
#include <QBuffer>
#include <QImage>
#include <QPageLayout>
#include <QPageSize>
#include <QPainter>
#include <QPdfWriter>
#include <QSaveFile>
#include <QTextDocument>
#include <QUrl>

#include "report/markdown_html.h"
#include "report/pdf_tables.h"
#include "sweeplab/runtime_info.h"

namespace sweeplab::ui {
namespace {

// Document units are 1/96 inch at the writer's resolution below; A4 less 15 mm margins
// leaves about 680 of them across. The document is paginated here, not by
// QTextDocument::print, which would add its own 2 cm margins and squeeze the figures.
constexpr int kResolution = 96;
constexpr int kFooterHeight = 24;
constexpr double kTableFontPoints = 8;  // th, td in kStyle

const char* const kStyle = R"(
body { font-family: "DejaVu Sans"; font-size: 9pt; color: #1d2330; }
h1 { font-size: 18pt; margin-bottom: 2px; }
h2 { font-size: 13pt; color: #2f6db5; margin-top: 14px; margin-bottom: 4px; }
h3 { font-size: 10.5pt; margin-top: 8px; margin-bottom: 4px; }
p.meta { color: #566070; margin: 0; }
th { background-color: #eef2f7; }
td.label { color: #566070; font-weight: bold; }
p.caption { font-size: 8pt; color: #3b4452; margin-top: 2px; margin-bottom: 10px; }
pre { font-family: "DejaVu Sans Mono"; font-size: 7.5pt; background-color: #f6f8fa;
      white-space: pre-wrap; }
th, td { font-size: 8pt; font-family: "DejaVu Sans"; }
ul.warnings { color: #8a4f00; }
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

QString figuresHtml(const ReportContent& c, int width) {
  // Single charts pair up two to a row, as in the HTML page; side-by-side ones take a row.
  QString html;
  std::vector<int> pending;
  const auto flushPair = [&] {
    if (pending.empty()) return;
    html += QStringLiteral("<table width=\"100%\" cellspacing=\"0\" cellpadding=\"2\"><tr>");
    for (int i : pending)
      html += QStringLiteral("<td width=\"50%\" valign=\"top\">%1</td>")
                  .arg(figureCell(c.figures[i], i, width / 2 - 8));
    html += QStringLiteral("</tr></table>");
    pending.clear();
  };
  for (int i = 0; i < static_cast<int>(c.figures.size()); ++i) {
    if (c.figures[i].wide) {
      flushPair();
      html += figureCell(c.figures[i], i, width);
    } else {
      pending.push_back(i);
      if (pending.size() == 2) flushPair();
    }
  }
  flushPair();
  return html;
}

// The results tables: each column as wide as its text needs (pdf_tables.h).
QString tablesHtml(const QString& markdown, QPaintDevice* device, int width, bool fill) {
  QFont font(QStringLiteral("DejaVu Sans"));
  font.setPointSizeF(kTableFontPoints);
  const PdfTableStyle style{font, static_cast<double>(width), fill};
  return markdownTablesToHtml(markdown, [&style, device](const MarkdownTable& table) {
    return pdfTableHtml(table, style, device);
  });
}

QString pdfHtml(const ReportContent& c, QPaintDevice* device, int width) {
  QString html = QStringLiteral("<html><body>");
  html += QStringLiteral("<h1>%1</h1>").arg(c.title.toHtmlEscaped());
  if (!c.description.isEmpty())
    html += QStringLiteral("<p>%1</p>").arg(c.description.toHtmlEscaped());
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
  html += QStringLiteral("<h2>Results</h2>") + tablesHtml(c.resultsMarkdown, device, width, true);
  html += QStringLiteral("<h3>Test metrics by trial (lab report layout)</h3>") +
          tablesHtml(firstMarkdownTable(c.transposedMarkdown), device, width, false);
  html += QStringLiteral("<h2>Per-class results</h2><h3>Test recall by class</h3>") +
          tablesHtml(c.classRecallMarkdown, device, width, false);
  if (c.confusionFigure)
    html += QStringLiteral("<img src=\"confusion.png\" width=\"%1\"><p class=\"caption\">%2</p>")
                .arg(width / 2)
                .arg(c.confusionFigure->caption.toHtmlEscaped());
  // Figures start a page, so their heading never ends one alone.
  html += QStringLiteral("<h2 style=\"page-break-before: always\">Figures</h2>") +
          figuresHtml(c, width);
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

std::unique_ptr<QTextDocument> reportPdfDocument(const ReportContent& content, QPdfWriter& writer) {
  writer.setResolution(kResolution);
  writer.setPageLayout(QPageLayout(QPageSize(QPageSize::A4), QPageLayout::Portrait,
                                   QMarginsF(15, 15, 15, 15), QPageLayout::Millimeter));
  writer.setTitle(content.title + QStringLiteral(" - Sweeplab report"));
  writer.setCreator(QStringLiteral("Sweeplab"));
  const QRect body = writer.pageLayout().paintRectPixels(kResolution);

  auto document = std::make_unique<QTextDocument>();
  // Fonts and image sizes are laid out for the PDF's resolution, not the screen's.
  document->documentLayout()->setPaintDevice(&writer);
  document->setDocumentMargin(0);
  document->setPageSize(QSizeF(body.width(), body.height() - kFooterHeight));
  document->setDefaultStyleSheet(QString::fromLatin1(kStyle));
  for (int i = 0; i < static_cast<int>(content.figures.size()); ++i) {
    document->addResource(QTextDocument::ImageResource,
                          QUrl(QStringLiteral("figure-%1.png").arg(i)),
                          QImage::fromData(content.figures[i].png, "PNG"));
  }
  if (content.confusionFigure) {
    document->addResource(QTextDocument::ImageResource, QUrl(QStringLiteral("confusion.png")),
                          QImage::fromData(content.confusionFigure->png, "PNG"));
  }
  document->setHtml(pdfHtml(content, &writer, body.width() - 4));
  return document;
}

bool writeReportPdf(const ReportContent& content, const QString& path, QString* error) {
  QByteArray bytes;
  {
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    QPdfWriter writer(&buffer);
    const std::unique_ptr<QTextDocument> document = reportPdfDocument(content, writer);
    const QRect body = writer.pageLayout().paintRectPixels(kResolution);
    const QSizeF page = document->pageSize();

    QPainter painter(&writer);
    const int pages = document->pageCount();
    for (int p = 0; p < pages; ++p) {
      if (p > 0) writer.newPage();
      painter.save();
      const QRectF shown(0, p * page.height(), page.width(), page.height());
      painter.translate(0, -shown.top());
      painter.setClipRect(shown);
      QAbstractTextDocumentLayout::PaintContext context;
      context.clip = shown;
      document->documentLayout()->draw(&painter, context);
      painter.restore();
      painter.setPen(QColor(0x7a, 0x84, 0x93));
      QFont font(QStringLiteral("DejaVu Sans"));
      font.setPointSizeF(7.5);
      painter.setFont(font);
      const QRectF footer(0, body.height() - kFooterHeight + 8, body.width(), kFooterHeight - 8);
      painter.drawText(footer, Qt::AlignLeft | Qt::AlignVCenter,
                       content.title + QStringLiteral(" - Sweeplab report"));
      painter.drawText(footer, Qt::AlignRight | Qt::AlignVCenter,
                       QStringLiteral("%1 / %2").arg(p + 1).arg(pages));
    }
    painter.end();
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
