// What the confusion-matrix figure shows of a trial, and its way out through the figure writers.
#include "charts/confusion_matrix.h"

#include <QCoreApplication>
#include <QPainter>
#include <cmath>
#include <numeric>

#include "display_format.h"
#include "sweeplab/class_diagnostics.h"

namespace sweeplab::ui {
namespace {

constexpr double kLogicalDpi = 96.0;

int squareSide(std::size_t cells) {
  const auto side = static_cast<int>(std::lround(std::sqrt(double(cells))));
  return static_cast<std::size_t>(side) * side == cells ? side : 0;
}

QString tr(const char* text) {
  return QCoreApplication::translate("ConfusionMatrix", text);
}

}  // namespace

ConfusionMatrix confusionMatrixOf(const TrialSummary& trial,
                                  const std::vector<std::string>& classNames) {
  ConfusionMatrix matrix;
  matrix.title = tr("Confusion matrix: %1").arg(QString::fromStdString(trial.label));
  const int classes = squareSide(trial.test_confusion.size());
  for (int i = 0; i < classes; ++i)
    matrix.classes << QString::fromStdString(classDisplayName(classNames, i));
  if (classes > 0) matrix.counts = trial.test_confusion;

  QStringList facts;
  if (!std::isnan(trial.test_acc))
    facts << tr("test accuracy %1").arg(formatPercent(trial.test_acc));
  if (!trial.tested_checkpoint.empty())
    facts << tr("%1 checkpoint").arg(QString::fromStdString(trial.tested_checkpoint));
  const long long rows = std::accumulate(matrix.counts.begin(), matrix.counts.end(), 0LL);
  if (rows > 0) facts << tr("%1 test rows").arg(rows);
  matrix.subtitle = facts.join(QStringLiteral(" · "));
  if (!facts.isEmpty()) matrix.subtitle[0] = matrix.subtitle[0].toUpper();

  matrix.deadClasses = trial.dead_classes;
  const std::string mark = deadClassMark(trial, classNames);
  if (!mark.empty())
    matrix.note = QString::fromStdString(mark) +
                  tr(" (validation recall under 1 % in the last %1 epochs)").arg(kDeadClassEpochs);
  return matrix;
}

PaintedFigure confusionMatrixFigure(const ConfusionMatrix& matrix, const FigureOptions& options) {
  const QSizeF logical = QSizeF(options.pixelSize) * (kLogicalDpi / std::max(options.dpi, 1));
  ConfusionMatrix shown = matrix;
  if (!options.caption.isEmpty()) shown.title = options.caption;
  return {logical, shown.title, QStringLiteral("Sweeplab test confusion matrix"),
          [shown, logical](QPainter& painter) { paintConfusionMatrix(painter, logical, shown); }};
}

bool exportConfusionMatrix(const ConfusionMatrix& matrix, const FigureOptions& options,
                           const QString& path, QString* error) {
  return exportPaintedFigure(confusionMatrixFigure(matrix, options), options.pixelSize, options.dpi,
                             path, error);
}

}  // namespace sweeplab::ui
