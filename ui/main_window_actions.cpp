// Menus, toolbar and the smaller commands of the main window; opening and saving studies are in
// main_window_files.cpp.
#include <QAction>
#include <QApplication>
#include <QFileDialog>
#include <QMenuBar>
#include <QMessageBox>
#include <QStyle>
#include <QToolBar>

#include "about_dialog.h"
#include "engine_bridge.h"
#include "experiment_form.h"
#include "export_dialog.h"
#include "history/history_panel.h"
#include "main_window.h"
#include "run_status_bar.h"
#include "sweep_presenter.h"
#include "trial_table_view.h"

namespace sweeplab::ui {

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
  // Spelled out: QKeySequence::SaveAs is empty on some platforms.
  add("saveAs", tr("Save &As…"), QStyle::SP_DialogSaveButton,
      QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_S),
      tr("Save the experiment under a new name, in a folder of your choice"), [this] { saveAs(); });
  add("run", tr("&Run"), QStyle::SP_MediaPlay, QKeySequence(Qt::CTRL | Qt::Key_R),
      tr("Train every trial of the experiment"), [this] { startRun(); });
  add("resume", tr("Res&ume"), QStyle::SP_MediaSeekForward,
      QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_R),
      tr("Finish the last or reopened run: train only the trials that did not end"),
      [this] { resumeRun(); });
  add("submit", tr("Run on &Slurm Cluster…"), QStyle::SP_DriveNetIcon,
      QKeySequence(Qt::CTRL | Qt::ALT | Qt::Key_R),
      tr("Submit every trial to a Slurm cluster as one array job and follow it here"),
      [this] { submitToCluster(); });
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
  run->addAction(action("submit"));
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
  action("submit")->setEnabled(!running && form_->isValid());
  action("resume")->setEnabled(!running && !resumableRunDirectory().isEmpty());
  action("stop")->setEnabled(running && !bridge_->stopRequested());
  table_view_->setStoppable(running);
  table_view_->setStopCancelsSlurmTask(bridge_->isFollowingCluster());
  action("storeFile")->setEnabled(!running);
  action("report")->setEnabled(!running && !reportableRunDirectory().isEmpty());
  history_->setSweepRunning(running);
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
