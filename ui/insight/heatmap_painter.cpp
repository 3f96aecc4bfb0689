// The two-key heatmap: one cell per pair of values with the mean written in it (± std under it
// for repeats), viridis colours with the better end bright, a colour bar with its range, and
// cells no trial reached marked "not run".
#include <QFontMetricsF>
#include <QLinearGradient>
#include <QPainter>
#include <cmath>

#include "insight/summary_painters.h"

namespace sweeplab::ui {
namespace {

QString text(const char* source) {
  return QCoreApplication::translate("SummaryView", source);
}

void drawColourBar(QPainter& painter, const SummaryStyle& style, const HeatmapFigure& figure,
                   const QRectF& bar) {
  const bool better_high = higherIsBetter(figure.result);
  QLinearGradient gradient(bar.bottomLeft(), bar.topLeft());
  for (int i = 0; i <= 8; ++i) gradient.setColorAt(i / 8.0, scaleColour(i / 8.0));
  painter.setPen(QPen(style.frame, 1));
  painter.setBrush(gradient);
  painter.drawRect(bar);
  // The scale's top is the better end: the highest accuracy, the lowest loss or time.
  const double at_top = better_high ? figure.high : figure.low;
  const double at_bottom = better_high ? figure.low : figure.high;
  painter.setFont(style.tick);
  painter.setPen(style.muted);
  const QFontMetricsF metrics(style.tick);
  const QString top_text = QString::fromStdString(resultText(figure.result, at_top));
  const QString bottom_text = QString::fromStdString(resultText(figure.result, at_bottom));
  painter.drawText(QPointF(bar.right() + style.base * 0.4, bar.top() + metrics.ascent()), top_text);
  painter.drawText(QPointF(bar.right() + style.base * 0.4, bar.bottom()), bottom_text);
  painter.save();
  painter.setPen(style.text);
  painter.setFont(style.axisTitle);
  painter.translate(
      bar.right() + style.base * 0.6 +
          std::max(metrics.horizontalAdvance(top_text), metrics.horizontalAdvance(bottom_text)),
      bar.center().y());
  painter.rotate(90);
  painter.drawText(QRectF(-bar.height() / 2 - 40, -QFontMetricsF(style.axisTitle).height(),
                          bar.height() + 80, QFontMetricsF(style.axisTitle).height()),
                   Qt::AlignHCenter | Qt::AlignBottom,
                   QString::fromStdString(resultTitle(figure.result)));
  painter.restore();
}

}  // namespace

void paintHeatmapFigure(QPainter& painter, const QSizeF& size, const HeatmapFigure& figure,
                        const QString& title, const QSet<int>& selected, SummaryHits* hits) {
  const SummaryStyle style = summaryStyleFor(size);
  painter.save();
  painter.setRenderHint(QPainter::Antialiasing);
  painter.fillRect(QRectF(QPointF(0, 0), size), Qt::white);
  const double top = drawTitle(painter, style, size, title) + style.base * 0.3;
  const QFontMetricsF metrics(style.tick);
  const double bar_room = style.base * 1.2 + metrics.horizontalAdvance(QStringLiteral("000.00")) +
                          QFontMetricsF(style.axisTitle).height() * 2.2;
  const double left = yAxisWidth(style, figure.y, false) + style.base * 0.3;
  const double right = size.width() - bar_room - style.base * 1.5;
  const double bottom = size.height() - metrics.height() * 2.9;
  const QRectF plot(left, top, std::max(1.0, right - left), std::max(1.0, bottom - top));
  const int columns = static_cast<int>(figure.x.categories.size());
  const int rows = static_cast<int>(figure.y.categories.size());
  AxisMap x{figure.x, plot.left(), plot.right()};
  AxisMap y{figure.y, plot.bottom(), plot.top()};
  drawYAxis(painter, style, y, plot, false, false);
  drawXAxis(painter, style, x, plot, true, true);
  if (columns == 0 || rows == 0) {
    painter.restore();
    return;
  }
  const double width = plot.width() / columns, height = plot.height() / rows;
  // One font size for every cell: the largest that fits the widest value in a cell.
  QFont cell_font = style.cell;
  const QFontMetricsF cell_metrics(cell_font);
  double widest = cell_metrics.horizontalAdvance(text("not run"));
  for (const HeatCell& cell : figure.cells)
    widest = std::max(widest, cell_metrics.horizontalAdvance(QString::fromStdString(cell.text)));
  const double shrink = std::min(1.0, width * 0.86 / std::max(1.0, widest));
  cell_font.setPixelSize(std::max(1, static_cast<int>(cell_font.pixelSize() * shrink)));
  QFont std_font = cell_font;
  std_font.setPixelSize(std::max(1, static_cast<int>(cell_font.pixelSize() * 0.8)));
  const bool room_for_std = height > QFontMetricsF(cell_font).height() * 2.3;

  for (const HeatCell& cell : figure.cells) {
    const QRectF rect(plot.left() + cell.x * width, plot.bottom() - (cell.y + 1) * height, width,
                      height);
    const QRectF inner = rect.adjusted(1, 1, -1, -1);
    if (cell.result.n == 0) {
      painter.setPen(Qt::NoPen);
      painter.setBrush(QBrush(QColor(0xee, 0xf0, 0xf3)));
      painter.drawRect(inner);
      painter.setBrush(QBrush(QColor(0xc9, 0xce, 0xd6), Qt::BDiagPattern));
      painter.drawRect(inner);
      painter.setPen(style.muted);
      painter.setFont(cell_font);
      painter.drawText(inner, Qt::AlignCenter, text("not run"));
    } else {
      painter.setPen(Qt::NoPen);
      painter.setBrush(scaleColour(cell.colour));
      painter.drawRect(inner);
      painter.setPen(textOnScale(cell.colour));
      painter.setFont(cell_font);
      const bool with_std = room_for_std && std::isfinite(cell.result.std);
      const QFontMetricsF value_metrics(cell_font);
      QRectF value_rect = inner;
      if (with_std) value_rect.setBottom(inner.center().y() + value_metrics.height() * 0.25);
      painter.drawText(value_rect,
                       with_std ? (Qt::AlignHCenter | Qt::AlignBottom) : Qt::AlignCenter,
                       QString::fromStdString(cell.text));
      if (with_std) {
        painter.setFont(std_font);
        QRectF std_rect = inner;
        std_rect.setTop(inner.center().y() + value_metrics.height() * 0.3);
        const double shown = resultIsShare(figure.result) ? cell.result.std * 100 : cell.result.std;
        painter.drawText(std_rect, Qt::AlignHCenter | Qt::AlignTop,
                         QStringLiteral("± %1 (n=%2)")
                             .arg(shown, 0, 'f', resultIsShare(figure.result) ? 1 : 2)
                             .arg(cell.result.n));
      }
    }
    bool chosen = false;
    for (int trial : cell.trials) chosen = chosen || selected.contains(trial);
    if (chosen) {
      painter.setPen(QPen(style.selection, style.base * 0.3));
      painter.setBrush(Qt::NoBrush);
      painter.drawRect(inner.adjusted(style.base * 0.15, style.base * 0.15, -style.base * 0.15,
                                      -style.base * 0.15));
    }
    if (hits && !cell.trials.empty()) {
      QPainterPath shape;
      shape.addRect(rect);
      hits->areas.push_back({shape, cell.trials});
    }
  }
  const QRectF bar(plot.right() + style.base * 1.2, plot.top(), style.base * 1.1, plot.height());
  drawColourBar(painter, style, figure, bar);
  painter.restore();
}

}  // namespace sweeplab::ui
