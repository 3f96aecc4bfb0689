// The left-hand list: the ready experiments of the experiments folder and recent files.
#pragma once

#include <QWidget>

class QTreeWidget;
class QTreeWidgetItem;

namespace sweeplab::ui {

class ExperimentBrowser : public QWidget {
  Q_OBJECT
 public:
  explicit ExperimentBrowser(QWidget* parent = nullptr);

  void refresh();  // rereads the folder and the recent list
  void setCurrentFile(const QString& path);
  QStringList experimentFiles() const;  // what the Experiments group lists, for tests
  QTreeWidget* tree() const { return tree_; }
  QTreeWidgetItem* itemFor(const QString& path) const;  // first entry of that file, or nullptr

 Q_SIGNALS:
  // A click or Enter on an entry (the window decides, and may ask about unsaved edits).
  void openRequested(const QString& path);

 private:
  QTreeWidgetItem* addGroup(const QString& title);

  QTreeWidget* tree_;
  QString current_;
};

}  // namespace sweeplab::ui
