// Uses the platform style's own progress bar so the cell looks like the status bar's.
#include "progress_bar_delegate.h"

#include <QApplication>
#include <QPainter>
#include <QStyleOptionProgressBar>
#include <algorithm>
#include <cmath>

namespace sweeplab::ui {

void ProgressBarDelegate::paint(QPainter* painter, const QStyleOptionViewItem& option,
                                const QModelIndex& index) const {
  QStyleOptionViewItem background = option;
  initStyleOption(&background, index);
  background.text.clear();
  const QWidget* widget = option.widget;
  QStyle* style = widget ? widget->style() : QApplication::style();
  style->drawControl(QStyle::CE_ItemViewItem, &background, painter, widget);

  const double fraction = index.data(Qt::DisplayRole).toDouble();
  QStyleOptionProgressBar bar;
  bar.rect = option.rect.adjusted(3, 3, -3, -3);
  bar.minimum = 0;
  bar.maximum = 1000;
  bar.progress = static_cast<int>(std::lround(std::clamp(fraction, 0.0, 1.0) * 1000));
  bar.text = QString::number(std::lround(fraction * 100)) + QLatin1Char('%');
  bar.textVisible = true;
  bar.textAlignment = Qt::AlignCenter;
  bar.state = option.state | QStyle::State_Horizontal;
  bar.palette = option.palette;
  bar.fontMetrics = option.fontMetrics;
  style->drawControl(QStyle::CE_ProgressBar, &bar, painter, widget);
}

QSize ProgressBarDelegate::sizeHint(const QStyleOptionViewItem& option,
                                    const QModelIndex& index) const {
  QSize size = QStyledItemDelegate::sizeHint(option, index);
  size.setWidth(std::max(size.width(), 110));
  return size;
}

}  // namespace sweeplab::ui
