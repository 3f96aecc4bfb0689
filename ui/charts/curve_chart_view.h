// A chart view for curves: rubber-band and wheel zoom, double-click to undo the zoom, and the
// pointer's moves for the value tracker.
#pragma once

#include <QChartView>

namespace sweeplab::ui {

class CurveChartView : public QChartView {
  Q_OBJECT
 public:
  explicit CurveChartView(QChart* chart, QWidget* parent = nullptr);

 Q_SIGNALS:
  void zoomResetRequested();
  // The pointer over the view (view coordinates), for the value tracker; and its leaving.
  void pointerMoved(const QPointF& position);
  void pointerLeft();

 protected:
  void wheelEvent(QWheelEvent* event) override;
  void mouseDoubleClickEvent(QMouseEvent* event) override;
  void resizeEvent(QResizeEvent* event) override;  // the legend beside or below, as it fits
  void mouseMoveEvent(QMouseEvent* event) override;
  void leaveEvent(QEvent* event) override;
};

}  // namespace sweeplab::ui
