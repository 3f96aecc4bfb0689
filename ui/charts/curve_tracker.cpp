// The tracker's search and its two graphics items. Qt Charts' own hover signal fires only while
// the pointer crosses a line and its tooltip closes by itself; the tracker answers wherever the
// pointer is over the plot, from the curves' data.
#include "charts/curve_tracker.h"

#include <QBrush>
#include <QChart>
#include <QGraphicsEllipseItem>
#include <QGraphicsRectItem>
#include <QGraphicsTextItem>
#include <QPen>
#include <QTextDocument>
#include <algorithm>

namespace sweeplab::ui {
namespace {

constexpr double kRingRadius = 5;
constexpr double kLabelGap = 10;

double logOrNan(double v) {
  return v > 0 ? std::log10(v) : NAN;
}

}  // namespace

QPointF PlotMapping::toChart(const QPointF& value) const {
  const double fx = (value.x() - xMin) / (xMax - xMin);
  const double fy = logY
                        ? (logOrNan(value.y()) - logOrNan(yMin)) / (logOrNan(yMax) - logOrNan(yMin))
                        : (value.y() - yMin) / (yMax - yMin);
  return {plot.left() + fx * plot.width(), plot.bottom() - fy * plot.height()};
}

NearestPoint nearestOnScreen(const std::vector<const std::vector<QPointF>*>& curves,
                             const PlotMapping& mapping, const QPointF& pointer) {
  NearestPoint best;
  if (!(mapping.xMax > mapping.xMin) || !(mapping.yMax > mapping.yMin)) return best;
  const double xScale = mapping.plot.width() / (mapping.xMax - mapping.xMin);
  const double pointerX =
      mapping.xMin + (pointer.x() - mapping.plot.left()) / std::max(xScale, 1e-300);
  for (size_t c = 0; c < curves.size(); ++c) {
    const std::vector<QPointF>& points = *curves[c];
    const auto start = std::lower_bound(points.begin(), points.end(), pointerX,
                                        [](const QPointF& p, double x) { return p.x() < x; });
    const auto consider = [&](size_t i) {
      const QPointF at = mapping.toChart(points[i]);
      if (!std::isfinite(at.x()) || !std::isfinite(at.y())) return true;  // skip, go on
      const double dx = at.x() - pointer.x();
      if (std::abs(dx) > best.distance) return false;  // every later point is farther in x
      const double distance = std::hypot(dx, at.y() - pointer.y());
      if (distance < best.distance) best = {static_cast<int>(c), static_cast<int>(i), distance};
      return true;
    };
    for (size_t i = static_cast<size_t>(start - points.begin()); i < points.size(); ++i)
      if (!consider(i)) break;
    for (size_t i = static_cast<size_t>(start - points.begin()); i-- > 0;)
      if (!consider(i)) break;
  }
  return best;
}

CurveTracker::CurveTracker(QChart* chart)
    : ring_(new QGraphicsEllipseItem(chart)),
      box_(new QGraphicsRectItem(chart)),
      label_(new QGraphicsTextItem(box_)) {
  ring_->setRect(-kRingRadius, -kRingRadius, 2 * kRingRadius, 2 * kRingRadius);
  ring_->setBrush(Qt::white);
  box_->setBrush(QColor(255, 255, 255, 235));
  box_->setPen(QPen(QColor(0xb0, 0xb0, 0xb0)));
  // Above the series, and never in the way of the chart's own mouse handling.
  for (QGraphicsItem* item :
       {static_cast<QGraphicsItem*>(ring_), static_cast<QGraphicsItem*>(box_)}) {
    item->setZValue(1000);
    item->setAcceptedMouseButtons(Qt::NoButton);
    item->setAcceptHoverEvents(false);
  }
  label_->setAcceptedMouseButtons(Qt::NoButton);
  label_->setDefaultTextColor(QColor(0x20, 0x20, 0x20));
  hide();
}

void CurveTracker::show(const QPointF& at, const QString& html, const QColor& color,
                        const QRectF& plot) {
  ring_->setPen(QPen(color, 2.5));
  ring_->setPos(at);
  label_->setHtml(html);
  const QRectF text = label_->boundingRect();
  box_->setRect(text);
  // Up and to the right of the point, flipped where that would leave the plot.
  QPointF corner(at.x() + kLabelGap, at.y() - kLabelGap - text.height());
  if (corner.x() + text.width() > plot.right()) corner.setX(at.x() - kLabelGap - text.width());
  if (corner.y() < plot.top()) corner.setY(at.y() + kLabelGap);
  corner.setX(std::max(corner.x(), plot.left()));
  box_->setPos(corner);
  ring_->setVisible(true);
  box_->setVisible(true);
}

void CurveTracker::hide() {
  ring_->setVisible(false);
  box_->setVisible(false);
}

bool CurveTracker::isVisible() const {
  return box_->isVisible();
}

QString CurveTracker::text() const {
  return isVisible() ? label_->document()->toPlainText() : QString();
}

}  // namespace sweeplab::ui
