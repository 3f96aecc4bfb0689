// The optimisation history as optuna-dashboard draws it: one dot per finished trial at its
// objective, pruned trials hollow and grey (their value is the pruning epoch's, partial), and the
// best value so far as a step line. Failed trials are left out; the note under the legend says
// how many.
#include <QFontMetricsF>
#include <QPainter>
#include <cmath>

#include "insight/summary_painters.h"

namespace sweeplab::ui {
namespace {

const QColor kPruned(0x9a, 0xa1, 0xab);
const QColor kBest(0xd6, 0x27, 0x28);

QString text(const char* source) {
  return QCoreApplication::translate("SummaryView", source);
}

double drawLegend(QPainter& painter, const SummaryStyle& style, const HistoryFigure& figure,
                  const QRectF& area) {
  const QFontMetricsF metrics(style.legend);
  painter.setFont(style.legend);
  double x = area.left();
  const double y = area.top() + metrics.height() / 2;
  const double r = style.base * 0.3;
  const auto label = [&](const QString& words) {
    painter.setPen(style.muted);
    painter.drawText(QPointF(x, y + metrics.ascent() * 0.38), words);
    x += metrics.horizontalAdvance(words) + style.base * 1.2;
  };
  painter.setPen(QPen(Qt::white, r * 0.25));
  painter.setBrush(seriesColour(0));
  painter.drawEllipse(QPointF(x + r, y), r, r);
  x += 2 * r + style.base * 0.3;
  label(text("finished trial"));
  if (figure.history.pruned > 0) {
    painter.setPen(QPen(kPruned, style.base * 0.14));
    painter.setBrush(Qt::white);
    painter.drawEllipse(QPointF(x + r, y), r, r);
    x += 2 * r + style.base * 0.3;
    label(text("pruned trial"));
  }
  painter.setPen(QPen(kBest, style.base * 0.16));
  painter.drawLine(QPointF(x, y), QPointF(x + style.base * 1.4, y));
  x += style.base * 1.7;
  label(figure.history.objective.maximize ? text("best so far (highest)")
                                          : text("best so far (lowest)"));
  double height = metrics.height() * 1.5;
  if (!figure.note.empty()) {
    painter.setPen(style.muted);
    const QRectF note(area.left(), area.top() + height, area.width(), metrics.height() * 2.4);
    const QRectF used = painter.boundingRect(note, Qt::TextWordWrap | Qt::AlignLeft,
                                             QString::fromStdString(figure.note));
    painter.drawText(note, Qt::TextWordWrap | Qt::AlignLeft, QString::fromStdString(figure.note));
    height += used.height() + metrics.height() * 0.4;
  }
  return height;
}

}  // namespace

void paintHistoryFigure(QPainter& painter, const QSizeF& size, const HistoryFigure& figure,
                        const QString& title, const QSet<int>& selected, SummaryHits* hits) {
  const SummaryStyle style = summaryStyleFor(size);
  painter.save();
  painter.setRenderHint(QPainter::Antialiasing);
  painter.fillRect(QRectF(QPointF(0, 0), size), Qt::white);
  double top = drawTitle(painter, style, size, title);
  const bool share = objectiveIsShare(figure.history.objective.metric);
  const QFontMetricsF metrics(style.tick);
  const double left = yAxisWidth(style, figure.y, share) + style.base * 0.5;
  top += drawLegend(painter, style, figure,
                    QRectF(left, top, size.width() - left - style.base, metrics.height()));
  const double right = size.width() - style.base * 1.5;
  const double bottom = size.height() - metrics.height() * 2.9;
  const QRectF plot(left, top + style.base * 0.3, right - left, bottom - top - style.base * 0.3);
  const AxisMap x{figure.x, plot.left(), plot.right()};
  const AxisMap y{figure.y, plot.bottom(), plot.top()};
  drawYAxis(painter, style, y, plot, share, true);
  drawXAxis(painter, style, x, plot, true, true);
  painter.setClipRect(plot.adjusted(-style.base, -style.base, style.base, style.base));

  const OptimisationHistory& history = figure.history;
  if (!history.best.empty()) {  // steps: flat until a better trial, up to the last trial drawn
    QPolygonF steps;
    for (std::size_t i = 0; i < history.best.size(); ++i) {
      const double px = x.pixel(trialNumber(history.best[i].trial)),
                   py = y.pixel(history.best[i].value);
      if (i > 0) steps << QPointF(px, steps.back().y());
      steps << QPointF(px, py);
    }
    if (!history.points.empty())
      steps << QPointF(x.pixel(trialNumber(history.points.back().trial)), steps.back().y());
    painter.setPen(QPen(kBest, style.base * 0.16));
    painter.setBrush(Qt::NoBrush);
    painter.drawPolyline(steps);
  }
  const double r = style.base * 0.36;
  // Pruned first, so the finished trials' dots are on top where they overlap.
  for (bool pruned : {true, false}) {
    for (const HistoryPoint& point : history.points) {
      if (point.pruned != pruned) continue;
      const QPointF at(x.pixel(trialNumber(point.trial)), y.pixel(point.value));
      const bool chosen = selected.contains(point.trial);
      if (pruned) {
        painter.setPen(QPen(chosen ? style.selection : kPruned, style.base * 0.14));
        painter.setBrush(Qt::white);
        painter.drawEllipse(at, r * 0.9, r * 0.9);
      } else {
        painter.setPen(chosen ? QPen(style.selection, r * 0.6) : QPen(Qt::white, r * 0.25));
        painter.setBrush(seriesColour(0));
        painter.drawEllipse(at, r * (chosen ? 1.25 : 1.0), r * (chosen ? 1.25 : 1.0));
      }
      if (hits) {
        QPainterPath shape;
        shape.addEllipse(at, r * 2, r * 2);
        hits->areas.push_back({shape, {point.trial}});
      }
    }
  }
  painter.setClipping(false);
  if (history.points.empty()) {
    painter.setPen(style.muted);
    painter.setFont(style.legend);
    painter.drawText(plot, Qt::AlignCenter | Qt::TextWordWrap,
                     text("No trial has ended yet: each finished trial adds its point."));
  }
  painter.restore();
}

}  // namespace sweeplab::ui
