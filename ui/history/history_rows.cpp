// The rows of the history tree: one per experiment, its trials beneath it (checkable, for the
// overlay). Item data: UserRole the experiment id, UserRole + 1 the trial index (-1 on an
// experiment row), UserRole + 2 the plain name, UserRole + 3 the run folder.
#include <QHeaderView>
#include <QLayout>
#include <QScrollBar>
#include <QStyle>
#include <QTreeWidget>
#include <algorithm>
#include <cmath>

#include "display_format.h"
#include "history/history_panel.h"

namespace sweeplab::ui {
namespace {

constexpr int kIdRole = Qt::UserRole;
constexpr int kTrialRole = Qt::UserRole + 1;
constexpr int kNameRole = Qt::UserRole + 2;
constexpr int kFolderRole = Qt::UserRole + 3;

QString shortTime(const std::string& iso) {
  const QString text = QString::fromStdString(iso);
  return text.size() >= 16 ? text.left(10) + ' ' + text.mid(11, 5) : text;
}

QString joined(const std::vector<std::string>& parts) {
  QStringList list;
  for (const std::string& part : parts) list << QString::fromStdString(part);
  return list.join(QStringLiteral(", "));
}

}  // namespace

void HistoryPanel::refresh() {
  const long long selected = selectedExperiment();
  const std::vector<StoredTrialRef> checked = checkedTrials();
  QSignalBlocker block(tree_);
  tree_->clear();
  if (path_.isEmpty()) {
    showProblem(tr("The run history is turned off (SWEEPLAB_STORE=none)."));
  } else if (const RunStore* store = this->store()) {
    try {
      for (const StoredExperiment& experiment : store->experiments(filter()))
        addExperimentRow(experiment);
      showProblem(tree_->topLevelItemCount() == 0 ? tr("No experiment matches the filters.")
                                                  : QString());
    } catch (const std::exception& error) {
      showProblem(QString::fromUtf8(error.what()));
    }
  }
  for (const auto& [experiment, trial] : checked) {
    if (QTreeWidgetItem* item = experimentItem(experiment)) {
      for (int i = 0; i < item->childCount(); ++i)
        if (item->child(i)->data(0, kTrialRole).toInt() == trial)
          item->child(i)->setCheckState(0, Qt::Checked);
    }
  }
  if (selected > 0) selectExperiment(selected);
  updateButtons();
}

void HistoryPanel::addExperimentRow(const StoredExperiment& e) {
  auto* row = new QTreeWidgetItem(tree_);
  const QString name = QString::fromStdString(e.name);
  row->setText(0, QStringLiteral("#%1 %2").arg(e.id).arg(name));
  row->setText(1, shortTime(e.started_at));
  row->setText(2, QString::fromStdString(e.status));
  row->setText(3, joined(e.models));
  row->setText(5, QString::fromStdString(e.note).simplified());
  row->setToolTip(0, tr("%1 trials; dataset: %2\nrun folder: %3")
                         .arg(e.trial_count)
                         .arg(QString::fromStdString(e.dataset),
                              e.run_dir.empty() ? tr("none") : QString::fromStdString(e.run_dir)));
  row->setToolTip(5, QString::fromStdString(e.note));
  row->setData(0, kIdRole, e.id);
  row->setData(0, kTrialRole, -1);
  row->setData(0, kNameRole, name);
  row->setData(0, kFolderRole, QString::fromStdString(e.run_dir));
  // Checking an experiment checks all its trials (and it shows when only some are), so a
  // whole run goes into an overlay without opening it.
  row->setFlags(row->flags() | Qt::ItemIsUserCheckable | Qt::ItemIsAutoTristate);
  double best = NAN;
  for (const StoredTrial& trial : store_->trials(e.id)) {
    const TrialSummary& s = trial.summary;
    auto* child = new QTreeWidgetItem(row);
    child->setText(0, QString::fromStdString(s.label));
    child->setText(1, shortTime(trial.started_at));
    child->setText(2, QString::fromLatin1(toString(s.status)));
    child->setText(3, QString::fromStdString(s.model));
    child->setText(4, formatPercent(s.test_acc));  // as the trials table writes it
    child->setText(5, QString::fromStdString(trial.note).simplified());
    child->setData(0, kIdRole, e.id);
    child->setData(0, kTrialRole, s.index);
    child->setFlags(child->flags() | Qt::ItemIsUserCheckable);
    child->setCheckState(0, Qt::Unchecked);
    if (std::isfinite(s.test_acc) && !(s.test_acc <= best)) best = s.test_acc;
  }
  row->setText(4, formatPercent(best));
  row->setCheckState(0, Qt::Unchecked);
  row->setToolTip(4, tr("best test accuracy of its trials"));
}

int HistoryPanel::preferredWidth() const {
  // Over every row, trials of collapsed experiments included: the header only measures the
  // rows in view, and a panel sized to the experiments alone cuts the trials' labels.
  const QFontMetrics metrics = tree_->fontMetrics();
  const int padding =
      2 * tree_->style()->pixelMetric(QStyle::PM_FocusFrameHMargin, nullptr, tree_) + 12;
  const int check = tree_->style()->pixelMetric(QStyle::PM_IndicatorWidth, nullptr, tree_) + 6;
  std::vector<int> widths(tree_->columnCount() - 1, 0);
  for (int i = 0; i < tree_->topLevelItemCount(); ++i) {
    const QTreeWidgetItem* row = tree_->topLevelItem(i);
    for (int child = -1; child < row->childCount(); ++child) {
      const QTreeWidgetItem* item = child < 0 ? row : row->child(child);
      for (size_t column = 0; column < widths.size(); ++column) {
        int width = metrics.horizontalAdvance(item->text(int(column))) + padding;
        if (column == 0) width += check + (child >= 0 ? tree_->indentation() : 0);
        widths[column] = std::max(widths[column], width);
      }
    }
  }
  int total = 0;
  for (int column = 0; column < int(widths.size()); ++column)
    total += std::max(widths[column], tree_->header()->sectionSizeHint(column));
  const QMargins margins = contentsMargins() + layout()->contentsMargins();
  return total + 80 /* a glimpse of the note */ + tree_->verticalScrollBar()->sizeHint().width() +
         2 * tree_->frameWidth() + margins.left() + margins.right();
}

int HistoryPanel::experimentCount() const {
  return tree_->topLevelItemCount();
}

QTreeWidgetItem* HistoryPanel::experimentItem(long long id) const {
  for (int i = 0; i < tree_->topLevelItemCount(); ++i)
    if (tree_->topLevelItem(i)->data(0, kIdRole).toLongLong() == id) return tree_->topLevelItem(i);
  return nullptr;
}

long long HistoryPanel::selectedExperiment() const {
  const QList<QTreeWidgetItem*> items = tree_->selectedItems();
  if (items.isEmpty()) return 0;
  return items.front()->data(0, kIdRole).toLongLong();
}

void HistoryPanel::selectExperiment(long long id) {
  if (QTreeWidgetItem* item = experimentItem(id)) {
    tree_->setCurrentItem(item);
    item->setSelected(true);
  }
}

void HistoryPanel::setTrialsChecked(long long experimentId, bool checked) {
  if (QTreeWidgetItem* item = experimentItem(experimentId)) {
    for (int i = 0; i < item->childCount(); ++i)
      item->child(i)->setCheckState(0, checked ? Qt::Checked : Qt::Unchecked);
    item->setExpanded(checked);
  }
  updateButtons();
}

std::vector<StoredTrialRef> HistoryPanel::checkedTrials() const {
  std::vector<StoredTrialRef> refs;
  for (int i = 0; i < tree_->topLevelItemCount(); ++i) {
    const QTreeWidgetItem* item = tree_->topLevelItem(i);
    for (int c = 0; c < item->childCount(); ++c) {
      const QTreeWidgetItem* child = item->child(c);
      if (child->checkState(0) == Qt::Checked)
        refs.emplace_back(child->data(0, kIdRole).toLongLong(), child->data(0, kTrialRole).toInt());
    }
  }
  return refs;
}

}  // namespace sweeplab::ui
