// Table view set-up: proxy sorting on numbers, progress delegate, column sizing, context menu.
#include "trial_table_view.h"

#include <QContextMenuEvent>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QMenu>
#include <QSortFilterProxyModel>
#include <QStyle>

#include "progress_bar_delegate.h"
#include "trial_table_model.h"

namespace sweeplab::ui {

TrialTableView::TrialTableView(TrialTableModel* model, QWidget* parent)
    : QTableView(parent), model_(model) {
  auto* proxy = new QSortFilterProxyModel(this);
  proxy->setSourceModel(model);
  proxy->setSortRole(TrialTableModel::kSortRole);
  setModel(proxy);
  setSortingEnabled(true);
  sortByColumn(0, Qt::AscendingOrder);
  setSelectionBehavior(QAbstractItemView::SelectRows);
  setSelectionMode(QAbstractItemView::ExtendedSelection);
  setAlternatingRowColors(true);
  setWordWrap(false);
  verticalHeader()->hide();
  verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 10);
  horizontalHeader()->setStretchLastSection(true);
  horizontalHeader()->setHighlightSections(false);
  setItemDelegateForColumn(model->columnOf(TrialTableModel::Column::Progress),
                           new ProgressBarDelegate(this));

  connect(model, &QAbstractItemModel::modelReset, this, &TrialTableView::showNewTrials);
  connect(selectionModel(), &QItemSelectionModel::selectionChanged, this,
          [this] { Q_EMIT selectedTrialsChanged(selectedTrials()); });
  connect(horizontalHeader(), &QHeaderView::sortIndicatorChanged, this,
          [this](int column, Qt::SortOrder order) {
            if (restoring_sort_) return;
            sort_header_ = model_->headerData(column, Qt::Horizontal, Qt::DisplayRole).toString();
            sort_order_ = order;
          });
  adjustColumns();
}

void TrialTableView::showNewTrials() {
  adjustColumns();
  restoreSort();
  // A reset drops the selection without a word; the curves must hear that nothing is
  // highlighted, or the new run's curves stay faded.
  Q_EMIT selectedTrialsChanged({});
}

void TrialTableView::restoreSort() {
  // Columns move with the swept keys: the sort follows the column's name, and a run without
  // that column is shown in trial order (the person's choice still holds for later runs).
  int column = 0;
  Qt::SortOrder order = Qt::AscendingOrder;
  for (int candidate = 0; candidate < model_->columnCount(); ++candidate) {
    if (model_->headerData(candidate, Qt::Horizontal, Qt::DisplayRole).toString() == sort_header_) {
      column = candidate;
      order = sort_order_;
      break;
    }
  }
  restoring_sort_ = true;
  sortByColumn(column, order);
  restoring_sort_ = false;
}

QString TrialTableView::sortColumnName() const {
  return model_
      ->headerData(horizontalHeader()->sortIndicatorSection(), Qt::Horizontal, Qt::DisplayRole)
      .toString();
}

void TrialTableView::adjustColumns() {
  // The progress column moves with the number of swept keys.
  for (int column = 0; column < model_->columnCount(); ++column)
    setItemDelegateForColumn(column, nullptr);
  const int progress = model_->columnOf(TrialTableModel::Column::Progress);
  setItemDelegateForColumn(progress, findChild<ProgressBarDelegate*>());
  resizeColumnsToContents();
  setColumnWidth(progress, 120);
  // A trial can gain the dead-class warning sign while it trains: the status column has room
  // for the sign beside its longest word from the start.
  const int status = model_->columnOf(TrialTableModel::Column::Status);
  const int icon = style()->pixelMetric(QStyle::PM_SmallIconSize, nullptr, this);
  setColumnWidth(
      status, std::max(columnWidth(status),
                       fontMetrics().horizontalAdvance(QStringLiteral("interrupted")) + icon + 24));
  for (int column = 0; column < model_->columnCount() - 1; ++column)
    setColumnWidth(column, std::max(columnWidth(column), 64));
}

QSet<int> TrialTableView::selectedTrials() const {
  QSet<int> trials;
  for (const QModelIndex& index : selectionModel()->selectedRows())
    trials.insert(index.data(TrialTableModel::kTrialRole).toInt());
  return trials;
}

void TrialTableView::contextMenuEvent(QContextMenuEvent* event) {
  const QModelIndex index = indexAt(event->pos());
  if (!index.isValid()) return;
  const int trial = index.data(TrialTableModel::kTrialRole).toInt();
  const TrialStatus status = model_->status(trial);
  QMenu menu(this);
  QAction* stop = menu.addAction(stop_cancels_task_ ? tr("Cancel this trial's Slurm task")
                                                    : tr("Stop this trial"));
  stop->setEnabled(stoppable_ && (status == TrialStatus::Running || status == TrialStatus::Queued));
  QAction* confusion = menu.addAction(tr("Confusion Matrix…"));
  const std::optional<TrialSummary> summary = model_->summary(trial);
  confusion->setEnabled(summary && !summary->test_confusion.empty());
  QAction* chosen = menu.exec(event->globalPos());
  if (chosen == stop) Q_EMIT stopTrialRequested(trial);
  if (chosen == confusion) Q_EMIT confusionMatrixRequested(trial);
}

}  // namespace sweeplab::ui
