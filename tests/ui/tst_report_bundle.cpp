// The report folder of a real (tiny) sweep: every promised file is there and not empty, the
// tables are the command line's tables, the HTML page carries the run's numbers and needs no
// other file, the PDF has pages, and the folder opens again as the run it reports. The
// window's Write Report action follows the run shown, including one reopened from History.
#include <QAction>
#include <QFile>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include "charts/standard_figures.h"
#include "engine_bridge.h"
#include "export_dialog.h"
#include "insight/summary_export.h"
#include "main_window.h"
#include "report/report_bundle.h"
#include "results_export.h"
#include "sweeplab/experiment_io.h"
#include "sweeplab/results_table.h"
#include "sweeplab/run_folder.h"
#include "sweeplab/sweep_runner.h"
#include "ui_test_support.h"

using namespace sweeplab;
using namespace sweeplab::ui;

namespace {

QByteArray readBytes(const QString& path) {
  QFile file(path);
  return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

QString fixed4(double value) {
  return QString::number(value, 'f', 4);
}

}  // namespace

class tst_report_bundle : public QObject {
  Q_OBJECT

  QTemporaryDir dir_;
  QString run_dir_;
  QString report_dir_;
  RunSummary summary_;

 private Q_SLOTS:
  void initTestCase() {
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName("SweeplabTest");
    QVERIFY(dir_.isValid());
    // Two seeds per batch size, so the report has the repeats table with its p-value.
    ExperimentSpec spec = test::tinyExperiment(2, 2000);
    spec.repeats = 2;
    spec.description = "Which batch size trains best & fastest?";
    spec.source_file = dir_.filePath("tiny.yaml").toStdString();
    RunOptions options;
    options.out_dir = dir_.filePath("runs").toStdString();
    options.cache_dir.clear();
    SweepRunner runner(spec, options);
    const RunSummary ran = runner.run();
    QCOMPARE(ran.trials.size(), std::size_t(4));
    QDir runs(dir_.filePath("runs"));
    const QStringList folders = runs.entryList(QDir::Dirs | QDir::NoDotAndDotDot);
    QCOMPARE(folders.size(), 1);
    run_dir_ = runs.filePath(folders.first());
    summary_ = readRunSummary(run_dir_.toStdString());

    report_dir_ = dir_.filePath("report");
    QList<int> steps;
    const ReportResult result = writeReportBundle(
        run_dir_, report_dir_, [&steps](int step, int, const QString&) { steps << step; });
    QVERIFY2(result.ok, qPrintable(result.error));
    QVERIFY(steps.size() >= 5);
    QVERIFY(std::is_sorted(steps.begin(), steps.end()));
  }

  void everyFileIsWrittenAndNotEmpty() {
    QStringList expected = {"report.html", "report.pdf", "summary.json", "experiment.yaml"};
    for (const TrialSummary& trial : summary_.trials)
      expected << QString::fromStdString(trial.folder) + "/" + kMetricsFileName;
    QStringList stems{"confusion_matrix"};
    for (StandardFigure figure : kAllStandardFigures) stems << standardFigureFileStem(figure);
    for (const SummaryFigureFile& figure : summaryFigureFiles(summary_, InsightResult::BestValAcc))
      stems << figure.stem;
    QVERIFY(stems.contains("summary_batch_size"));  // the Summary tab's figure of the study
    for (const QString& stem : stems)
      for (const char* suffix : {".png", ".svg", ".pdf"}) expected << "figures/" + stem + suffix;
    for (const char* table : {"results.md", "results-transposed.md", "results.csv", "results.tex",
                              "results.json", "results-repeats.csv", "results-by-batch_size.md",
                              "results-by-batch_size.csv", "results-by-batch_size.tex"})
      expected << QStringLiteral("tables/") + table;
    for (const QString& file : expected) {
      const QFileInfo info(QDir(report_dir_).filePath(file));
      QVERIFY2(info.isFile(), qPrintable(file + " is missing"));
      QVERIFY2(info.size() > 0, qPrintable(file + " is empty"));
    }
  }

  void tablesAreTheCommandLineTables_data() {
    QTest::addColumn<int>("format");
    QTest::addColumn<QString>("file");
    QTest::newRow("markdown") << int(TableFormat::Markdown) << "results.md";
    QTest::newRow("transposed") << int(TableFormat::MarkdownTransposed) << "results-transposed.md";
    QTest::newRow("csv") << int(TableFormat::Csv) << "results.csv";
    QTest::newRow("latex") << int(TableFormat::Latex) << "results.tex";
    QTest::newRow("json") << int(TableFormat::Json) << "results.json";
    QTest::newRow("repeats") << int(TableFormat::RepeatsCsv) << "results-repeats.csv";
  }

