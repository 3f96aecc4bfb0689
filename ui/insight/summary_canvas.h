// A widget that shows one painted summary figure and reports the pointer on it: a click (with
// the trials drawn under it) and a drag (for brushing and moving axes). What is painted and
// what a drag means belong to the Summary view; the canvas only paints and listens.
#pragma once

#include <QWidget>
#include <functional>
#include <vector>

#include "insight/summary_painting.h"

namespace sweeplab::ui {

class SummaryCanvas : public QWidget {
  Q_OBJECT
 public:
  using Paint = std::function<void(QPainter&, const QSizeF&, SummaryHits*)>;
  explicit SummaryCanvas(QWidget* parent = nullptr);

  void setPaint(Paint paint);
  // Where trials were drawn in the last paint (empty before the first).
  const SummaryHits& hits() const { return hits_; }
  // The trials under a point of the widget, as a click there would select them.
  std::vector<int> trialsAt(const QPointF& point) const { return hits_.at(point); }
  // Paints into an image of the widget's size now (hits included), without waiting for the
  // event loop; the views and tests use it to have hits before the first paint event.
  QImage render();

 Q_SIGNALS:
  void clicked(const QPointF& point, const std::vector<int>& trials);
  // A drag from `from` to `to`; `finished` on the button's release.
  void dragged(const QPointF& from, const QPointF& to, bool finished);

 protected:
  void paintEvent(QPaintEvent* event) override;
  void mousePressEvent(QMouseEvent* event) override;
  void mouseMoveEvent(QMouseEvent* event) override;
  void mouseReleaseEvent(QMouseEvent* event) override;

 private:
  Paint paint_;
  SummaryHits hits_;
  QPointF press_;
  bool pressed_ = false;
  bool dragging_ = false;
};

}  // namespace sweeplab::ui
