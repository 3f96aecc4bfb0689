// The test confusion matrix of one trial as a heatmap: rows the true class, columns the
// predicted class, each cell its count and its share of the row, coloured by that share. One
// painting function draws it for the window's dialog, the exported files and the report.
#pragma once

#include <QByteArray>
#include <QSizeF>
#include <QString>
#include <QStringList>
#include <string>
#include <vector>

#include "charts/figure_data.h"
#include "charts/figure_export.h"
#include "sweeplab/metrics.h"

class QPainter;

namespace sweeplab::ui {

struct ConfusionMatrix {
  QString title;     // "Confusion matrix: model=jsc-tiny"
  QString subtitle;  // "Test accuracy 71.66 % · best checkpoint · 166000 test rows"
  QStringList classes;
  std::vector<long long> counts;  // classes x classes, row-major, row = true class
  std::vector<int> deadClasses;   // their row labels and a note under the matrix warn
  QString note;                   // the dead-class mark, or empty

  // A trial written before per-class results were recorded (or one that never reached its
  // test) has no matrix: the figure then says so instead of drawing cells.
  bool hasCounts() const {
    return !classes.isEmpty() &&
           counts.size() == static_cast<std::size_t>(classes.size()) * classes.size();
  }
};

// The trial's test confusion matrix with its run's class names.
ConfusionMatrix confusionMatrixOf(const TrialSummary& trial,
                                  const std::vector<std::string>& classNames);

// 6 x 5 inches at 300 dpi, the size of a single figure in a paper.
inline FigureOptions confusionMatrixFigureOptions() {
  return {QSize(1800, 1500), 300, QString(), true};
}

// Paints the heatmap into [0, 0, size] of the painter's coordinate system (96-dpi pixels):
// white background, fonts scaled with the size.
void paintConfusionMatrix(QPainter& painter, const QSizeF& size, const ConfusionMatrix& matrix);

// The heatmap as a figure of options.pixelSize at options.dpi (the caption, when set, replaces
// the title), for exportPaintedFigure and the report.
PaintedFigure confusionMatrixFigure(const ConfusionMatrix& matrix, const FigureOptions& options);

// Writes PNG, SVG or PDF by the path's suffix; errors as exportFigure's.
bool exportConfusionMatrix(const ConfusionMatrix& matrix, const FigureOptions& options,
                           const QString& path, QString* error);

}  // namespace sweeplab::ui
