// A chart view for curves: rubber-band and wheel zoom, double-click to undo the zoom.
#pragma once

#include <QChartView>

namespace sweeplab::ui {

class CurveChartView : public QChartView {
  Q_OBJECT
 public:
  explicit CurveChartView(QChart* chart, QWidget* parent = nullptr);

 Q_SIGNALS:
  void zoomResetRequested();

 protected:
  void wheelEvent(QWheelEvent* event) override;
  void mouseDoubleClickEvent(QMouseEvent* event) override;
};

}  // namespace sweeplab::ui
