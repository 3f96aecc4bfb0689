// Zoom handling for the curve charts.
#include "charts/curve_chart_view.h"

#include "charts/trial_curves.h"

#include <QChart>
#include <QMouseEvent>
#include <QWheelEvent>
#include <cmath>

namespace sweeplab::ui {

CurveChartView::CurveChartView(QChart* chart, QWidget* parent) : QChartView(chart, parent) {
  setRenderHint(QPainter::Antialiasing);
  // Every refresh moves every line. The default minimal update clips the repaint to a region of
  // many small rectangles, and clipping thousands of line segments to it made a frame of five
  // streaming trials cost about six times a plain repaint of the whole plot.
  setViewportUpdateMode(QGraphicsView::FullViewportUpdate);
  setRubberBand(QChartView::RectangleRubberBand);
  setMouseTracking(true);
}

void CurveChartView::wheelEvent(QWheelEvent* event) {
  const double notches = event->angleDelta().y() / 120.0;
  if (notches == 0) return QChartView::wheelEvent(event);
  // Zoom about the point under the mouse, so it stays where it is.
  const double factor = std::pow(1.25, notches);
  const QRectF area = chart()->plotArea();
  const QPointF anchor = chart()->mapFromScene(mapToScene(event->position().toPoint()));
  if (!area.contains(anchor)) return QChartView::wheelEvent(event);
  const QSizeF size = area.size() / factor;
  const QPointF topLeft(anchor.x() - (anchor.x() - area.left()) / factor,
                        anchor.y() - (anchor.y() - area.top()) / factor);
  chart()->zoomIn(QRectF(topLeft, size));
  event->accept();
}

void CurveChartView::resizeEvent(QResizeEvent* event) {
  QChartView::resizeEvent(event);
  fitLegendPlacement(chart());
}

void CurveChartView::mouseDoubleClickEvent(QMouseEvent* event) {
  if (event->button() == Qt::LeftButton) {
    Q_EMIT zoomResetRequested();
    event->accept();
    return;
  }
  QChartView::mouseDoubleClickEvent(event);
}

void CurveChartView::mouseMoveEvent(QMouseEvent* event) {
  QChartView::mouseMoveEvent(event);  // the rubber band
  Q_EMIT pointerMoved(event->position());
}

void CurveChartView::leaveEvent(QEvent* event) {
  QChartView::leaveEvent(event);
  Q_EMIT pointerLeft();
}

}  // namespace sweeplab::ui
