// The painters of the summary figures: each draws its figure model into [0, 0, size] of a
// painter (96-dpi pixels, white background), marks the selected trials and, when asked,
// records where each trial was drawn (hits) for clicks. The views and export share them.
#pragma once

#include <QCoreApplication>
#include <QSet>
#include <QSizeF>
#include <QString>
#include <vector>

#include "insight/summary_figures.h"
#include "insight/summary_painting.h"

class QPainter;

namespace sweeplab::ui {

struct SliceLook {
  QString title;
  bool legend = true;
  bool wallChart = true;  // the wall-time chart under the result
  bool xTitle = true;
  bool yTitle = true;  // off in the small scatters beside parallel coordinates, which share one
};
void paintSliceFigure(QPainter& painter, const QSizeF& size, const SliceFigure& figure,
                      const SliceLook& look, const QSet<int>& selected = {},
                      SummaryHits* hits = nullptr);

void paintHeatmapFigure(QPainter& painter, const QSizeF& size, const HeatmapFigure& figure,
                        const QString& title, const QSet<int>& selected = {},
                        SummaryHits* hits = nullptr);

// Where the parallel-coordinate axes are drawn: the views test brushes against it.
struct ParallelLayout {
  std::vector<double> axisX;   // per axis
  double top = 0, bottom = 1;  // pixel of position 1 and of position 0
  double position(double y) const { return bottom > top ? (bottom - y) / (bottom - top) : 0; }
  double pixel(double position) const { return bottom - position * (bottom - top); }
};
ParallelLayout parallelLayout(const QSizeF& size, const ParallelFigure& figure,
                              const QString& title);
void paintParallelFigure(QPainter& painter, const QSizeF& size, const ParallelFigure& figure,
                         const QString& title, const std::vector<AxisBrush>& brushes = {},
                         const QSet<int>& selected = {}, SummaryHits* hits = nullptr);

// The optimisation history: finished trials as dots, pruned ones hollow and grey, and the
// best-so-far line as steps.
void paintHistoryFigure(QPainter& painter, const QSizeF& size, const HistoryFigure& figure,
                        const QString& title, const QSet<int>& selected = {},
                        SummaryHits* hits = nullptr);

void paintImportanceFigure(QPainter& painter, const QSizeF& size, const ImportanceFigure& figure,
                           const QString& title);

}  // namespace sweeplab::ui
