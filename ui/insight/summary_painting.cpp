#include "insight/summary_painting.h"

#include <QFontMetricsF>
#include <QPainter>
#include <algorithm>
#include <array>
#include <cmath>

#include "charts/trial_palette.h"

namespace sweeplab::ui {
namespace {

QFont fontOf(double pixels, bool bold = false) {
  QFont font;
  font.setPixelSize(std::max(1, static_cast<int>(std::lround(pixels))));
  font.setBold(bold);
  return font;
}

// matplotlib's viridis at nine evenly spaced stops.
const std::array<QColor, 9> kViridis = {
    QColor(0x44, 0x01, 0x54), QColor(0x47, 0x2c, 0x7a), QColor(0x3b, 0x51, 0x8b),
    QColor(0x2c, 0x71, 0x8e), QColor(0x21, 0x90, 0x8d), QColor(0x27, 0xad, 0x81),
    QColor(0x5c, 0xc8, 0x63), QColor(0xaa, 0xdc, 0x32), QColor(0xfd, 0xe7, 0x25)};

}  // namespace

SummaryStyle summaryStyleFor(const QSizeF& size) {
  SummaryStyle style;
  // Never below 10 px: a short pane on screen stays readable; its plot gets smaller instead.
  style.base = std::clamp(std::min(size.width() / 1.5, size.height()) / 34.0, 10.0, 13.0);
  style.title = fontOf(style.base * 1.25, true);
  style.axisTitle = fontOf(style.base * 1.08);
  style.tick = fontOf(style.base);
  style.cell = fontOf(style.base * 1.05);
  style.legend = fontOf(style.base);
  return style;
}

QColor scaleColour(double position) {
  const double at =
      std::clamp(std::isfinite(position) ? position : 0.0, 0.0, 1.0) * (kViridis.size() - 1);
  const auto low = static_cast<std::size_t>(std::floor(at));
  const std::size_t high = std::min(low + 1, kViridis.size() - 1);
  const double t = at - low;
  const auto mix = [t](int a, int b) { return static_cast<int>(std::lround(a + (b - a) * t)); };
  return QColor(mix(kViridis[low].red(), kViridis[high].red()),
                mix(kViridis[low].green(), kViridis[high].green()),
                mix(kViridis[low].blue(), kViridis[high].blue()));
}

QColor textOnScale(double position) {
  return position > 0.62 ? QColor(0x1d, 0x23, 0x30) : QColor(Qt::white);
}

QColor seriesColour(int group) {
  return trialColor(group);
}

double AxisMap::pixel(double v) const {
  if (axis.categorical()) return from + (v - axis.min) / (axis.max - axis.min) * (to - from);
  return from + axisPosition(axis, v) * (to - from);
}

double AxisMap::value(double p) const {
  const double t = to != from ? (p - from) / (to - from) : 0.5;
  if (axis.categorical()) return axis.min + t * (axis.max - axis.min);
  if (axis.log)
    return std::pow(10.0, std::log10(axis.min) + t * (std::log10(axis.max) - std::log10(axis.min)));
  return axis.min + t * (axis.max - axis.min);
}

QString tickText(const SummaryAxis& axis, double tick, bool share) {
  if (axis.categorical()) {
    const auto at = static_cast<std::size_t>(std::lround(tick));
    return at < axis.categories.size() ? QString::fromStdString(axis.categories[at]) : QString();
  }
  if (share) return QString::number(tick * 100, 'f', axis.decimals);
  if (axis.log) {
    // Powers of ten read as the experiment files write them ("1e-5") when the axis reaches
    // values that would need many zeros; other values in their shortest form.
    const double power = std::log10(std::abs(tick));
    const bool far = axis.min < 1e-3 || axis.max >= 1e5;
    if (far && std::abs(power - std::round(power)) < 1e-9)
      return QStringLiteral("1e%1").arg(static_cast<int>(std::round(power)));
    return QString::number(tick, 'g', 4);
  }
  return QString::number(tick, 'f', axis.decimals);
}

double yAxisWidth(const SummaryStyle& style, const SummaryAxis& axis, bool share, bool title) {
  const QFontMetricsF metrics(style.tick);
  double widest = 0;
  for (double tick : axis.ticks)
    widest = std::max(widest, metrics.horizontalAdvance(tickText(axis, tick, share)));
  return widest + style.base * 0.6 + (title ? QFontMetricsF(style.axisTitle).height() * 1.4 : 0);
}

void drawYAxis(QPainter& painter, const SummaryStyle& style, const AxisMap& map, const QRectF& plot,
               bool share, bool grid, bool title) {
  painter.save();
  painter.setFont(style.tick);
  const QFontMetricsF metrics(style.tick);
  for (double tick : map.axis.ticks) {
    const double y = map.pixel(tick);
    if (y < plot.top() - 0.5 || y > plot.bottom() + 0.5) continue;
    if (grid) {
      painter.setPen(QPen(style.grid, 1));
      painter.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y));
    }
    painter.setPen(style.muted);
    const QString text = tickText(map.axis, tick, share);
    const double width = metrics.horizontalAdvance(text);
    painter.drawText(QPointF(plot.left() - style.base * 0.4 - width, y + metrics.ascent() * 0.35),
                     text);
  }
  if (!title) {
    painter.restore();
    return;
  }
  painter.setPen(style.text);
  painter.setFont(style.axisTitle);
  painter.translate(plot.left() - yAxisWidth(style, map.axis, share) + style.base * 0.2,
                    plot.center().y());
  painter.rotate(-90);
  const QRectF title_rect(-plot.height() / 2 - 40, 0, plot.height() + 80,
                          QFontMetricsF(style.axisTitle).height());
  painter.drawText(title_rect, Qt::AlignHCenter | Qt::AlignTop,
                   QString::fromStdString(map.axis.title));
  painter.restore();
}

