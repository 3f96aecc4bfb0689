// Parallel coordinates: one vertical axis per swept key and one for the result (with the colour
// scale along it), one line per trial coloured by its result; brushed ranges shade their axis
// and grey out the lines outside them; running trials are dashed, pruned ones dotted.
#include <QFontMetricsF>
#include <QLinearGradient>
#include <QPainter>
#include <QPainterPathStroker>
#include <algorithm>
#include <cmath>

#include "insight/summary_painters.h"

namespace sweeplab::ui {
namespace {

void drawAxis(QPainter& painter, const SummaryStyle& style, const ParallelLayout& layout,
              const ParallelAxis& axis, double x, bool result, InsightResult shown) {
  const bool share = resultIsShare(shown);
  const QFontMetricsF metrics(style.tick);
  if (result) {  // the result's axis carries the colour scale
    QLinearGradient gradient(QPointF(x, layout.bottom), QPointF(x, layout.top));
    // Lines are coloured better-is-bright; a loss or a cost is better low on its axis.
    const bool better_high = higherIsBetter(shown);
    for (int i = 0; i <= 8; ++i)
      gradient.setColorAt(i / 8.0, scaleColour(better_high ? i / 8.0 : 1 - i / 8.0));
    painter.fillRect(
        QRectF(x - style.base * 0.25, layout.top, style.base * 0.5, layout.bottom - layout.top),
        gradient);
  }
  painter.setPen(QPen(style.frame, 1.2));
  painter.drawLine(QPointF(x, layout.top), QPointF(x, layout.bottom));
  painter.setFont(style.tick);
  double last_y = 1e9;
  for (double tick : axis.axis.ticks) {
    const double position = axisPosition(axis.axis, tick);
    if (!std::isfinite(position) || position < -1e-9 || position > 1 + 1e-9) continue;
    const double y = layout.pixel(position);
    if (std::abs(y - last_y) < metrics.height() * 0.95) continue;  // would overlap
    last_y = y;
    painter.setPen(QPen(style.frame, 1));
    painter.drawLine(QPointF(x - style.base * 0.3, y), QPointF(x, y));
    const QString text = tickText(axis.axis, tick, result && share);
    // On a light halo: lines run through the labels' place beside the axis.
    const QRectF label(x - style.base * 0.45 - metrics.horizontalAdvance(text),
                       y - metrics.height() / 2, metrics.horizontalAdvance(text), metrics.height());
    painter.fillRect(label.adjusted(-2, 0, 2, 0), QColor(255, 255, 255, 215));
    painter.setPen(style.muted);
    painter.drawText(label, Qt::AlignRight | Qt::AlignVCenter, text);
  }
  painter.setPen(style.text);
  painter.setFont(style.axisTitle);
  const QFontMetricsF title_metrics(style.axisTitle);
  const QString title = QString::fromStdString(axis.axis.title);
  painter.drawText(
      QRectF(x - 200, layout.top - title_metrics.height() * 1.5, 400, title_metrics.height()),
      Qt::AlignHCenter | Qt::AlignBottom, title);
}

}  // namespace

ParallelLayout parallelLayout(const QSizeF& size, const ParallelFigure& figure,
                              const QString& title) {
  const SummaryStyle style = summaryStyleFor(size);
  const QFontMetricsF metrics(style.tick);
  ParallelLayout layout;
  const double title_height =
      title.isEmpty() ? style.base * 0.6 : QFontMetricsF(style.title).height() * 1.6;
  layout.top = title_height + QFontMetricsF(style.axisTitle).height() * 1.9;
  if (!figure.note.empty()) layout.top += metrics.height() * 1.3;  // the note under the title
  layout.bottom = size.height() - metrics.height() * 1.2;
  // Room for the first axis' labels on its left, and for the first and last axes' titles,
  // which are centred on their axes.
  double widest = 0;
  for (const ParallelAxis& axis : figure.axes)
    for (double tick : axis.axis.ticks)
      widest = std::max(widest, metrics.horizontalAdvance(tickText(axis.axis, tick, true)));
  const QFontMetricsF title_metrics(style.axisTitle);
  const auto halfTitle = [&](std::size_t i) {
    return i < figure.axes.size() ? title_metrics.horizontalAdvance(
                                        QString::fromStdString(figure.axes[i].axis.title)) /
                                            2 +
                                        style.base * 0.5
                                  : 0.0;
  };
  const double left = std::max(widest + style.base * 1.2, halfTitle(0));
  const double right =
      size.width() -
      std::max(style.base * 2, halfTitle(figure.axes.empty() ? 0 : figure.axes.size() - 1));
  const int count = static_cast<int>(figure.axes.size());
  for (int i = 0; i < count; ++i)
    layout.axisX.push_back(count == 1 ? (left + right) / 2
                                      : left + (right - left) * i / double(count - 1));
  return layout;
}

void paintParallelFigure(QPainter& painter, const QSizeF& size, const ParallelFigure& figure,
                         const QString& title, const std::vector<AxisBrush>& brushes,
                         const QSet<int>& selected, SummaryHits* hits) {
  const SummaryStyle style = summaryStyleFor(size);
  const ParallelLayout layout = parallelLayout(size, figure, title);
  painter.save();
  painter.setRenderHint(QPainter::Antialiasing);
  painter.fillRect(QRectF(QPointF(0, 0), size), Qt::white);
  const double title_bottom = drawTitle(painter, style, size, title);
  if (!figure.note.empty()) {
    painter.setFont(style.legend);
    painter.setPen(style.muted);
    painter.drawText(QRectF(style.base, title_bottom, size.width() - 2 * style.base,
                            QFontMetricsF(style.legend).height()),
                     Qt::AlignHCenter | Qt::AlignVCenter, QString::fromStdString(figure.note));
  }
  // Lines outside the brushes first (grey, underneath), then the best results last (on top).
  std::vector<const ParallelLine*> order;
  for (const ParallelLine& line : figure.lines) order.push_back(&line);
  std::stable_sort(order.begin(), order.end(), [&](const ParallelLine* a, const ParallelLine* b) {
    const bool in_a = insideBrushes(*a, brushes), in_b = insideBrushes(*b, brushes);
    if (in_a != in_b) return !in_a;
    return a->colour < b->colour;
  });
  for (const ParallelLine* line : order) {
    QPainterPath path;
    for (std::size_t k = 0; k < line->positions.size() && k < layout.axisX.size(); ++k) {
      const QPointF at(layout.axisX[k], layout.pixel(line->positions[k]));
      if (k == 0)
        path.moveTo(at);
      else
        path.lineTo(at);
    }
    const bool inside = insideBrushes(*line, brushes);
    // Brushed trials are told apart by their colour already (the others are grey); an outline
    // marks a selection made by clicking.
    const bool chosen = brushes.empty() && selected.contains(line->trial);
    QColor colour = inside ? scaleColour(line->colour) : QColor(0xc9, 0xce, 0xd6);
    if (!inside) colour.setAlphaF(0.6);
    if (chosen) {
      painter.setPen(QPen(style.selection, style.base * 0.34, Qt::SolidLine, Qt::RoundCap));
      painter.drawPath(path);
    }
    QPen pen(colour, style.base * (chosen ? 0.22 : 0.16), Qt::SolidLine, Qt::RoundCap);
    if (line->running) pen.setStyle(Qt::DashLine);
    if (line->pruned) pen.setStyle(Qt::DotLine);
    painter.setPen(pen);
    painter.setBrush(Qt::NoBrush);
    painter.drawPath(path);
    if (hits) {
      QPainterPathStroker stroker;
      stroker.setWidth(style.base * 0.6);
      hits->areas.push_back({stroker.createStroke(path), {line->trial}});
    }
  }
  for (std::size_t k = 0; k < figure.axes.size() && k < layout.axisX.size(); ++k)
    drawAxis(painter, style, layout, figure.axes[k], layout.axisX[k], k + 1 == figure.axes.size(),
             figure.result);
  for (const AxisBrush& brush : brushes) {
    if (brush.axis < 0 || brush.axis >= static_cast<int>(layout.axisX.size())) continue;
    const double x = layout.axisX[brush.axis];
    const QRectF band(x - style.base * 0.6, layout.pixel(brush.high), style.base * 1.2,
                      layout.pixel(brush.low) - layout.pixel(brush.high));
    painter.setPen(QPen(style.selection, 1.2));
    QColor fill = style.selection;
    fill.setAlphaF(0.18);
    painter.setBrush(fill);
    painter.drawRect(band);
  }
  painter.restore();
}

}  // namespace sweeplab::ui
