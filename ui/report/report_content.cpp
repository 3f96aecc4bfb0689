// The facts of a report. Older run folders lack the machine and data fields; they say so
// rather than guessing.
#include "report_content.h"

#include <QDir>

#include "charts/figure_captions.h"
#include "charts/figure_export.h"
#include "insight/summary_export.h"
#include "sweeplab/experiment_io.h"

namespace sweeplab::ui {
namespace {

QString orUnknown(const std::string& text) {
  return text.empty() ? QObject::tr("not recorded") : QString::fromStdString(text);
}

QString counted(int count, const QString& one, const QString& many) {
  return QStringLiteral("%1 %2").arg(count).arg(count == 1 ? one : many);
}

QString threadsText(const RunSummary& summary) {
  if (summary.cpu_threads <= 0) return QObject::tr("not recorded");
  QString text =
      counted(summary.cpu_threads, QObject::tr("hardware thread"), QObject::tr("hardware threads"));
  if (summary.parallel_trials > 0)
    text += QStringLiteral("; ") +
            counted(summary.parallel_trials, QObject::tr("trial"), QObject::tr("trials")) +
            QObject::tr(" side by side");
  if (summary.threads_per_trial > 0)
    text += QObject::tr(", up to ") +
            counted(summary.threads_per_trial, QObject::tr("intra-op thread"),
                    QObject::tr("intra-op threads")) +
            QObject::tr(" each");
  return text;
}

// Older summaries have the split sizes only per trial; every trial of a run shares the split.
QString splitText(const RunSummary& summary) {
  long long train = summary.train_rows, val = summary.val_rows, test = summary.test_rows;
  if (train == 0) {
    for (const TrialSummary& trial : summary.trials) {
      if (trial.train_rows > 0) {
        train = trial.train_rows;
        val = trial.val_rows;
        test = trial.test_rows;
        break;
      }
    }
  }
  if (train == 0) return QObject::tr("not recorded");
  return QObject::tr("%L1 train / %L2 validation / %L3 test rows").arg(train).arg(val).arg(test);
}

}  // namespace

std::vector<ReportFact> environmentFacts(const RunSummary& summary) {
  return {
      {QObject::tr("Sweeplab"), orUnknown(summary.sweeplab_version)},
      {QObject::tr("LibTorch"), orUnknown(summary.libtorch_version)},
      {QObject::tr("Device"), orUnknown(summary.device)},
      {QObject::tr("CPU"), orUnknown(summary.cpu_model)},
      {QObject::tr("Threads"), threadsText(summary)},
  };
}

std::vector<ReportFact> datasetFacts(const RunSummary& summary) {
  return {
      {QObject::tr("Source"), orUnknown(summary.dataset_source)},
      {QObject::tr("Prepared"), orUnknown(summary.dataset)},
      {QObject::tr("Content hash"), orUnknown(summary.dataset_content_hash)},
      {QObject::tr("Fingerprint"), orUnknown(summary.dataset_fingerprint)},
      {QObject::tr("Split"), splitText(summary)},
  };
}

std::vector<ReportFigure> reportFigures(const RunSummary& summary, const RunMetricPoints& metrics,
                                        QString* error,
                                        const std::optional<StudyObjective>& objective) {
  // The files keep 300 dpi; the embedded copies are 1.5x screen resolution, which stays sharp
  // on high-density screens and keeps the HTML page small.
  const FigureOptions single{QSize(864, 648), 144, QString(), true};
  const FigureOptions wide{QSize(1728, 720), 144, QString(), true};
  const XAxisKind xAxis = preferredXAxis(summary);
  std::vector<ReportFigure> figures;
  int number = 0;
  for (StandardFigure figure : kAllStandardFigures) {
    ++number;
    const bool isWide = figure == StandardFigure::Accuracies || figure == StandardFigure::Losses;
    const FigureData data = standardFigureData(summary, metrics, figure, xAxis, kReportSmoothing);
    QString why;
    const QByteArray png = renderFigurePng(data, isWide ? wide : single, &why);
    if (png.isEmpty()) {
      if (error) *error = QObject::tr("figure %1: %2").arg(standardFigureFileStem(figure), why);
      return {};
    }
    figures.push_back({standardFigureCaption(summary, figure, number),
                       standardFigureFileStem(figure), png, isWide});
  }
  return appendSummaryFigures(summary, std::move(figures), error, objective);
}

std::vector<ReportFigure> appendSummaryFigures(const RunSummary& summary,
                                               std::vector<ReportFigure> figures, QString* error,
                                               const std::optional<StudyObjective>& objective) {
  const FigureOptions single{QSize(864, 648), 144, QString(), true};
  int number = static_cast<int>(figures.size());
  for (const SummaryFigureFile& file :
       summaryFigureFiles(summary, SummaryExportOptions{}.result, objective)) {
    QString why;
    const QByteArray png = renderPaintedFigurePng(
        summaryPaintedFigure(file.paint, file.title, single), single.pixelSize, single.dpi, &why);
    if (png.isEmpty()) {
      if (error) *error = QObject::tr("figure %1: %2").arg(file.stem, why);
      return {};
    }
    const QString caption =
        QStringLiteral("%1 (%2)").arg(file.title, QString::fromStdString(summary.experiment_name));
    figures.push_back({numberedCaption(caption, ++number), file.stem, png, false});
  }
  return figures;
}

std::optional<StudyObjective> studyObjectiveOfRun(const QString& runDir,
                                                  const RunSummary& summary) {
  if (summary.experiment_file.empty()) return std::nullopt;
  try {
    const QString file = QDir(runDir).filePath(QString::fromStdString(summary.experiment_file));
    return studyObjectiveOf(loadExperimentFile(file.toStdString()));
  } catch (const std::exception&) {
    return std::nullopt;  // the report still has every other figure
  }
}

}  // namespace sweeplab::ui
