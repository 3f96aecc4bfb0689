// Each experiment shows its file name without the suffix; the tooltip gives the full path.
// A click asks the window to open it; the window puts the mark back if it does not.
#include "experiment_browser.h"

#include <QDir>
#include <QFileInfo>
#include <QHeaderView>
#include <QTreeWidget>
#include <QVBoxLayout>

#include "experiment_locator.h"
#include "recent_files.h"

namespace sweeplab::ui {

namespace {
constexpr int kPathRole = Qt::UserRole + 1;
}

ExperimentBrowser::ExperimentBrowser(QWidget* parent) : QWidget(parent), tree_(new QTreeWidget) {
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  tree_->setHeaderHidden(true);
  tree_->setRootIsDecorated(false);
  tree_->setUniformRowHeights(true);
  tree_->setIndentation(12);
  layout->addWidget(tree_);
  // One click opens: a highlighted entry beside a form that still shows another study read
  // as if it were open. Enter opens the entry the keyboard moved to.
  const auto open = [this](QTreeWidgetItem* item) {
    const QString path = item ? item->data(0, kPathRole).toString() : QString();
    if (!path.isEmpty()) Q_EMIT openRequested(path);
  };
  connect(tree_, &QTreeWidget::itemClicked, this, open);
  connect(tree_, &QTreeWidget::itemActivated, this, open);
  refresh();
}

QTreeWidgetItem* ExperimentBrowser::addGroup(const QString& title) {
  auto* group = new QTreeWidgetItem(tree_, {title});
  QFont bold = group->font(0);
  bold.setBold(true);
  group->setFont(0, bold);
  group->setFlags(Qt::ItemIsEnabled);
  group->setExpanded(true);
  return group;
}

void ExperimentBrowser::refresh() {
  tree_->clear();
  QTreeWidgetItem* experiments = addGroup(tr("Experiments"));
  const QString dir = findExperimentsDir();
  const QFileInfoList files =
      dir.isEmpty() ? QFileInfoList()
                    : QDir(dir).entryInfoList({"*.yaml", "*.yml"}, QDir::Files, QDir::Name);
  for (const QFileInfo& file : files) {
    auto* item = new QTreeWidgetItem(experiments, {file.completeBaseName()});
    item->setData(0, kPathRole, file.absoluteFilePath());
    item->setToolTip(0, file.absoluteFilePath());
  }
  if (files.isEmpty()) {
    auto* none = new QTreeWidgetItem(experiments, {tr("(no experiments folder found)")});
    none->setFlags(Qt::NoItemFlags);
    none->setToolTip(0, tr("Looked in:\n%1").arg(experimentsDirCandidates().join('\n')));
  }
  const QStringList recent = RecentFiles::list();
  if (!recent.isEmpty()) {
    QTreeWidgetItem* group = addGroup(tr("Recent"));
    for (const QString& path : recent) {
      auto* item = new QTreeWidgetItem(group, {QFileInfo(path).fileName()});
      item->setData(0, kPathRole, path);
      item->setToolTip(0, path);
    }
  }
  tree_->expandAll();
  setCurrentFile(current_);
}

void ExperimentBrowser::setCurrentFile(const QString& path) {
  current_ = QFileInfo(path).absoluteFilePath();
  for (int g = 0; g < tree_->topLevelItemCount(); ++g) {
    QTreeWidgetItem* group = tree_->topLevelItem(g);
    for (int i = 0; i < group->childCount(); ++i) {
      QTreeWidgetItem* item = group->child(i);
      if (!path.isEmpty() && item->data(0, kPathRole).toString() == current_) {
        tree_->setCurrentItem(item);
        return;
      }
    }
  }
  tree_->setCurrentItem(nullptr);
}

QTreeWidgetItem* ExperimentBrowser::itemFor(const QString& path) const {
  const QString wanted = QFileInfo(path).absoluteFilePath();
  for (int g = 0; g < tree_->topLevelItemCount(); ++g) {
    QTreeWidgetItem* group = tree_->topLevelItem(g);
    for (int i = 0; i < group->childCount(); ++i)
      if (group->child(i)->data(0, kPathRole).toString() == wanted) return group->child(i);
  }
  return nullptr;
}

QStringList ExperimentBrowser::experimentFiles() const {
  QStringList files;
  if (tree_->topLevelItemCount() == 0) return files;
  QTreeWidgetItem* group = tree_->topLevelItem(0);
  for (int i = 0; i < group->childCount(); ++i) {
    const QString path = group->child(i)->data(0, kPathRole).toString();
    if (!path.isEmpty()) files << path;
  }
  return files;
}

}  // namespace sweeplab::ui
