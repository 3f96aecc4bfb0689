// Layout for a browser: a readable column, facts side by side, single-chart figures two to a
// row, side-by-side figures across the page; print styles keep figures off page breaks.
#include "report_html.h"

#include "report/markdown_html.h"
#include "sweeplab/runtime_info.h"

namespace sweeplab::ui {
namespace {

const char* const kStyle = R"(
body { font-family: "DejaVu Sans", "Segoe UI", Helvetica, Arial, sans-serif; color: #1d2330;
       margin: 0; background: #f4f5f7; line-height: 1.45; }
main { max-width: 1180px; margin: 0 auto; padding: 28px 36px 48px; background: #fff; }
header { border-bottom: 3px solid #2f6db5; padding-bottom: 12px; margin-bottom: 18px; }
h1 { font-size: 28px; margin: 0 0 6px; }
h2 { font-size: 20px; margin: 30px 0 10px; color: #2f6db5; border-bottom: 1px solid #dde3ea;
     padding-bottom: 4px; }
h3 { font-size: 16px; margin: 18px 0 8px; }
.lead { font-size: 16px; margin: 4px 0 10px; }
.meta { color: #566070; margin: 2px 0; font-size: 14px; }
.meta code, td code { font-size: 13px; }
.facts-grid { display: grid; grid-template-columns: 1fr 1fr; gap: 24px; }
table { border-collapse: collapse; font-size: 14px; margin: 6px 0 12px; }
table.facts th { text-align: left; font-weight: 600; padding: 4px 14px 4px 0; color: #566070;
                 vertical-align: top; white-space: nowrap; }
table.facts td { padding: 4px 0; word-break: break-word; }
table.results th, table.results td { border: 1px solid #cfd6df; padding: 5px 10px;
                                      white-space: nowrap; }
table.results .words { white-space: normal; }
table.results .nw { white-space: nowrap; }
.table-scroll { overflow-x: auto; }
table.results th { background: #eef2f7; text-align: left; }
table.results td.num, table.results th.num { text-align: right;
                                              font-variant-numeric: tabular-nums; }
table.results tr:nth-child(even) td { background: #f8fafc; }
.figures { display: grid; grid-template-columns: 1fr 1fr; gap: 18px 24px; }
figure { margin: 0; break-inside: avoid; }
figure.wide { grid-column: 1 / -1; }
figure img { width: 100%; height: auto; border: 1px solid #e3e7ec; }
figcaption { font-size: 13px; color: #3b4452; margin-top: 4px; }
figcaption code { color: #7a8493; }
pre { background: #f6f8fa; border: 1px solid #dde3ea; padding: 12px 14px; font-size: 13px;
      overflow-x: auto; line-height: 1.35; }
ul.warnings { color: #8a4f00; font-size: 14px; padding-left: 20px; }
ul.files { columns: 2; font-size: 13px; font-family: "DejaVu Sans Mono", monospace; }
footer { margin-top: 36px; color: #7a8493; font-size: 12px; }
@media print { body { background: #fff; } main { padding: 0; } }
)";

QString factsTable(const std::vector<ReportFact>& facts) {
  QString html = QStringLiteral("<table class=\"facts\">\n");
  for (const ReportFact& fact : facts)
    html += QStringLiteral("<tr><th>%1</th><td>%2</td></tr>\n")
                .arg(fact.label.toHtmlEscaped(), fact.value.toHtmlEscaped());
  return html + QStringLiteral("</table>\n");
}

QString figureHtml(const ReportFigure& figure) {
  return QStringLiteral(
             "<figure%1><img alt=\"%2\" src=\"data:image/png;base64,%3\">"
             "<figcaption>%2 <code>figures/%4.{png,svg,pdf}</code></figcaption></figure>\n")
      .arg(figure.wide ? QStringLiteral(" class=\"wide\"") : QString(),
           figure.caption.toHtmlEscaped(), QString::fromLatin1(figure.png.toBase64()),
           figure.fileStem.toHtmlEscaped());
}

}  // namespace

QString reportHtml(const ReportContent& c) {
  QString html = QStringLiteral(
                     "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
                     "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                     "<title>%1 - Sweeplab report</title>\n<style>%2</style>\n</head>\n"
                     "<body><main>\n")
                     .arg(c.title.toHtmlEscaped(), QString::fromLatin1(kStyle));
  html += QStringLiteral("<header><h1>%1</h1>\n").arg(c.title.toHtmlEscaped());
  if (!c.description.isEmpty())
    html += QStringLiteral("<p class=\"lead\">%1</p>\n").arg(c.description.toHtmlEscaped());
  html += QStringLiteral("<p class=\"meta\">Experiment file: <code>%1</code></p>\n")
              .arg(c.experimentFile.toHtmlEscaped());
  html += QStringLiteral("<p class=\"meta\">Run started %1 &middot; report written %2</p>\n")
              .arg(c.startedAt.toHtmlEscaped(), c.writtenAt.toHtmlEscaped());
  html += QStringLiteral("<p class=\"meta\">From the run folder <code>%1</code></p></header>\n")
              .arg(c.runFolder.toHtmlEscaped());

  html += QStringLiteral("<div class=\"facts-grid\"><section><h2>Environment</h2>\n");
  html += factsTable(c.environment);
  html += QStringLiteral("</section><section><h2>Dataset</h2>\n");
  html += factsTable(c.dataset);
  html += QStringLiteral("</section></div>\n");

  html += QStringLiteral("<section><h2>Results</h2>\n") + markdownTablesToHtml(c.resultsMarkdown);
  html += QStringLiteral("<h3>Test metrics by trial (lab report layout)</h3>\n") +
          markdownTablesToHtml(firstMarkdownTable(c.transposedMarkdown)) +
          QStringLiteral("</section>\n");

  html += QStringLiteral("<section><h2>Per-class results</h2>\n");
  html += QStringLiteral("<h3>Test recall by class</h3>\n") +
          markdownTablesToHtml(c.classRecallMarkdown);
  if (c.confusionFigure)
    html += QStringLiteral("<div class=\"figures\">\n") + figureHtml(*c.confusionFigure) +
            QStringLiteral("</div>\n");
  html += QStringLiteral("</section>\n");

  html += QStringLiteral("<section><h2>Figures</h2>\n<div class=\"figures\">\n");
  for (const ReportFigure& figure : c.figures) html += figureHtml(figure);
  html += QStringLiteral("</div></section>\n");

  html += QStringLiteral("<section><h2>Experiment file</h2>\n<pre>%1</pre></section>\n")
              .arg(c.experimentYaml.toHtmlEscaped());
  html += QStringLiteral("<section><h2>Files in this folder</h2>\n<ul class=\"files\">\n");
  for (const QString& file : c.files)
    html += QStringLiteral("<li>%1</li>\n").arg(file.toHtmlEscaped());
  html += QStringLiteral("</ul></section>\n");
  html += QStringLiteral(
              "<footer>Written by Sweeplab %1. Open this folder in Sweeplab (Export, "
              "Run folder) or with <code>sweeplab-cli table</code>; it is a run "
              "folder.</footer>\n")
              .arg(QString::fromStdString(sweeplabVersion()).toHtmlEscaped());
  return html + QStringLiteral("</main></body>\n</html>\n");
}

}  // namespace sweeplab::ui
