// The report's per-class section: recall per class and trial, and the best trial's confusion
// matrix, both read from the run's summary.
#include <cmath>

#include "charts/confusion_matrix.h"
#include "report/report_content.h"
#include "sweeplab/class_results.h"

namespace sweeplab::ui {
namespace {

QString markdownCell(QString text) {
  return text.replace(QLatin1Char('|'), QStringLiteral("\\|"));
}

}  // namespace

QString classRecallMarkdown(const RunSummary& summary) {
  const std::vector<std::string> classes = runClassNames(summary);
  if (classes.empty())
    return QObject::tr(
        "Per-class recall: not recorded in this run (written before Sweeplab "
        "recorded it).\n");
  QString header = QStringLiteral("| Trial |");
  QString rule = QStringLiteral("| --- |");
  for (const std::string& name : classes) {
    header += QStringLiteral(" %1 |").arg(markdownCell(QString::fromStdString(name)));
    rule += QStringLiteral(" ---: |");
  }
  QString table = header + QLatin1Char('\n') + rule + QLatin1Char('\n');
  for (const TrialSummary& trial : summary.trials) {
    table += QStringLiteral("| %1 |").arg(markdownCell(QString::fromStdString(trial.label)));
    for (int c = 0; c < static_cast<int>(classes.size()); ++c) {
      const double recall = testClassRecall(trial, c);
      table += QStringLiteral(" %1 |").arg(std::isfinite(recall) ? QString::number(recall, 'f', 4)
                                                                 : QStringLiteral("-"));
    }
    table += QLatin1Char('\n');
  }
  return table;
}

QString confusionFigureCaption(const RunSummary& summary) {
  const int best = bestTestedTrial(summary);
  if (best < 0) return {};
  return QObject::tr(
             "Test confusion matrix of %1, the trial with the best test accuracy: rows "
             "are the true class, columns the predicted class; each cell holds its count "
             "and its share of the true class.")
      .arg(QString::fromStdString(summary.trials[best].label));
}

std::optional<ReportFigure> confusionReportFigure(const RunSummary& summary, QString* error) {
  const int best = bestTestedTrial(summary);
  if (best < 0) return std::nullopt;
  // Embedded at 1.5x screen resolution, as the other figures of the page.
  FigureOptions options = confusionMatrixFigureOptions();
  options.pixelSize = QSize(864, 720);
  options.dpi = 144;
  const ConfusionMatrix matrix = confusionMatrixOf(summary.trials[best], summary.class_names);
  QString why;
  const QByteArray png = renderPaintedFigurePng(confusionMatrixFigure(matrix, options),
                                                options.pixelSize, options.dpi, &why);
  if (png.isEmpty()) {
    if (error) *error = QObject::tr("figure %1: %2").arg(kConfusionFigureStem, why);
    return std::nullopt;
  }
  return ReportFigure{confusionFigureCaption(summary), QString::fromLatin1(kConfusionFigureStem),
                      png, false};
}

}  // namespace sweeplab::ui
