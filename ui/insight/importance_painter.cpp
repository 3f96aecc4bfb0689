// Importance as horizontal bars, most important on top, each with its share of the result's
// variance written beside it.
#include <QFontMetricsF>
#include <QPainter>
#include <algorithm>

#include "insight/summary_axes.h"
#include "insight/summary_painters.h"

namespace sweeplab::ui {

void paintImportanceFigure(QPainter& painter, const QSizeF& size, const ImportanceFigure& figure,
                           const QString& title) {
  const SummaryStyle style = summaryStyleFor(size);
  painter.save();
  painter.setRenderHint(QPainter::Antialiasing);
  painter.fillRect(QRectF(QPointF(0, 0), size), Qt::white);
  const double top = drawTitle(painter, style, size, title) + style.base * 0.5;
  const QFontMetricsF metrics(style.tick);
  painter.setFont(style.tick);
  if (figure.keys.empty()) {
    painter.setPen(style.muted);
    const char* why = figure.fitting ? "Fitting the importance…"
                                     : "Importance needs at least two finished trials.";
    painter.drawText(QRectF(0, top, size.width(), size.height() - top), Qt::AlignCenter,
                     QCoreApplication::translate("SummaryView", why));
    painter.restore();
    return;
  }
  double label_width = 0;
  for (const KeyImportance& key : figure.keys)
    label_width =
        std::max(label_width, metrics.horizontalAdvance(QString::fromStdString(keyTitle(key.key))));
  const double left = label_width + style.base * 1.2;
  const double right =
      size.width() - metrics.horizontalAdvance(QStringLiteral("100.0 %")) - style.base * 1.5;
  const double bottom = size.height() - metrics.height() * 3.2;
  const double row = std::min((bottom - top) / figure.keys.size(), style.base * 4.5);
  const double full = std::max(1.0, right - left);
  // A few bars sit in the middle of the figure, not at its top.
  const double first = top + (bottom - top - row * figure.keys.size()) / 2;
  for (std::size_t i = 0; i < figure.keys.size(); ++i) {
    const KeyImportance& key = figure.keys[i];
    const double y = first + i * row;
    const QRectF bar(left, y + row * 0.18, full * std::clamp(key.importance, 0.0, 1.0), row * 0.64);
    painter.setPen(Qt::NoPen);
    painter.setBrush(seriesColour(0));
    painter.drawRect(bar);
    painter.setPen(style.text);
    const QString name = QString::fromStdString(keyTitle(key.key));
    painter.drawText(QPointF(left - style.base * 0.5 - metrics.horizontalAdvance(name),
                             bar.center().y() + metrics.ascent() * 0.35),
                     name);
    painter.setPen(style.muted);
    painter.drawText(
        QPointF(bar.right() + style.base * 0.4, bar.center().y() + metrics.ascent() * 0.35),
        QStringLiteral("%1 %").arg(key.importance * 100, 0, 'f', 1));
  }
  painter.setPen(style.muted);
  painter.drawText(
      QRectF(style.base, size.height() - metrics.height() * 2.9, size.width() - 2 * style.base,
             metrics.height() * 2.7),
      Qt::AlignHCenter | Qt::AlignVCenter | Qt::TextWordWrap,
      QCoreApplication::translate("SummaryView",
                                  "Share of the variance of %1 each key explains (fANOVA, %2 "
                                  "trials)")
          .arg(QString::fromStdString(insightResultName(figure.result)))
          .arg(figure.trials));
  painter.restore();
}

}  // namespace sweeplab::ui