  void tablesAreTheCommandLineTables() {
    QFETCH(int, format);
    QFETCH(QString, file);
    QCOMPARE(QString::fromUtf8(readBytes(QDir(report_dir_).filePath("tables/" + file))),
             QString::fromStdString(formatResultsTable(summary_, TableFormat(format))));
  }

  // The "by value" layout of each swept key, as `sweeplab-cli table --by` prints it.
  void byValueTablesAreTheCommandLineTables() {
    QCOMPARE(
        QString::fromUtf8(readBytes(QDir(report_dir_).filePath("tables/results-by-batch_size.md"))),
        QString::fromStdString(
            formatByValueTable(summary_, "training.batch_size", TableFormat::Markdown)));
  }

  void htmlShowsTheRunAndNeedsNoOtherFile() {
    const QString html = QString::fromUtf8(readBytes(QDir(report_dir_).filePath("report.html")));
    QVERIFY(html.startsWith("<!DOCTYPE html>"));
    QVERIFY(html.contains("<h1>tiny</h1>"));
    QVERIFY(html.contains("Which batch size trains best &amp; fastest?"));
    for (const TrialSummary& trial : summary_.trials) {
      QVERIFY2(html.contains(">" + fixed4(trial.test_acc) + "<"), trial.label.c_str());
      QVERIFY2(html.contains(">" + fixed4(trial.best_val_acc) + "<"), trial.label.c_str());
      // A label's words ("batch_size=64", "seed=1") each keep together in the tables.
      for (const QString& word : QString::fromStdString(trial.label).split(' '))
        QVERIFY2(html.contains(QStringLiteral("<span class=\"nw\">%1</span>").arg(word)),
                 trial.label.c_str());
    }
    // Environment and dataset fingerprint, as summary.json recorded them.
    QVERIFY(!summary_.cpu_model.empty());
    QVERIFY(summary_.cpu_threads > 0);
    QVERIFY(html.contains(QString::fromStdString(summary_.cpu_model).toHtmlEscaped()));
    QVERIFY(html.contains(QString::fromStdString(summary_.libtorch_version)));
    QVERIFY(html.contains(QString::fromStdString(summary_.dataset_fingerprint)));
    QVERIFY(!summary_.dataset_content_hash.empty());
    QVERIFY(html.contains(QString::fromStdString(summary_.dataset_content_hash)));
    QVERIFY(html.contains(QLocale().toString(summary_.train_rows) + " train"));
    // Repeats: the Welch test table with its p column.
    QVERIFY(html.contains("Welch"));
    QVERIFY(html.contains("<th>p</th>") || html.contains(">p</th>"));
    // Every figure, inline: the six standard ones, the best trial's confusion matrix and the
    // Summary's figures.
    const int figures = 7 + int(summaryFigureFiles(summary_, InsightResult::BestValAcc).size());
    QCOMPARE(html.count("<img "), figures);
    QCOMPARE(html.count("src=\"data:image/png;base64,"), figures);
    QVERIFY(html.contains("<h2>Per-class results</h2>"));
    // The experiment file as run.
    QVERIFY(html.contains("<pre>"));
    QVERIFY(html.contains("batch_size"));
    // Nothing outside the page.
    static const QRegularExpression external(
        "(src|href)\\s*=\\s*(?![\"']?data:)|file://|https?://|<link|@import|url\\(",
        QRegularExpression::CaseInsensitiveOption);
    const QRegularExpressionMatch match = external.match(html);
    QVERIFY2(!match.hasMatch(), qPrintable(match.captured(0)));
  }

  void pdfHasPages() {
    const QByteArray pdf = readBytes(QDir(report_dir_).filePath("report.pdf"));
    QVERIFY(pdf.startsWith("%PDF-"));
    static const QRegularExpression page("/Type\\s*/Page[^s]");
    QVERIFY(QString::fromLatin1(pdf).count(page) >= 1);
    QVERIFY(pdf.contains("/Image"));  // the figures are drawn into it
  }

  void reportFolderReopensAsTheRun() {
    const RunSummary reopened = readRunSummary(report_dir_.toStdString());
    QCOMPARE(runSummaryToJson(reopened), runSummaryToJson(summary_));
    for (const TrialSummary& trial : reopened.trials)
      QCOMPARE(readTrialMetrics(report_dir_.toStdString(), trial).size(),
               readTrialMetrics(run_dir_.toStdString(), trial).size());
    ExportDialog dialog(nullptr);
    QVERIFY2(dialog.loadRunFolder(report_dir_), qPrintable(dialog.lastError()));
    // A report of the report folder is the same report.
    const ReportResult again = writeReportBundle(report_dir_, report_dir_);
    QVERIFY2(again.ok, qPrintable(again.error));
  }

