// Paints a fraction (0..1) as a progress bar inside a table cell.
#pragma once

#include <QStyledItemDelegate>

namespace sweeplab::ui {

class ProgressBarDelegate : public QStyledItemDelegate {
  Q_OBJECT
 public:
  using QStyledItemDelegate::QStyledItemDelegate;
  void paint(QPainter* painter, const QStyleOptionViewItem& option,
             const QModelIndex& index) const override;
  QSize sizeHint(const QStyleOptionViewItem& option, const QModelIndex& index) const override;
};

}  // namespace sweeplab::ui
