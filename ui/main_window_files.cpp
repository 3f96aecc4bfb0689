// Opening and saving studies. The ready studies are never overwritten: Save on one (or on a
// file that cannot be written) is Save As, and Save As proposes the study's own name in the
// person's studies folder, so Enter makes a new file instead of replacing the shipped one.
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QMessageBox>

#include "experiment_browser.h"
#include "experiment_form.h"
#include "experiment_locator.h"
#include "main_window.h"
#include "recent_files.h"
#include "run_status_bar.h"
#include "sweeplab/experiment_io.h"

namespace sweeplab::ui {

namespace {
const char* const kYamlFilter = "Experiment files (*.yaml *.yml);;All files (*)";
}

void MainWindow::newExperiment() {
  if (!maybeSave()) return;
  form_->setSpec(ExperimentSpec{});
  setCurrentFile({});
}

void MainWindow::openWithDialog() {
  if (!maybeSave()) return;
  const QString start = path_.isEmpty() ? findExperimentsDir() : QFileInfo(path_).absolutePath();
  const QString path =
      QFileDialog::getOpenFileName(this, tr("Open experiment"), start, tr(kYamlFilter));
  if (!path.isEmpty()) openFile(path);
}

bool MainWindow::save() {
  return path_.isEmpty() || isProtectedStudy(path_) ? saveAs() : saveTo(path_);
}

QString MainWindow::proposedSavePath() const {
  const QString folder = !path_.isEmpty() && !isProtectedStudy(path_)
                             ? QFileInfo(path_).absolutePath()
                             : userStudiesDir();
  return QDir(folder).absoluteFilePath(studyFileName(QString::fromStdString(form_->spec().name)));
}

bool MainWindow::saveAs() {
  const QString proposed = proposedSavePath();
  QDir().mkpath(QFileInfo(proposed).absolutePath());
  QString path = save_as_hook_ ? save_as_hook_(proposed)
                               : QFileDialog::getSaveFileName(this, tr("Save experiment"), proposed,
                                                              tr(kYamlFilter));
  if (path.isEmpty()) return false;
  if (QFileInfo(path).suffix().isEmpty()) path += QStringLiteral(".yaml");
  if (isProtectedStudy(path)) {
    const QString why =
        QFileInfo(QFileInfo(path).absolutePath()) == QFileInfo(findExperimentsDir())
            ? tr("%1 is one of the studies that come with Sweeplab; they stay as they are. "
                 "Save under another name or in another folder.")
            : tr("%1 cannot be written. Save under another name or in another folder.");
    if (ask_) QMessageBox::warning(this, tr("Cannot save"), why.arg(path));
    status_->showMessage(tr("Cannot save: %1").arg(why.arg(path)));
    return false;
  }
  setUserStudiesDir(QFileInfo(path).absolutePath());
  return saveTo(path);
}

bool MainWindow::saveTo(const QString& path) {
  try {
    saveEditedExperimentFile(form_->spec(), path.toStdString());
  } catch (const std::exception& e) {
    if (ask_) QMessageBox::warning(this, tr("Cannot save"), QString::fromUtf8(e.what()));
    status_->showMessage(tr("Cannot save: %1").arg(QString::fromUtf8(e.what())));
    return false;
  }
  form_->setSourceFile(path);  // the next save keeps this file's comments
  setCurrentFile(path);
  RecentFiles::add(path);
  browser_->refresh();
  browser_->setCurrentFile(path);
  status_->showMessage(tr("Saved %1").arg(path), 4000);
  return true;
}

bool MainWindow::maybeSave() {
  if (!isWindowModified() || !ask_) return true;
  const QString name = QString::fromStdString(form_->spec().name);
  const auto answer =
      ask(tr("Save changes?"),
          tr("The study “%1” has changes that are not saved. Save them first?").arg(name),
          QMessageBox::Save | QMessageBox::Discard | QMessageBox::Cancel, QMessageBox::Save);
  if (answer == QMessageBox::Save) return save();
  return answer == QMessageBox::Discard;
}

QMessageBox::StandardButton MainWindow::ask(const QString& title, const QString& text,
                                            QMessageBox::StandardButtons buttons,
                                            QMessageBox::StandardButton byDefault) {
  if (question_hook_) return question_hook_(title, text);
  return QMessageBox::question(this, title, text, buttons, byDefault);
}

bool MainWindow::openFromBrowser(const QString& path) {
  // A second click on the study shown (or the click of a double-click) changes nothing.
  if (!path_.isEmpty() && QFileInfo(path) == QFileInfo(path_)) return true;
  if (maybeSave() && openFile(path)) return true;
  browser_->setCurrentFile(path_);
  return false;
}

}  // namespace sweeplab::ui
