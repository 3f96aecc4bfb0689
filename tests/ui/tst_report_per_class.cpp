// The report's per-class results, from a run folder written by hand: the dead-class warning
// under the results table (HTML, PDF source, tables/results.md), the recall table with class
// names as columns, and the best trial's confusion matrix as an embedded figure and as files.
// A run written before per-class results says they were not recorded.
#include <QFile>
#include <QImage>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include "charts/confusion_matrix.h"
#include "per_class_fixture.h"
#include "report/report_bundle.h"
#include "report/report_content.h"
#include "sweeplab/class_diagnostics.h"

using namespace sweeplab;
using namespace sweeplab::ui;

namespace {

QString readText(const QString& path) {
  QFile file(path);
  return file.open(QIODevice::ReadOnly) ? QString::fromUtf8(file.readAll()) : QString();
}

}  // namespace

class tst_report_per_class : public QObject {
  Q_OBJECT

  QTemporaryDir dir_;
  RunSummary run_;
  QString report_;

 private Q_SLOTS:
  void initTestCase() {
    QStandardPaths::setTestModeEnabled(true);
    QVERIFY(dir_.isValid());
    run_ = test::perClassRun();
    test::writePerClassRunFolder(dir_.filePath("run"), run_);
    report_ = dir_.filePath("report");
    const ReportResult result = writeReportBundle(dir_.filePath("run"), report_);
    QVERIFY2(result.ok, qPrintable(result.error));
  }

  void warningLineFollowsTheResultsTable() {
    const QString warning =
        QString::fromStdString(deadClassWarning(run_.trials[1], run_.class_names));
    const QString line = QStringLiteral("batch_size=128: ") + warning;
    const QString html = readText(QDir(report_).filePath("report.html"));
    const int results = html.indexOf("<h2>Results</h2>");
    const int item = html.indexOf("<li>" + line.toHtmlEscaped() + "</li>");
    QVERIFY2(results >= 0 && item > results, qPrintable(html.mid(results, 4000)));
    QVERIFY(html.indexOf("</table>", results) < item);  // under the table, not in it
    QCOMPARE(html.count("<li>batch_size="), 1);         // healthy trials get no line
    QVERIFY(readText(QDir(report_).filePath("tables/results.md")).contains("\n- " + line + "\n"));
  }

  void recallTableHasTheClassesAsColumns() {
    const QString html = readText(QDir(report_).filePath("report.html"));
    const int section = html.indexOf("<h2>Per-class results</h2>");
    QVERIFY(section > html.indexOf("<h2>Results</h2>"));
    const QString table = html.mid(section, html.indexOf("</table>", section) - section);
    QVERIFY2(table.contains("<tr><th>Trial</th><th class=\"num\" align=\"right\">g</th>"),
             qPrintable(table));
    for (const TrialSummary& trial : run_.trials) {
      QVERIFY(table.contains(QString::fromStdString(trial.label)));
      for (double recall : trial.test_class_recall)
        QVERIFY2(table.contains(QString::number(recall, 'f', 4)), qPrintable(table));
    }
  }

  void bestTrialsConfusionMatrixIsEmbeddedAndWritten() {
    const QString html = readText(QDir(report_).filePath("report.html"));
    const QString caption = confusionFigureCaption(run_);
    QVERIFY(caption.startsWith("Test confusion matrix of batch_size=256"));
    QVERIFY2(html.contains(caption.toHtmlEscaped()), qPrintable(caption));
    QVERIFY(html.contains("figures/confusion_matrix.{png,svg,pdf}"));
    const QImage png(QDir(report_).filePath("figures/confusion_matrix.png"));
    QCOMPARE(png.size(), confusionMatrixFigureOptions().pixelSize);
    for (const char* file : {"figures/confusion_matrix.svg", "figures/confusion_matrix.pdf"})
      QVERIFY2(QFileInfo(QDir(report_).filePath(file)).size() > 1000, file);
    QVERIFY(QFileInfo(QDir(report_).filePath("report.pdf")).size() > 10000);
  }

  void olderRunSaysPerClassResultsWereNotRecorded() {
    RunSummary older = run_;
    older.class_names.clear();
    for (TrialSummary& trial : older.trials) {
      trial.test_class_recall.clear();
      trial.test_confusion.clear();
      trial.dead_classes.clear();
    }
    test::writePerClassRunFolder(dir_.filePath("older"), older);
    const QString out = dir_.filePath("older-report");
    const ReportResult result = writeReportBundle(dir_.filePath("older"), out);
    QVERIFY2(result.ok, qPrintable(result.error));
    const QString html = readText(QDir(out).filePath("report.html"));
    QVERIFY(html.contains("Per-class recall: not recorded in this run"));
    QVERIFY(!html.contains("<ul class=\"warnings\">"));
    QVERIFY(!html.contains("confusion_matrix"));
    QVERIFY(!QFileInfo::exists(QDir(out).filePath("figures/confusion_matrix.png")));
  }
};

QTEST_MAIN(tst_report_per_class)
#include "tst_report_per_class.moc"
