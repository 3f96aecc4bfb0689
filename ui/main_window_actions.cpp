// Menus, toolbar and the file commands of the main window.
#include <QAction>
#include <QApplication>
#include <QFileDialog>
#include <QFileInfo>
#include <QMenuBar>
#include <QMessageBox>
#include <QStyle>
#include <QToolBar>

#include "about_dialog.h"
#include "engine_bridge.h"
#include "experiment_browser.h"
#include "experiment_form.h"
#include "experiment_locator.h"
#include "export_dialog.h"
#include "history/history_panel.h"
#include "main_window.h"
#include "recent_files.h"
#include "run_status_bar.h"
#include "sweep_presenter.h"
#include "sweeplab/experiment_io.h"
#include "trial_table_view.h"

namespace sweeplab::ui {

namespace {
const char* const kYamlFilter = "Experiment files (*.yaml *.yml);;All files (*)";
}

void MainWindow::createActions() {
  auto add = [this](const char* name, const QString& text, QStyle::StandardPixmap icon,
                    const QKeySequence& shortcut, const QString& tip, auto slot) {
    auto* action = new QAction(style()->standardIcon(icon), text, this);
    action->setObjectName(QString::fromLatin1(name));
    action->setShortcut(shortcut);
    action->setToolTip(
        QStringLiteral("%1 (%2)").arg(tip, shortcut.toString(QKeySequence::NativeText)));
    action->setStatusTip(tip);
    connect(action, &QAction::triggered, this, slot);
    return action;
  };
  add("new", tr("&New"), QStyle::SP_FileIcon, QKeySequence::New,
      tr("Start a new experiment with the default settings"), [this] { newExperiment(); });
  add("open", tr("&Open…"), QStyle::SP_DialogOpenButton, QKeySequence::Open,
      tr("Open an experiment file"), [this] { openWithDialog(); });
  add("save", tr("&Save"), QStyle::SP_DialogSaveButton, QKeySequence::Save,
      tr("Save the experiment"), [this] { save(); });
  add("saveAs", tr("Save &As…"), QStyle::SP_DialogSaveButton, QKeySequence::SaveAs,
      tr("Save the experiment under a new name"), [this] { saveAs(); });
  add("run", tr("&Run"), QStyle::SP_MediaPlay, QKeySequence(Qt::CTRL | Qt::Key_R),
      tr("Train every trial of the experiment"), [this] { startRun(); });
  add("resume", tr("Res&ume"), QStyle::SP_MediaSeekForward,
      QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_R),
      tr("Finish the last or reopened run: train only the trials that did not end"),
      [this] { resumeRun(); });
  add("stop", tr("S&top"), QStyle::SP_MediaStop, QKeySequence(Qt::CTRL | Qt::Key_Period),
      tr("Stop the sweep at the next step; what was measured is kept"), [this] { stopRun(); });
  add("export", tr("&Export…"), QStyle::SP_DialogSaveButton, QKeySequence(Qt::CTRL | Qt::Key_E),
      tr("Export figures and the results table"), [this] { exportResults(); });
  add("report", tr("Write &Report…"), QStyle::SP_FileDialogContentsView,
      QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_E),
      tr("Write a report folder of the run shown: HTML, PDF, figures, tables and its files"),
      [this] { writeReportWithDialog(); });
  add("confusionMatrix", tr("Confusion &Matrix…"), QStyle::SP_FileDialogInfoView, QKeySequence(),
      tr("Show the test confusion matrix of the selected trial, or of the best one"),
      [this] { showConfusionMatrix(); });
  add("runsDirectory", tr("Runs &Folder…"), QStyle::SP_DirIcon, QKeySequence(),
      tr("Choose where run folders are written"), [this] { chooseRunsDirectory(); });
  add("storeFile", tr("Run &History File…"), QStyle::SP_DriveHDIcon, QKeySequence(),
      tr("Choose the database that keeps the history of runs"), [this] { chooseStoreFile(); });
  add("history", tr("Show &History"), QStyle::SP_FileDialogDetailedView,
      QKeySequence(Qt::CTRL | Qt::Key_H), tr("Browse, reopen and compare past runs"),
      [this] { showHistory(); });
  add("quit", tr("&Quit"), QStyle::SP_DialogCloseButton, QKeySequence::Quit, tr("Quit Sweeplab"),
      [this] { close(); });
  add("about", tr("&About Sweeplab"), QStyle::SP_MessageBoxInformation, QKeySequence(),
      tr("Versions and the device in use"), [this] { about(); });
}

