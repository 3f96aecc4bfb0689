// A data file path: typed, or picked with a file dialog; shown relative to the experiment's
// folder when the file lies below it, as the engine resolves relative paths against it.
#pragma once

#include <QString>
#include <QWidget>

class QLineEdit;

namespace sweeplab::ui {

class PathPicker : public QWidget {
  Q_OBJECT
 public:
  explicit PathPicker(QWidget* parent = nullptr);

  QString path() const;
  void setPath(const QString& path);
  void setBaseDirectory(const QString& directory) { base_directory_ = directory; }

 Q_SIGNALS:
  void edited();

 private:
  void browse();

  QLineEdit* line_;
  QString base_directory_;
};

}  // namespace sweeplab::ui