  // A run folder from before the machine and data facts were recorded still reports: the
  // facts say "not recorded", and the split sizes come from the trials.
  void olderRunFolderSaysWhatWasNotRecorded() {
    const QString old = dir_.filePath("old-run");
    QVERIFY(QDir().mkpath(old));
    RunSummary summary = summary_;
    summary.cpu_model.clear();
    summary.cpu_threads = summary.parallel_trials = summary.threads_per_trial = 0;
    summary.dataset_source.clear();
    summary.dataset_content_hash.clear();
    summary.train_rows = summary.val_rows = summary.test_rows = 0;
    writeRunSummary(old.toStdString(), summary);
    for (const TrialSummary& trial : summary.trials) {
      const QString folder = QString::fromStdString(trial.folder);
      QVERIFY(QDir(old).mkpath(folder));
      QVERIFY(QFile::copy(QDir(run_dir_).filePath(folder + "/" + kMetricsFileName),
                          QDir(old).filePath(folder + "/" + kMetricsFileName)));
    }
    const ReportResult result = writeReportBundle(old, dir_.filePath("old-report"));
    QVERIFY2(result.ok, qPrintable(result.error));
    const QString html =
        QString::fromUtf8(readBytes(QDir(dir_.filePath("old-report")).filePath("report.html")));
    QVERIFY(html.contains("<th>CPU</th><td>not recorded</td>"));
    QVERIFY(html.contains("<th>Content hash</th><td>not recorded</td>"));
    QVERIFY(html.contains(QLocale().toString(summary_.trials[0].train_rows) + " train"));
  }

  void folderWithOtherFilesIsRefused() {
    const QString busy = dir_.filePath("busy");
    QVERIFY(QDir().mkpath(busy));
    QFile keep(QDir(busy).filePath("thesis.tex"));
    QVERIFY(keep.open(QIODevice::WriteOnly));
    keep.write("keep me");
    keep.close();
    const ReportResult result = writeReportBundle(run_dir_, busy);
    QVERIFY(!result.ok);
    QVERIFY2(result.error.contains(busy), qPrintable(result.error));
    QCOMPARE(readBytes(QDir(busy).filePath("thesis.tex")), QByteArray("keep me"));
    QVERIFY(!QFileInfo::exists(QDir(busy).filePath("report.html")));
  }

  void fileInTheWayIsNamed() {
    const QString blocker = dir_.filePath("blocker");
    QFile file(blocker);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.close();
    const ReportResult result = writeReportBundle(run_dir_, blocker);
    QVERIFY(!result.ok);
    QVERIFY2(result.error.contains(blocker) && result.error.contains("not a folder"),
             qPrintable(result.error));
  }

  void earlierReportIsReplaced() {
    const ReportResult result = writeReportBundle(run_dir_, report_dir_);
    QVERIFY2(result.ok, qPrintable(result.error));
  }

  void notARunFolderIsNamed() {
    const QString empty = dir_.filePath("empty");
    QVERIFY(QDir().mkpath(empty));
    const ReportResult result = writeReportBundle(empty, dir_.filePath("out"));
    QVERIFY(!result.ok);
    QVERIFY2(result.error.contains(empty) && result.error.contains("summary.json"),
             qPrintable(result.error));
  }

  void windowReportsTheRunShownAndOneReopenedFromHistory() {
    MainWindow w;
    w.setConfirmations(false);
    w.setStoreSetting(dir_.filePath("history.sqlite"));
    w.setRunsDirectory(dir_.filePath("window-runs"));
    const QString file = dir_.filePath("window.yaml");
    saveExperimentFile(test::tinyExperiment(1, 1500), file.toStdString());
    QVERIFY(w.openFile(file));
    QAction* report = w.action("report");
    QVERIFY(report);
    QVERIFY(!report->isEnabled());  // nothing has run yet

    QSignalSpy finished(w.bridge(), &EngineBridge::sweepFinished);
    QVERIFY(w.startRun());
    QVERIFY(!report->isEnabled());
    QVERIFY(finished.wait(180000) || finished.count() == 1);
    QVERIFY(report->isEnabled());
    const QString first = dir_.filePath("window-report");
    QVERIFY(w.writeReport(first));
    QVERIFY(QFileInfo(QDir(first).filePath("report.html")).size() > 0);
    QVERIFY(QFileInfo(QDir(first).filePath("report.pdf")).size() > 0);

    MainWindow later;
    later.setConfirmations(false);
    later.setStoreSetting(dir_.filePath("history.sqlite"));
    QVERIFY(!later.action("report")->isEnabled());
    QVERIFY(later.reopenFromHistory(1));
    QVERIFY(later.action("report")->isEnabled());
    const QString second = dir_.filePath("history-report");
    QVERIFY(later.writeReport(second));
    QCOMPARE(runSummaryToJson(readRunSummary(second.toStdString())),
             runSummaryToJson(readRunSummary(first.toStdString())));
  }
};

QTEST_MAIN(tst_report_bundle)
#include "tst_report_bundle.moc"
