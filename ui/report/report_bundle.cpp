// Order matters for a reader who opens the folder while it is written: the run's files first
// (the folder is a run folder from then on), then figures and tables, the HTML and PDF last.
#include "report_bundle.h"

#include <QDateTime>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QSaveFile>
#include <exception>

#include "charts/confusion_matrix.h"
#include "insight/summary_export.h"
#include "report/report_content.h"
#include "report/report_html.h"
#include "report/report_pdf.h"
#include "results_export.h"
#include "sweeplab/class_results.h"
#include "sweeplab/experiment_io.h"
#include "sweeplab/repeat_statistics.h"
#include "sweeplab/results_table.h"
#include "sweeplab/run_folder.h"

namespace sweeplab::ui {
namespace {

constexpr int kSteps = 6;

bool isInside(const QString& path, const QString& folder) {
  return path == folder || path.startsWith(folder + QLatin1Char('/'));
}

// A folder the report may write into: new, empty, the run folder itself, or an earlier report.
QString refusalFor(const QString& outDir, const QString& runDir) {
  if (QFileInfo(outDir).isFile()) return QObject::tr("%1: is a file, not a folder").arg(outDir);
  const QDir out(outDir);
  if (!out.exists() || out.isEmpty() || outDir == runDir) return {};
  if (out.exists(QString::fromLatin1(kReportHtmlName))) return {};
  return QObject::tr("%1: the folder already holds other files; choose a new or empty folder")
      .arg(outDir);
}

// The run folder's files (everything but an earlier report inside it), so the report folder
// opens as the run did.
bool copyRunFiles(const QString& runDir, const QString& outDir, QStringList* written,
                  QString* error) {
  QDirIterator it(runDir, QDir::Files | QDir::Hidden | QDir::NoSymLinks,
                  QDirIterator::Subdirectories);
  while (it.hasNext()) {
    const QString source = QFileInfo(it.next()).absoluteFilePath();
    if (isInside(source, outDir)) continue;
    const QString relative = QDir(runDir).relativeFilePath(source);
    const QString target = QDir(outDir).filePath(relative);
    if (!QDir().mkpath(QFileInfo(target).absolutePath())) {
      *error = QObject::tr("%1: cannot create the folder").arg(QFileInfo(target).absolutePath());
      return false;
    }
    QFile::remove(target);
    if (!QFile::copy(source, target)) {
      *error = QObject::tr("%1: cannot copy it to %2").arg(source, target);
      return false;
    }
    written->append(target);
  }
  return true;
}

QString readText(const QString& path) {
  QFile file(path);
  if (!file.open(QIODevice::ReadOnly)) return {};
  return QString::fromUtf8(file.readAll());
}

// The experiment's own words on what it asks; a file that no longer parses just has none.
QString descriptionOf(const QString& yaml) {
  try {
    return QString::fromStdString(
        loadExperimentText(yaml.toStdString(), kExperimentFileName).description);
  } catch (const std::exception&) {
    return {};
  }
}

QStringList relativeFiles(const QString& folder) {
  QStringList files;
  QDirIterator it(folder, QDir::Files | QDir::NoSymLinks, QDirIterator::Subdirectories);
  while (it.hasNext()) files << QDir(folder).relativeFilePath(it.next());
  files.sort();
  return files;
}

}  // namespace

QString defaultReportFolder(const QString& runDir) {
  return QDir::cleanPath(QFileInfo(runDir).absoluteFilePath()) + QStringLiteral("-report");
}

ReportResult writeReportBundle(const QString& runDirIn, const QString& outDirIn,
                               const ReportProgress& progress) {
  ReportResult result;
  const QString runDir = QDir::cleanPath(QFileInfo(runDirIn).absoluteFilePath());
  const QString outDir = QDir::cleanPath(QFileInfo(outDirIn).absoluteFilePath());
  result.folder = outDir;
  const auto step = [&](int number, const QString& what) {
    if (progress) progress(number, kSteps, what);
  };

  step(0, QObject::tr("Reading the run folder"));
  RunSummary summary;
  RunMetricPoints metrics;
  try {
    summary = readRunSummary(runDir.toStdString());
    for (const TrialSummary& trial : summary.trials) {
      const bool started = trial.status != TrialStatus::Queued;
      metrics.push_back(started ? readTrialMetrics(runDir.toStdString(), trial)
                                : std::vector<MetricPoint>{});
    }
  } catch (const std::exception& failure) {
    result.error = QString::fromUtf8(failure.what());
    return result;
  }
  if (const QString refusal = refusalFor(outDir, runDir); !refusal.isEmpty()) {
    result.error = refusal;
    return result;
  }
  if (!QDir().mkpath(outDir)) {
    result.error = QObject::tr("%1: cannot create the folder").arg(outDir);
    return result;
  }

  step(1, QObject::tr("Copying the run's files"));
  if (outDir != runDir && !copyRunFiles(runDir, outDir, &result.files, &result.error))
    return result;

  step(2, QObject::tr("Drawing the figures"));
  StandardFigureOptions figureOptions;
  figureOptions.xAxis = preferredXAxis(summary);
  figureOptions.xAxisChosen = true;
  figureOptions.smoothing = kReportSmoothing;
  const QString figuresDir = QDir(outDir).filePath(QString::fromLatin1(kReportFiguresDir));
  if (!exportStandardFigures(summary, metrics, figuresDir, figureOptions, &result.files,
                             &result.error))
    return result;
  if (const int best = bestTestedTrial(summary); best >= 0) {
    const ConfusionMatrix matrix = confusionMatrixOf(summary.trials[best], summary.class_names);
    for (const char* suffix : {".png", ".svg", ".pdf"}) {
      const QString path =
          QDir(figuresDir)
              .filePath(QString::fromLatin1(kConfusionFigureStem) + QString::fromLatin1(suffix));
      if (!exportConfusionMatrix(matrix, confusionMatrixFigureOptions(), path, &result.error))
        return result;
      result.files << path;
    }
  }
  SummaryExportOptions summaryOptions;
  summaryOptions.objective = studyObjectiveOfRun(runDir, summary);
  if (!exportSummaryFigures(summary, figuresDir, summaryOptions, &result.files, &result.error))
    return result;

  step(3, QObject::tr("Writing the tables"));
  std::vector<TableFormat> formats;
  for (const TableFile& file : tableFiles()) formats.push_back(file.format);
  const QString tablesDir = QDir(outDir).filePath(QString::fromLatin1(kReportTablesDir));
  const QString base = QString::fromLatin1(kReportTablesBase);
  result.files += writeTables(summary, formats, tablesDir, base, &result.error);
  if (!result.error.isEmpty()) return result;
  result.files += writeByValueTables(summary, formats, tablesDir, base, &result.error);
  if (!result.error.isEmpty()) return result;
  if (hasSeedRepeats(summary)) {
    const QString path = QDir(tablesDir).filePath(base + QStringLiteral("-repeats.csv"));
    if (!writeTextFile(path, tableText(summary, TableFormat::RepeatsCsv), &result.error))
      return result;
    result.files << path;
  }

  step(4, QObject::tr("Writing the HTML report"));
  ReportContent content;
  content.title = QString::fromStdString(summary.experiment_name);
  content.experimentFile = summary.experiment_file.empty()
                               ? QObject::tr("not kept with the run")
                               : QString::fromStdString(summary.experiment_file);
  content.startedAt = QString::fromStdString(summary.started_at);
  content.writtenAt = QDateTime::currentDateTimeUtc().toString(Qt::ISODate);
  content.runFolder = runDir;
  content.environment = environmentFacts(summary);
  content.dataset = datasetFacts(summary);
  content.resultsMarkdown = tableText(summary, TableFormat::Markdown);
  content.transposedMarkdown = tableText(summary, TableFormat::MarkdownTransposed);
  content.figures = reportFigures(summary, metrics, &result.error, summaryOptions.objective);
  if (content.figures.empty()) return result;
  content.classRecallMarkdown = classRecallMarkdown(summary);
  content.confusionFigure = confusionReportFigure(summary, &result.error);
  if (!result.error.isEmpty()) return result;
  if (!summary.experiment_file.empty()) {
    content.experimentYaml =
        readText(QDir(runDir).filePath(QString::fromStdString(summary.experiment_file)));
    content.description = descriptionOf(content.experimentYaml);
  }
  content.files = relativeFiles(outDir);
  for (const char* name : {kReportHtmlName, kReportPdfName})
    if (!content.files.contains(QString::fromLatin1(name)))
      content.files << QString::fromLatin1(name);
  content.files.sort();
  const QString htmlPath = QDir(outDir).filePath(QString::fromLatin1(kReportHtmlName));
  if (!writeTextFile(htmlPath, reportHtml(content), &result.error)) return result;
  result.files << htmlPath;

  step(5, QObject::tr("Writing the PDF report"));
  const QString pdfPath = QDir(outDir).filePath(QString::fromLatin1(kReportPdfName));
  if (!writeReportPdf(content, pdfPath, &result.error)) return result;
  result.files << pdfPath;
  result.files.removeDuplicates();
  step(kSteps, QObject::tr("Done"));
  result.ok = true;
  return result;
}

}  // namespace sweeplab::ui
