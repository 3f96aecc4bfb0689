// The one-key figure: the result's mean per value with ±1 std error bars, each seed as a faint
// dot, running trials as hollow markers, and under it a small chart of the wall time on the
// same x axis, so "as good and three times cheaper" is one picture.
#include <QFontMetricsF>
#include <QPainter>
#include <cmath>

#include "insight/summary_painters.h"

namespace sweeplab::ui {
namespace {

// Overlaid experiments sit side by side around a shared value instead of on top of each other.
double seriesOffset(const SliceFigure& figure, int series, double slot) {
  const int count = static_cast<int>(figure.series.size());
  return count <= 1 ? 0 : (series - (count - 1) / 2.0) * slot;
}

bool isSelected(const std::vector<int>& trials, const QSet<int>& selected) {
  for (int trial : trials)
    if (selected.contains(trial)) return true;
  return false;
}

void drawLegend(QPainter& painter, const SummaryStyle& style, const SliceFigure& figure,
                const QRectF& area) {
  const QFontMetricsF metrics(style.legend);
  painter.setFont(style.legend);
  double x = area.left();
  const double y = area.center().y();
  const double r = style.base * 0.3;
  const auto item = [&](const QColor& colour, const QString& text, bool hollow, bool dot) {
    painter.setPen(QPen(colour, dot ? 0.0 : 1.5));
    painter.setBrush(hollow ? QBrush(Qt::white) : QBrush(colour));
    const double radius = dot ? r * 0.7 : r;
    painter.drawEllipse(QPointF(x + radius, y), radius, radius);
    painter.setPen(style.muted);
    painter.drawText(QPointF(x + 2 * radius + style.base * 0.3, y + metrics.ascent() * 0.38), text);
    x += 2 * radius + style.base * 0.3 + metrics.horizontalAdvance(text) + style.base * 1.2;
  };
  const QColor first = seriesColour(0);
  if (figure.series.size() > 1) {
    for (const SliceSeries& series : figure.series)
      item(seriesColour(series.group), QString::fromStdString(series.name), false, false);
  } else {
    bool repeats = false;
    for (const SliceSeries& series : figure.series)
      for (const SlicePoint& point : series.points) repeats = repeats || point.seeds.size() > 1;
    if (repeats) {
      const char* mean = figure.otherKeys ? "mean ± 1 std over the other keys and seeds"
                                          : "mean ± 1 std over seeds";
      item(first, QCoreApplication::translate("SummaryView", mean), false, false);
      QColor faint = first;
      faint.setAlphaF(0.45);
      item(
          faint,
          QCoreApplication::translate("SummaryView", figure.otherKeys ? "each trial" : "each seed"),
          false, true);
    } else {
      item(first, QCoreApplication::translate("SummaryView", "finished trial"), false, false);
    }
  }
  bool running = false;
  for (const SliceSeries& series : figure.series) running = running || !series.running.empty();
  if (running)
    item(first, QCoreApplication::translate("SummaryView", "running (last epoch)"), true, false);
}

// One chart of the figure: `result` picks the result (true) or the wall time (false).
void drawPoints(QPainter& painter, const SummaryStyle& style, const SliceFigure& figure,
                const AxisMap& x, const AxisMap& y, bool result, const QSet<int>& selected,
                SummaryHits* hits) {
  const double r = style.base * 0.36;
  const double slot = figure.x.categorical() ? 0.12 : 0;
  for (std::size_t s = 0; s < figure.series.size(); ++s) {
    const SliceSeries& series = figure.series[s];
    const QColor colour = seriesColour(series.group);
    QColor faint = colour;
    faint.setAlphaF(0.4);
    const double offset = seriesOffset(figure, static_cast<int>(s), slot);
    QPolygonF line;
    for (const SlicePoint& point : series.points) {
      const MeanStd& value = result ? point.result : point.wall_seconds;
      if (!std::isfinite(value.mean)) continue;
      // The offset is in category units; numeric axes keep overlays on the value itself.
      const double px = x.pixel(point.x + offset);
      line << QPointF(px, y.pixel(value.mean));
    }
    painter.setPen(QPen(colour, style.base * 0.12));
    painter.setBrush(Qt::NoBrush);
    if (!figure.x.categorical()) painter.drawPolyline(line);
    for (const SlicePoint& point : series.points) {
      const MeanStd& value = result ? point.result : point.wall_seconds;
      if (!std::isfinite(value.mean)) continue;
      const double px = x.pixel(point.x + offset);
      const double py = y.pixel(value.mean);
      if (result) {
        painter.setPen(Qt::NoPen);
        painter.setBrush(faint);
        for (std::size_t k = 0; k < point.seeds.size(); ++k) {
          const double jitter = point.seeds.size() > 1 ? (k % 2 ? 1 : -1) * r * 0.9 : 0;
          painter.drawEllipse(QPointF(px + jitter, y.pixel(point.seeds[k])), r * 0.55, r * 0.55);
        }
      }
      if (std::isfinite(value.std)) {
        painter.setPen(QPen(colour, style.base * 0.12));
        const double top = y.pixel(value.mean + value.std),
                     bottom = y.pixel(value.mean - value.std);
        painter.drawLine(QPointF(px, top), QPointF(px, bottom));
        painter.drawLine(QPointF(px - r, top), QPointF(px + r, top));
        painter.drawLine(QPointF(px - r, bottom), QPointF(px + r, bottom));
      }
      const bool chosen = isSelected(point.trials, selected);
      painter.setPen(chosen ? QPen(style.selection, r * 0.6) : QPen(Qt::white, r * 0.25));
      painter.setBrush(colour);
      painter.drawEllipse(QPointF(px, py), r * (chosen ? 1.25 : 1.0), r * (chosen ? 1.25 : 1.0));
      if (hits) {
        QPainterPath shape;
        shape.addEllipse(QPointF(px, py), r * 2, r * 2);
        hits->areas.push_back({shape, point.trials});
      }
    }
    if (!result) continue;
    for (const RunningMarker& marker : series.running) {
      const QPointF at(x.pixel(marker.x + offset), y.pixel(marker.y));
      const bool chosen = selected.contains(marker.trial);
      painter.setPen(QPen(chosen ? style.selection : colour, style.base * 0.16));
      painter.setBrush(Qt::white);
      painter.drawEllipse(at, r * 1.1, r * 1.1);
      if (hits) {
        QPainterPath shape;
        shape.addEllipse(at, r * 2, r * 2);
        hits->areas.push_back({shape, {marker.trial}});
      }
    }
  }
}

}  // namespace

void paintSliceFigure(QPainter& painter, const QSizeF& size, const SliceFigure& figure,
                      const SliceLook& look, const QSet<int>& selected, SummaryHits* hits) {
  const SummaryStyle style = summaryStyleFor(size);
  painter.save();
  painter.setRenderHint(QPainter::Antialiasing);
  painter.fillRect(QRectF(QPointF(0, 0), size), Qt::white);
  double top = drawTitle(painter, style, size, look.title);
  const bool share = resultIsShare(figure.result);
  const QFontMetricsF metrics(style.tick);
  if (look.legend) {
    drawLegend(painter, style, figure,
               QRectF(style.base * 5, top, size.width() - style.base * 6, metrics.height()));
    top += metrics.height() * 1.6;
    if (!figure.note.empty()) {
      painter.setFont(style.legend);
      painter.setPen(style.muted);
      painter.drawText(QRectF(style.base * 5, top - metrics.height() * 0.3,
                              size.width() - style.base * 6, metrics.height()),
                       Qt::AlignLeft | Qt::AlignVCenter, QString::fromStdString(figure.note));
      top += metrics.height() * 1.2;
    }
  }
  const double left = std::max(yAxisWidth(style, figure.y, share, look.yTitle),
                               look.wallChart ? yAxisWidth(style, figure.wall, false) : 0.0) +
                      style.base * 0.5;
  const double right = size.width() - style.base * 1.5;
  const double bottom = size.height() - metrics.height() * (look.xTitle ? 2.9 : 1.8);
  const double gap = metrics.height() * 0.9;
  const double wall_height = look.wallChart ? (bottom - top) * 0.28 : 0;
  const QRectF plot(left, top + style.base * 0.3, right - left,
                    bottom - top - wall_height - (look.wallChart ? gap : 0) - style.base * 0.3);
  AxisMap x{figure.x, plot.left(), plot.right()};
  AxisMap y{figure.y, plot.bottom(), plot.top()};
  drawYAxis(painter, style, y, plot, share, true, look.yTitle);
  drawXAxis(painter, style, x, plot, !look.wallChart, look.xTitle && !look.wallChart);
  painter.setClipRect(plot.adjusted(-style.base, -style.base, style.base, style.base));
  drawPoints(painter, style, figure, x, y, true, selected, hits);
  painter.setClipping(false);
  if (look.wallChart) {
    const QRectF wall(left, bottom - wall_height, right - left, wall_height);
    AxisMap wy{figure.wall, wall.bottom(), wall.top()};
    drawYAxis(painter, style, wy, wall, false, true);
    drawXAxis(painter, style, x, wall, true, look.xTitle);
    drawPoints(painter, style, figure, x, wy, false, selected, nullptr);
  }
  painter.restore();
}

}  // namespace sweeplab::ui
