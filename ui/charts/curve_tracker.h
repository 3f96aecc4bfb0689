// The value tracker over a curve chart: while the pointer is over the plot, a ring on the curve
// point nearest to it on screen and a label with the trial, x and y. It stays while the pointer
// rests and follows the data as it streams; it goes when the pointer leaves the plot.
// Private to the charts folder.
#pragma once

#include <QColor>
#include <QPointF>
#include <QRectF>
#include <QString>
#include <cmath>
#include <utility>
#include <vector>

class QChart;
class QGraphicsEllipseItem;
class QGraphicsRectItem;
class QGraphicsTextItem;

namespace sweeplab::ui {

// From data to the chart's coordinates: the plot area and the axes' ranges, y linear or log10.
struct PlotMapping {
  QRectF plot;
  double xMin = 0, xMax = 1, yMin = 0, yMax = 1;
  bool logY = false;

  QPointF toChart(const QPointF& value) const;
};

struct NearestPoint {
  int curve = -1;  // index into the curves given
  int index = -1;  // into that curve's points
  double distance = INFINITY;
};

// The point nearest to `pointer` (chart coordinates) over all curves (each x ascending). Walks
// out from the pointer's x in each curve and stops where x alone is farther than the best so
// far, so a long per-step curve costs a few points, not all of them.
NearestPoint nearestOnScreen(const std::vector<const std::vector<QPointF>*>& curves,
                             const PlotMapping& mapping, const QPointF& pointer);

class CurveTracker {
 public:
  explicit CurveTracker(QChart* chart);  // the items are the chart's children

  // `at` in chart coordinates; the label keeps inside `plot`.
  void show(const QPointF& at, const QString& html, const QColor& color, const QRectF& plot);
  void hide();
  bool isVisible() const;
  QString text() const;  // the label's plain text; empty while hidden

 private:
  QGraphicsEllipseItem* ring_;
  QGraphicsRectItem* box_;
  QGraphicsTextItem* label_;
};

}  // namespace sweeplab::ui