void drawXAxis(QPainter& painter, const SummaryStyle& style, const AxisMap& map, const QRectF& plot,
               bool labels, bool title) {
  painter.save();
  painter.setPen(QPen(style.frame, 1));
  painter.drawLine(plot.bottomLeft(), plot.bottomRight());
  const QFontMetricsF metrics(style.tick);
  painter.setFont(style.tick);
  double last_right = -1e9;
  for (double tick : map.axis.ticks) {
    const double x = map.pixel(tick);
    if (x < plot.left() - 0.5 || x > plot.right() + 0.5) continue;
    painter.setPen(QPen(style.frame, 1));
    painter.drawLine(QPointF(x, plot.bottom()), QPointF(x, plot.bottom() + style.base * 0.3));
    if (!labels) continue;
    const QString text = tickText(map.axis, tick, false);
    const double width = metrics.horizontalAdvance(text);
    if (x - width / 2 < last_right + style.base * 0.5) continue;  // would overlap its neighbour
    last_right = x + width / 2;
    painter.setPen(style.muted);
    painter.drawText(QPointF(x - width / 2, plot.bottom() + style.base * 0.4 + metrics.ascent()),
                     text);
  }
  if (title) {
    painter.setPen(style.text);
    painter.setFont(style.axisTitle);
    const double top = plot.bottom() + style.base * 0.6 + metrics.height();
    painter.drawText(QRectF(plot.left(), top, plot.width(), metrics.height() * 1.5),
                     Qt::AlignHCenter | Qt::AlignTop, QString::fromStdString(map.axis.title));
  }
  painter.restore();
}

std::vector<int> SummaryHits::at(const QPointF& point) const {
  for (auto area = areas.rbegin(); area != areas.rend(); ++area)
    if (area->shape.contains(point)) return area->trials;
  return {};
}

double drawTitle(QPainter& painter, const SummaryStyle& style, const QSizeF& size,
                 const QString& title) {
  if (title.isEmpty()) return style.base * 0.6;
  painter.save();
  painter.setFont(style.title);
  painter.setPen(style.text);
  const double height = QFontMetricsF(style.title).height() * 1.6;
  painter.drawText(QRectF(0, 0, size.width(), height), Qt::AlignCenter, title);
  painter.restore();
  return height;
}

}  // namespace sweeplab::ui
