// Lays out and paints the confusion-matrix heatmap: title, axis titles, class labels, the cells
// and a colour bar for the row share. Sizes follow the figure, so it reads the same from a
// dialog on screen to a 300-dpi PNG.
#include <QCoreApplication>
#include <QFontMetricsF>
#include <QLinearGradient>
#include <QPainter>
#include <algorithm>
#include <array>
#include <cmath>
#include <numeric>

#include "charts/confusion_matrix.h"

namespace sweeplab::ui {
namespace {

const QColor kText(0x1d, 0x23, 0x30);
const QColor kMutedText(0x56, 0x60, 0x70);
const QColor kWarning(0xa1, 0x5c, 0x00);  // the trials table's dead-class colour
const QColor kNoRows(0xee, 0xf0, 0xf3);

// ColorBrewer's sequential "Blues": light for a small share, dark for most of the row, so the
// diagonal of a good model stands out and readers with colour-vision deficiency see it too.
const std::array<QColor, 9> kBlues = {
    QColor(0xf7, 0xfb, 0xff), QColor(0xde, 0xeb, 0xf7), QColor(0xc6, 0xdb, 0xef),
    QColor(0x9e, 0xca, 0xe1), QColor(0x6b, 0xae, 0xd6), QColor(0x42, 0x92, 0xc6),
    QColor(0x21, 0x71, 0xb5), QColor(0x08, 0x51, 0x9c), QColor(0x08, 0x30, 0x6b)};

QColor shareColor(double share) {
  const double at = std::clamp(share, 0.0, 1.0) * (kBlues.size() - 1);
  const auto low = static_cast<std::size_t>(std::floor(at));
  const std::size_t high = std::min(low + 1, kBlues.size() - 1);
  const double t = at - low;
  const auto mix = [t](int a, int b) { return static_cast<int>(std::lround(a + (b - a) * t)); };
  return QColor(mix(kBlues[low].red(), kBlues[high].red()),
                mix(kBlues[low].green(), kBlues[high].green()),
                mix(kBlues[low].blue(), kBlues[high].blue()));
}

// Dark text on the light half of the scale, white on the dark half.
QColor textOn(double share) {
  return share > 0.5 ? Qt::white : kText;
}

QFont fontOf(double pixels, bool bold = false) {
  QFont font;
  font.setPixelSize(std::max(1, static_cast<int>(std::lround(pixels))));
  font.setBold(bold);
  return font;
}

QString text(const char* source) {
  return QCoreApplication::translate("ConfusionMatrix", source);
}

QString percentText(double share) {
  return std::isfinite(share) ? QStringLiteral("%1 %").arg(share * 100, 0, 'f', 1)
                              : QStringLiteral("–");
}

void drawRotatedText(QPainter& painter, const QRectF& area, const QString& text) {
  painter.save();
  painter.translate(area.center());
  painter.rotate(-90);
  const QRectF turned(-area.height() / 2, -area.width() / 2, area.height(), area.width());
  painter.drawText(turned, Qt::AlignCenter, text);
  painter.restore();
}

struct Layout {
  double base = 12;  // tick-label size in logical pixels
  QRectF title, subtitle, yTitle, rowLabels, grid, columnLabels, xTitle, colourBar, note;
  double cell = 0;
};

Layout layoutFor(const QSizeF& size, const ConfusionMatrix& matrix) {
  Layout l;
  const int n = std::max(1, static_cast<int>(matrix.classes.size()));
  l.base = std::clamp(std::min(size.width(), size.height()) / 34.0, 8.0, 48.0);
  const double margin = l.base * 1.2;
  const QFontMetricsF title(fontOf(l.base * 1.35, true)), label(fontOf(l.base * 1.1)),
      tick(fontOf(l.base));
  const double line = label.height();

  double top = margin * 0.8;
  l.title = QRectF(margin, top, size.width() - 2 * margin, title.height());
  top = l.title.bottom() + l.base * 0.2;
  l.subtitle = QRectF(margin, top, size.width() - 2 * margin, tick.height());
  top = l.subtitle.bottom() + l.base * 1.2;

  double labelWidth = 0;
  for (const QString& name : matrix.classes)
    labelWidth = std::max(labelWidth, label.horizontalAdvance(name));
  const double barWidth = l.base * 1.2;
  const double barLabels = tick.horizontalAdvance(QStringLiteral("100 %")) + l.base * 0.5;
  const double left = margin + line + l.base * 0.6 + labelWidth + l.base * 0.6;
  const double right = l.base * 1.6 + barWidth + barLabels + l.base * 0.4 + line + margin;
  double bottom = line * 2 + l.base * 0.9 + margin;
  if (!matrix.note.isEmpty()) bottom += tick.height() + l.base * 0.5;

  l.cell = std::max(
      1.0, std::min((size.width() - left - right) / n, (size.height() - top - bottom) / n));
  const double side = l.cell * n;
  // The block (labels, grid, colour bar) sits in the middle of the width.
  const double offset = std::max(0.0, (size.width() - left - right - side) / 2);
  l.grid = QRectF(left + offset, top, side, side);
  l.rowLabels = QRectF(l.grid.left() - l.base * 0.6 - labelWidth, top, labelWidth, side);
  l.yTitle = QRectF(l.rowLabels.left() - l.base * 0.6 - line, top, line, side);
  l.columnLabels = QRectF(l.grid.left(), l.grid.bottom() + l.base * 0.4, side, line);
  l.xTitle = QRectF(l.grid.left(), l.columnLabels.bottom() + l.base * 0.3, side, line);
  l.colourBar = QRectF(l.grid.right() + l.base * 1.6, top, barWidth, side);
  l.note =
      QRectF(margin, l.xTitle.bottom() + l.base * 0.5, size.width() - 2 * margin, tick.height());
  return l;
}

void paintCells(QPainter& painter, const Layout& l, const ConfusionMatrix& matrix) {
  const int n = static_cast<int>(matrix.classes.size());
  // Two lines per cell, as large as the widest text allows.
  QFont font = fontOf(std::min(l.base * 1.05, l.cell * 0.24));
  const long long largest = *std::max_element(matrix.counts.begin(), matrix.counts.end());
  const double widest = std::max(QFontMetricsF(font).horizontalAdvance(QString::number(largest)),
                                 QFontMetricsF(font).horizontalAdvance(QStringLiteral("100.0 %")));
  if (widest > l.cell * 0.88) font = fontOf(font.pixelSize() * l.cell * 0.88 / widest);
  painter.setFont(font);
  const double gap = std::max(0.5, l.cell * 0.02);
  for (int row = 0; row < n; ++row) {
    const long long total = std::accumulate(matrix.counts.begin() + row * n,
                                            matrix.counts.begin() + (row + 1) * n, 0LL);
    for (int column = 0; column < n; ++column) {
      const long long count = matrix.counts[row * n + column];
      const double share = total > 0 ? double(count) / double(total) : NAN;
      const QRectF cell(l.grid.left() + column * l.cell, l.grid.top() + row * l.cell, l.cell,
                        l.cell);
      const QRectF inner = cell.adjusted(gap, gap, -gap, -gap);
      painter.fillRect(inner, total > 0 ? shareColor(share) : kNoRows);
      painter.setPen(total > 0 ? textOn(share) : kMutedText);
      const QRectF upper(inner.left(), inner.top(), inner.width(), inner.height() / 2);
      const QRectF lower(inner.left(), inner.center().y(), inner.width(), inner.height() / 2);
      painter.drawText(upper.adjusted(0, 0, 0, -inner.height() * 0.02),
                       Qt::AlignHCenter | Qt::AlignBottom, QString::number(count));
      painter.drawText(lower.adjusted(0, inner.height() * 0.02, 0, 0),
                       Qt::AlignHCenter | Qt::AlignTop, percentText(share));
    }
  }
  // The diagonal (right predictions) gets a thin frame, so it reads as a line even where the
  // model is poor and its cells are pale.
  painter.setPen(QPen(kText, std::max(1.0, l.base * 0.08)));
  painter.setBrush(Qt::NoBrush);
  for (int i = 0; i < n; ++i)
    painter.drawRect(QRectF(l.grid.left() + i * l.cell, l.grid.top() + i * l.cell, l.cell, l.cell)
                         .adjusted(gap, gap, -gap, -gap));
}

void paintLabels(QPainter& painter, const Layout& l, const ConfusionMatrix& matrix) {
  const int n = static_cast<int>(matrix.classes.size());
  for (int i = 0; i < n; ++i) {
    const bool dead = std::find(matrix.deadClasses.begin(), matrix.deadClasses.end(), i) !=
                      matrix.deadClasses.end();
    painter.setPen(dead ? kWarning : kText);
    painter.setFont(fontOf(l.base * 1.1, dead));
    painter.drawText(
        QRectF(l.rowLabels.left(), l.grid.top() + i * l.cell, l.rowLabels.width(), l.cell),
        Qt::AlignRight | Qt::AlignVCenter, matrix.classes[i]);
    painter.setPen(kText);
    painter.setFont(fontOf(l.base * 1.1));
    painter.drawText(
        QRectF(l.grid.left() + i * l.cell, l.columnLabels.top(), l.cell, l.columnLabels.height()),
        Qt::AlignCenter, matrix.classes[i]);
  }
  painter.setFont(fontOf(l.base * 1.1, true));
  painter.setPen(kText);
  painter.drawText(l.xTitle, Qt::AlignCenter, text("Predicted class"));
  drawRotatedText(painter, l.yTitle, text("True class"));
}

void paintColourBar(QPainter& painter, const Layout& l) {
  QLinearGradient gradient(l.colourBar.bottomLeft(), l.colourBar.topLeft());
  for (std::size_t i = 0; i < kBlues.size(); ++i)
    gradient.setColorAt(double(i) / (kBlues.size() - 1), kBlues[i]);
  painter.fillRect(l.colourBar, gradient);
  painter.setPen(QPen(kMutedText, std::max(0.5, l.base * 0.05)));
  painter.setBrush(Qt::NoBrush);
  painter.drawRect(l.colourBar);
  painter.setFont(fontOf(l.base));
  const QFontMetricsF metrics(painter.font());
  double labelsRight = l.colourBar.right();
  for (int percent : {0, 25, 50, 75, 100}) {
    const double y = l.colourBar.bottom() - l.colourBar.height() * percent / 100.0;
    painter.drawLine(QPointF(l.colourBar.right(), y),
                     QPointF(l.colourBar.right() + l.base * 0.3, y));
    const QString label = QStringLiteral("%1 %").arg(percent);
    const QRectF area(l.colourBar.right() + l.base * 0.45, y - metrics.height() / 2,
                      metrics.horizontalAdvance(label) + 2, metrics.height());
    painter.drawText(area, Qt::AlignLeft | Qt::AlignVCenter, label);
    labelsRight = std::max(labelsRight, area.right());
  }
  painter.setPen(kText);
  const QRectF title(labelsRight + l.base * 0.4, l.colourBar.top(),
                     QFontMetricsF(fontOf(l.base * 1.1)).height(), l.colourBar.height());
  painter.setFont(fontOf(l.base * 1.1));
  drawRotatedText(painter, title, text("Share of the true class"));
}

}  // namespace

void paintConfusionMatrix(QPainter& painter, const QSizeF& size, const ConfusionMatrix& matrix) {
  painter.save();
  painter.setRenderHints(QPainter::Antialiasing | QPainter::TextAntialiasing);
  painter.fillRect(QRectF(QPointF(0, 0), size), Qt::white);
  const Layout l = layoutFor(size, matrix);
  painter.setPen(kText);
  painter.setFont(fontOf(l.base * 1.35, true));
  painter.drawText(
      l.title, Qt::AlignHCenter | Qt::AlignVCenter,
      QFontMetricsF(painter.font()).elidedText(matrix.title, Qt::ElideRight, l.title.width()));
  painter.setPen(kMutedText);
  painter.setFont(fontOf(l.base));
  painter.drawText(l.subtitle, Qt::AlignHCenter | Qt::AlignVCenter, matrix.subtitle);
  if (!matrix.hasCounts()) {
    painter.setFont(fontOf(l.base * 1.1));
    painter.drawText(
        QRectF(QPointF(0, l.subtitle.bottom()), size).adjusted(l.base, 0, -l.base, -l.base),
        Qt::AlignCenter | Qt::TextWordWrap,
        text("No test confusion matrix was recorded for this trial: it did not reach "
             "its test, or its run was written before Sweeplab recorded one."));
    painter.restore();
    return;
  }
  paintCells(painter, l, matrix);
  paintLabels(painter, l, matrix);
  paintColourBar(painter, l);
  if (!matrix.note.isEmpty()) {
    painter.setPen(kWarning);
    painter.setFont(fontOf(l.base));
    painter.drawText(l.note, Qt::AlignHCenter | Qt::AlignVCenter, matrix.note);
  }
  painter.restore();
}

}  // namespace sweeplab::ui
