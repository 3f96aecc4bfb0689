#include "insight/summary_canvas.h"

#include <QImage>
#include <QMouseEvent>
#include <QPainter>

namespace sweeplab::ui {
namespace {

// Less movement than this between press and release is a click, not a drag.
constexpr double kDragDistance = 4;

}  // namespace

SummaryCanvas::SummaryCanvas(QWidget* parent) : QWidget(parent) {
  setMinimumSize(240, 180);
  setAttribute(Qt::WA_OpaquePaintEvent);
  setMouseTracking(false);
}

void SummaryCanvas::setPaint(Paint paint) {
  paint_ = std::move(paint);
  update();
}

QImage SummaryCanvas::render() {
  QImage image(size(), QImage::Format_ARGB32_Premultiplied);
  image.fill(Qt::white);
  QPainter painter(&image);
  hits_ = {};
  if (paint_) paint_(painter, QSizeF(size()), &hits_);
  return image;
}

void SummaryCanvas::paintEvent(QPaintEvent*) {
  QPainter painter(this);
  painter.fillRect(rect(), Qt::white);
  hits_ = {};
  if (paint_) paint_(painter, QSizeF(size()), &hits_);
}

void SummaryCanvas::mousePressEvent(QMouseEvent* event) {
  if (event->button() != Qt::LeftButton) return QWidget::mousePressEvent(event);
  press_ = event->position();
  pressed_ = true;
  dragging_ = false;
}

void SummaryCanvas::mouseMoveEvent(QMouseEvent* event) {
  if (!pressed_) return;
  if (!dragging_ && QLineF(press_, event->position()).length() < kDragDistance) return;
  dragging_ = true;
  Q_EMIT dragged(press_, event->position(), false);
}

void SummaryCanvas::mouseReleaseEvent(QMouseEvent* event) {
  if (!pressed_ || event->button() != Qt::LeftButton) return QWidget::mouseReleaseEvent(event);
  pressed_ = false;
  if (dragging_)
    Q_EMIT dragged(press_, event->position(), true);
  else
    Q_EMIT clicked(event->position(), hits_.at(event->position()));
  dragging_ = false;
}

}  // namespace sweeplab::ui