QAction* MainWindow::action(const QString& name) const {
  return findChild<QAction*>(name);
}

void MainWindow::createMenus() {
  QMenu* file = menuBar()->addMenu(tr("&File"));
  for (const char* name : {"new", "open", "save", "saveAs"}) file->addAction(action(name));
  file->addSeparator();
  file->addAction(action("export"));
  file->addAction(action("report"));
  file->addAction(action("confusionMatrix"));
  file->addSeparator();
  file->addAction(action("quit"));
  QMenu* run = menuBar()->addMenu(tr("&Run"));
  run->addAction(action("run"));
  run->addAction(action("resume"));
  run->addAction(action("stop"));
  run->addSeparator();
  run->addAction(action("runsDirectory"));
  run->addAction(action("storeFile"));
  run->addSeparator();
  run->addAction(action("history"));
  menuBar()->addMenu(tr("&Help"))->addAction(action("about"));

  QToolBar* bar = addToolBar(tr("Main"));
  bar->setObjectName(QStringLiteral("mainToolBar"));
  bar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
  bar->setMovable(false);
  for (const char* name : {"new", "open", "save"}) bar->addAction(action(name));
  bar->addSeparator();
  bar->addAction(action("run"));
  bar->addAction(action("resume"));
  bar->addAction(action("stop"));
  bar->addSeparator();
  bar->addAction(action("export"));
}

void MainWindow::updateActions() {
  const bool running = bridge_->isRunning();
  action("run")->setEnabled(!running && form_->isValid());
  action("run")->setToolTip(form_->isValid() || running
                                ? tr("Train every trial of the experiment (Ctrl+R)")
                                : tr("Cannot run: %1").arg(form_->firstProblem()));
  action("resume")->setEnabled(!running && !resumableRunDirectory().isEmpty());
  action("stop")->setEnabled(running && !bridge_->stopRequested());
  table_view_->setStoppable(running);
  action("storeFile")->setEnabled(!running);
  action("report")->setEnabled(!running && !reportableRunDirectory().isEmpty());
  history_->setSweepRunning(running);
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
  return path_.isEmpty() ? saveAs() : saveTo(path_);
}

bool MainWindow::saveAs() {
  QString start = path_;
  if (start.isEmpty())
    start = QFileInfo(findExperimentsDir(), QString::fromStdString(form_->spec().name) + ".yaml")
                .absoluteFilePath();
  QString path = QFileDialog::getSaveFileName(this, tr("Save experiment"), start, tr(kYamlFilter));
  if (path.isEmpty()) return false;
  if (QFileInfo(path).suffix().isEmpty()) path += QStringLiteral(".yaml");
  return saveTo(path);
}

bool MainWindow::saveTo(const QString& path) {
  try {
    saveExperimentFile(form_->spec(), path.toStdString());
  } catch (const std::exception& e) {
    if (ask_) QMessageBox::warning(this, tr("Cannot save"), QString::fromUtf8(e.what()));
    status_->showMessage(tr("Cannot save: %1").arg(QString::fromUtf8(e.what())));
    return false;
  }
  setCurrentFile(path);
  RecentFiles::add(path);
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

void MainWindow::exportResults() {
  ExportDialog dialog(curves_, this);
  if (presenter_->lastSummary())
    dialog.setRun(*presenter_->lastSummary(), presenter_->lastRunDirectory());
  dialog.exec();
}

void MainWindow::chooseRunsDirectory() {
  const QString directory =
      QFileDialog::getExistingDirectory(this, tr("Folder for run folders"), runsDirectory());
  if (!directory.isEmpty()) setRunsDirectory(directory);
}

void MainWindow::chooseStoreFile() {
  const QString file = QFileDialog::getSaveFileName(this, tr("Run history file"), storePath(),
                                                    tr("SQLite databases (*.sqlite *.db)"), nullptr,
                                                    QFileDialog::DontConfirmOverwrite);
  if (!file.isEmpty()) setStoreSetting(file);
}

void MainWindow::about() {
  showAboutDialog(this);
}

}  // namespace sweeplab::ui
