// What the summary painters share: fonts that follow the figure's size, the colour scale, the
// mapping of an axis onto pixels, axis drawing, and the hit areas a click or a brush is tested
// against. The same painters draw the window's views and the exported files.
#pragma once

#include <QColor>
#include <QFont>
#include <QPainterPath>
#include <QRectF>
#include <QSet>
#include <QString>
#include <vector>

#include "insight/summary_figures.h"

class QPainter;

namespace sweeplab::ui {

struct SummaryStyle {
  QFont title, axisTitle, tick, cell, legend;
  QColor text{0x1d, 0x23, 0x30};
  QColor muted{0x56, 0x60, 0x70};
  QColor grid{0xe3, 0xe6, 0xeb};
  QColor frame{0x9a, 0xa1, 0xab};
  QColor selection{0xd9, 0x48, 0x1c};  // stands out against every colour of the scale
  double base = 12;                    // the tick labels' pixel size
};
SummaryStyle summaryStyleFor(const QSizeF& size);

// viridis: perceptually ordered from dark purple (0) to yellow (1), readable in grey and by
// readers with colour-vision deficiency.
QColor scaleColour(double position);
// Dark text on the light end of the scale, white on the dark end.
QColor textOnScale(double position);
QColor seriesColour(int group);  // one colour per experiment of an overlay

// Maps an axis (data units) onto pixels: `from` is the pixel of axis.min.
struct AxisMap {
  SummaryAxis axis;
  double from = 0, to = 1;
  double pixel(double value) const;
  double value(double pixel) const;  // inverse, in data units
};
QString tickText(const SummaryAxis& axis, double tick, bool share);

// Left axis with ticks, labels, grid lines across `plot`, and its rotated title, in the
// yAxisWidth left of the plot.
void drawYAxis(QPainter& painter, const SummaryStyle& style, const AxisMap& map, const QRectF& plot,
               bool share, bool grid, bool title = true);
// Bottom axis with labels that never overlap (a label that would is left out) and its title.
void drawXAxis(QPainter& painter, const SummaryStyle& style, const AxisMap& map, const QRectF& plot,
               bool labels, bool title);
// The width the y axis' tick labels and title need.
double yAxisWidth(const SummaryStyle& style, const SummaryAxis& axis, bool share,
                  bool title = true);

// Where trials were drawn, so a click selects what is under the pointer.
struct HitArea {
  QPainterPath shape;
  std::vector<int> trials;
};
struct SummaryHits {
  std::vector<HitArea> areas;
  // The trials under a point; later (drawn on top) areas win. Empty when none.
  std::vector<int> at(const QPointF& point) const;
};

// The figure's title, centred at the top; returns the height it took.
double drawTitle(QPainter& painter, const SummaryStyle& style, const QSizeF& size,
                 const QString& title);

}  // namespace sweeplab::ui
