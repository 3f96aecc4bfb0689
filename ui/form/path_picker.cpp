// File dialog filtered to the formats the engine reads (JSC HDF5 and CSV).
#include "form/path_picker.h"

#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QLineEdit>
#include <QToolButton>

namespace sweeplab::ui {

PathPicker::PathPicker(QWidget* parent) : QWidget(parent), line_(new QLineEdit(this)) {
  auto* layout = new QHBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->setSpacing(4);
  line_->setPlaceholderText(tr("data file (.h5 or .csv)"));
  auto* button = new QToolButton(this);
  button->setText(tr("…"));
  button->setToolTip(tr("Choose the data file"));
  layout->addWidget(line_, 1);
  layout->addWidget(button);
  setFocusProxy(line_);
  connect(line_, &QLineEdit::textEdited, this, &PathPicker::edited);
  connect(button, &QToolButton::clicked, this, &PathPicker::browse);
}

QString PathPicker::path() const {
  return line_->text().trimmed();
}

void PathPicker::setPath(const QString& path) {
  line_->setText(path);
}

void PathPicker::browse() {
  QString start = base_directory_;
  if (!path().isEmpty()) start = QDir(base_directory_).absoluteFilePath(path());
  const QString chosen = QFileDialog::getOpenFileName(
      this, tr("Choose data file"), start,
      tr("Data files (*.h5 *.hdf5 *.csv);;HDF5 (*.h5 *.hdf5);;CSV (*.csv);;All files (*)"));
  if (chosen.isEmpty()) return;
  QString shown = chosen;
  if (!base_directory_.isEmpty()) {
    const QString relative = QDir(base_directory_).relativeFilePath(chosen);
    if (!relative.startsWith(QStringLiteral("..")) && !QFileInfo(relative).isAbsolute())
      shown = relative;
  }
  line_->setText(shown);
  Q_EMIT edited();
}

}  // namespace sweeplab::ui
