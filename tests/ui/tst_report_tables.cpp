// The report's results tables never break a number or a key=value label across lines: in the
// HTML page every word of a cell keeps together (white-space: nowrap) and a cell breaks only
// between words; in the PDF each column is as wide as its words, a table too wide for the page
// is cut into several, and the text the PDF holds has every label whole.
#include <QAbstractTextDocumentLayout>
#include <QBuffer>
#include <QDir>
#include <QPdfWriter>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTextDocument>
#include <QTextFrame>
#include <QTextLayout>
#include <QTextTable>
#include <QtTest>
#include <set>

#include "report/report_content.h"
#include "report/report_html.h"
#include "report/report_pdf.h"
#include "sweeplab/results_table.h"

using namespace sweeplab;
using namespace sweeplab::ui;

namespace {

// A 3 x 3 learning-rate x batch-size grid with long labels, finished, with every number.
RunSummary gridRun() {
  RunSummary run;
  run.experiment_name = "lr_x_batch";
  int index = 0;
  for (const char* lr : {"0.0001", "0.001", "0.01"}) {
    for (const char* batch : {"128", "1024", "16384"}) {
      TrialSummary trial;
      trial.index = index;
      trial.label = std::string("learning_rate=") + lr + ", batch_size=" + batch;
      trial.swept = {{"training.learning_rate", lr}, {"training.batch_size", batch}};
      trial.model = "jsc-tiny-x10";
      trial.status = TrialStatus::Finished;
      trial.trainable_parameters = 1997;
      trial.epochs_completed = 50;
      trial.best_val_acc = 0.71 + 0.003 * index;
      trial.val_acc = 0.70 + 0.003 * index;
      trial.test_acc = 0.716586 + 0.002 * index;
      trial.test_loss = 0.846463 - 0.01 * index;
      trial.wall_seconds = 605.4 + 100 * index;
      trial.folder = "00" + std::to_string(index);
      run.trials.push_back(trial);
      ++index;
    }
  }
  return run;
}

ReportContent gridReport() {
  const RunSummary run = gridRun();
  ReportContent content;
  content.title = QStringLiteral("lr_x_batch");
  content.resultsMarkdown = QString::fromStdString(formatResultsTable(run, TableFormat::Markdown));
  content.transposedMarkdown =
      QString::fromStdString(formatResultsTable(run, TableFormat::MarkdownTransposed));
  content.classRecallMarkdown = classRecallMarkdown(run);
  return content;
}

QStringList labelWords() {
  QStringList words;
  for (const TrialSummary& trial : gridRun().trials)
    for (const QString& word : QString::fromStdString(trial.label).split(' '))
      if (!words.contains(word)) words << word;
  return words;
}

std::vector<QTextTable*> tablesOf(QTextFrame* frame) {
  std::vector<QTextTable*> tables;
  for (QTextFrame* child : frame->childFrames()) {
    if (auto* table = qobject_cast<QTextTable*>(child)) tables.push_back(table);
    for (QTextTable* inner : tablesOf(child)) tables.push_back(inner);
  }
  return tables;
}

}  // namespace

class tst_report_tables : public QObject {
  Q_OBJECT

 private Q_SLOTS:
  void htmlKeepsWordsTogether() {
    const QString html = reportHtml(gridReport());
    QVERIFY(html.contains(QStringLiteral("white-space: nowrap")));
    // A label breaks only after its comma; each key=value stays whole.
    for (const QString& word : labelWords())
      QVERIFY2(html.contains(QStringLiteral("<span class=\"nw\">%1</span>").arg(word)),
               qPrintable(word));
    // A number is one word: its cell does not wrap at all.
    QVERIFY(html.contains(QStringLiteral("<td class=\"num\" align=\"right\">0.7166</td>")));
    QVERIFY(html.contains(QStringLiteral("<td class=\"num\" align=\"right\">0.716586</td>")));
    QVERIFY(!html.contains(QStringLiteral("<td class=\"num words\"")));  // no number breaks
  }

  // Every line of every cell of the PDF's tables holds whole words only, and no table is
  // wider than the page.
  void pdfColumnsFitTheirWords() {
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    QPdfWriter writer(&buffer);
    const std::unique_ptr<QTextDocument> document = reportPdfDocument(gridReport(), writer);
    const double pageWidth = document->pageSize().width();
    const std::vector<QTextTable*> tables = tablesOf(document->rootFrame());
    QVERIFY(tables.size() >= 3);  // results, and the transposed one cut into parts
    int cells = 0;
    for (QTextTable* table : tables) {
      const QRectF box = document->documentLayout()->frameBoundingRect(table);
      QVERIFY2(box.width() <= pageWidth + 0.5,
               qPrintable(QStringLiteral("%1 > %2").arg(box.width()).arg(pageWidth)));
      for (int r = 0; r < table->rows(); ++r) {
        for (int c = 0; c < table->columns(); ++c) {
          const QTextTableCell cell = table->cellAt(r, c);
          const QTextBlock block = cell.firstCursorPosition().block();
          const QString text = block.text();
          const QStringList words = text.split(' ', Qt::SkipEmptyParts);
          QTextLayout* layout = block.layout();
          for (int l = 0; l < layout->lineCount(); ++l) {
            const QTextLine line = layout->lineAt(l);
            for (const QString& piece :
                 text.mid(line.textStart(), line.textLength()).split(' ', Qt::SkipEmptyParts))
              QVERIFY2(words.contains(piece),
                       qPrintable(QStringLiteral("'%1' broken in '%2'").arg(piece, text)));
          }
          ++cells;
        }
      }
    }
    QVERIFY(cells > 100);
  }

  // What a reader (or a search) finds in the PDF: every label word whole.
  void pdfTextHasWholeLabels() {
    QTemporaryDir dir;
    const QString out = qEnvironmentVariable("SWEEPLAB_TEST_SCREENSHOTS");
    const QString path = QDir(out.isEmpty() ? dir.path() : out).filePath("report-tables.pdf");
    QString error;
    QVERIFY2(writeReportPdf(gridReport(), path, &error), qPrintable(error));
    const QString pdftotext = QStandardPaths::findExecutable(QStringLiteral("pdftotext"));
    if (pdftotext.isEmpty()) QSKIP("pdftotext is not installed");
    QProcess process;
    process.start(pdftotext, {QStringLiteral("-layout"), path, QStringLiteral("-")});
    QVERIFY(process.waitForFinished(30000));
    const QString text = QString::fromUtf8(process.readAllStandardOutput());
    for (const QString& word : labelWords()) {
      QString bare = word;
      if (bare.endsWith(',')) bare.chop(1);
      // Each label word appears whole, in both tables.
      QVERIFY2(text.count(bare) >= 2, qPrintable(bare + QStringLiteral("\n") + text));
    }
    QVERIFY2(text.contains(QStringLiteral("0.716586")), qPrintable(text));
  }
};

QTEST_MAIN(tst_report_tables)
#include "tst_report_tables.moc"
